using CompiledNets.Reporting;

namespace CompiledNets.Tests.Reporting;

public class SvgTextTests
{
    [Theory]
    [InlineData(0.0, 0.5, "0")]
    [InlineData(0.25, 0.05, "0.25")]
    [InlineData(-1.5, 0.5, "-1.5")]
    [InlineData(1400.0, 200.0, "1400")]
    [InlineData(5e-7, 1e-7, "5e-7")]
    [InlineData(1.2e-7, 2e-8, "1.2e-7")]
    [InlineData(2.5e9, 5e8, "2.5e9")]
    public void Tick_labels_show_the_decimals_the_step_needs(double value, double step, string expected) =>
        Assert.Equal(expected, SvgText.TickLabel(value, step));

    [Fact]
    public void Escape_makes_any_text_safe_for_xml() =>
        Assert.Equal("&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos; \uFFFD \uFFFD 😀", SvgText.Escape("<a> & \"b\" 'c' \u0007 \uD800 😀"));

    [Fact]
    public void Coordinates_are_rounded_and_invariant() =>
        Assert.Equal("1234.57", SvgText.Coordinate(1234.5678));
}
