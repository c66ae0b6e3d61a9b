using System.Globalization;
using CompiledNets.Reporting;

namespace CompiledNets.Tests.Reporting;

public sealed class CountedTests
{
    [Theory]
    [InlineData(0, "0 epochs")]
    [InlineData(1, "1 epoch")]
    [InlineData(2, "2 epochs")]
    [InlineData(-1, "-1 epochs")]
    [InlineData(5_000_000_000, "5000000000 epochs")]
    public void A_count_of_one_takes_the_singular_and_every_other_the_plural(long count, string expected)
        => Assert.Equal(expected, Counted.Of(count, "epoch"));

    [Theory]
    [InlineData(1, "1 entry")]
    [InlineData(3, "3 entries")]
    public void An_irregular_plural_is_given(long count, string expected)
        => Assert.Equal(expected, Counted.Of(count, "entry", "entries"));

    [Fact]
    public void Grouped_separates_thousands_as_the_culture_does()
    {
        CultureInfo previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("101.770 parameters", Counted.Grouped(101_770, "parameter"));
            Assert.Equal("1 parameter", Counted.Grouped(1, "parameter"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
