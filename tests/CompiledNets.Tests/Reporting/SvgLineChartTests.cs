using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CompiledNets.Reporting;
using CompiledNets.Tests.Persistence;
using static CompiledNets.Tests.Reporting.SvgAssert;

namespace CompiledNets.Tests.Reporting;

public class SvgLineChartTests
{
    private static readonly double[] Losses = [2.31, 1.2, 0.71, 0.44, 0.3, 0.22, 0.18, 0.15, 0.13, 0.12];
    private static readonly double[] Accuracies = [61.5, 80.2, 86.9, 90.4, 92.2, 93.5, 94.1, 94.8, 95.0, 95.3];

    private static SvgLineChart DigitsChart() =>
        new SvgLineChart("Digits") { XAxisLabel = "epoch", YAxisLabel = "loss", RightYAxisLabel = "accuracy (%)" }
            .AddSeries("training loss", Losses)
            .AddSeries("test loss", Losses.Select(l => l * 1.1).ToArray())
            .AddSeries("test accuracy", Accuracies, YAxis.Right);

    [Fact]
    public void Output_is_svg_with_title_axis_labels_and_a_legend_entry_per_series()
    {
        XElement root = Parse(DigitsChart().ToSvg());

        string[] texts = Texts(root);
        Assert.Contains("Digits", texts);
        Assert.Contains("epoch", texts);
        Assert.Contains("loss", texts);
        Assert.Contains("accuracy (%)", texts);
        Assert.Contains("training loss", texts);
        Assert.Contains("test loss", texts);
        Assert.Contains("test accuracy (right axis)", texts);
    }

    [Fact]
    public void Each_series_is_one_polyline_with_a_point_per_value_in_its_own_color()
    {
        XElement root = Parse(DigitsChart().ToSvg());

        XElement[] polylines = All(root, "polyline").ToArray();
        Assert.Equal(["training loss", "test loss", "test accuracy"], polylines.Select(p => p.Element(Svg + "title")!.Value));
        Assert.All(polylines, p => Assert.Equal(10, Points(p).Length));
        Assert.Equal(3, polylines.Select(p => (string)p.Attribute("stroke")!).Distinct().Count());
    }

    [Fact]
    public void Lower_loss_is_drawn_lower_and_the_right_axis_scale_is_independent()
    {
        XElement root = Parse(DigitsChart().ToSvg());
        var (training, accuracy) = (Points(All(root, "polyline").First()), Points(All(root, "polyline").Last()));

        // SVG y grows downwards: falling loss means growing y, rising accuracy means falling y.
        Assert.True(training[^1].Y > training[0].Y);
        Assert.True(accuracy[^1].Y < accuracy[0].Y);
        // On one shared axis 95 % would sit far above a loss of 2.31; on its own axis it uses the plot's height.
        Assert.True(accuracy[0].Y > training[0].Y);
    }

    [Fact]
    public void Numbers_are_culture_invariant_under_a_comma_decimal_culture()
    {
        CultureInfo previous = CultureInfo.CurrentCulture;
        string svg;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("1,5", 1.5.ToString(CultureInfo.CurrentCulture)); // the culture really uses a decimal comma here
            svg = DigitsChart().ToSvg();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        XElement root = Parse(svg);
        string[] tickLabels = Texts(root).Where(t => Regex.IsMatch(t, "^[-0-9.,e]+$")).ToArray();
        Assert.Contains("0.5", tickLabels);
        Assert.Contains("1.5", tickLabels);
        Assert.All(tickLabels, label => Assert.DoesNotContain(",", label));
        Assert.All(All(root, "polyline"), p => Points(p)); // every point is exactly "x,y" with invariant numbers
        EverythingInsideViewBox(root);
    }

    [Fact]
    public void Left_tick_labels_are_round_numbers_covering_the_data()
    {
        XElement root = Parse(new SvgLineChart("t").AddSeries("loss", Losses).ToSvg());

        double[] ticks = All(root, "text").Where(t => (string?)t.Attribute("text-anchor") == "end").Select(t => Number(t.Value)).ToArray();

        Assert.Equal([0, 0.5, 1, 1.5, 2, 2.5], ticks.Order());
    }

    [Fact]
    public void Non_finite_values_are_skipped()
    {
        double[] y = [1, double.NaN, 2, double.PositiveInfinity, 3, double.NegativeInfinity];
        XElement root = Parse(new SvgLineChart("t").AddSeries("gappy", y).ToSvg());

        Assert.Equal(3, Points(All(root, "polyline").Single()).Length);
        EverythingInsideViewBox(root);
    }

    [Fact]
    public void A_log_scale_places_powers_of_ten_and_skips_values_that_are_not_positive()
    {
        double[] loss = Enumerable.Range(0, 1500).Select(i => 0.7 * Math.Exp(-i / 200.0)).ToArray();
        loss[10] = 0;
        loss[11] = -1;
        XElement root = Parse(new SvgLineChart("Xor") { LogScaleY = true }.AddSeries("loss", loss).ToSvg());

        Assert.Equal(1498, Points(All(root, "polyline").Single()).Length);
        string[] leftLabels = All(root, "text").Where(t => (string?)t.Attribute("text-anchor") == "end").Select(t => t.Value).ToArray();
        // The data runs from 0.7 down to 3.9e-4: the axis spans the decades around it.
        Assert.Equal(["0.0001", "0.001", "0.01", "0.1", "1"], leftLabels.OrderBy(Number));
        Assert.Empty(All(root, "circle")); // 1500 points: a line without markers
        EverythingInsideViewBox(root);
    }

    [Fact]
    public void Right_axis_series_is_dashed_with_labels_right_of_the_plot()
    {
        XElement root = Parse(DigitsChart().ToSvg());

        XElement accuracy = All(root, "polyline").Last();
        Assert.NotNull(accuracy.Attribute("stroke-dasharray"));
        double plotRight = All(root, "rect").Where(r => r.Attribute("x") is not null).Select(r => Number((string)r.Attribute("x")!) + Number((string)r.Attribute("width")!)).Single();
        XElement[] rightLabels = All(root, "text").Where(t => (string?)t.Attribute("text-anchor") == "start" && Number((string)t.Attribute("x")!) > plotRight).ToArray();
        Assert.Contains("90", rightLabels.Select(t => t.Value));
    }

    public static TheoryData<string, double[]> EdgeCases => new()
    {
        { "single point", [0.5] },
        { "constant", [3, 3, 3, 3] },
        { "constant zero", [0, 0] },
        { "all NaN", [double.NaN, double.NaN] },
        { "empty", [] },
        { "negative", [-5, -2.5, 1e-3] },
        { "tiny", [1e-9, 2e-9, 1.5e-9] },
        { "huge", [1e300, -1e300, 5e299] },
        { "a subnormal", [5e-324] }, // a tenth of it, the band around a single point, rounds to 0
        { "subnormals", [5e-324, 1e-323, 5e-324] }, // 10^-324, the power of ten below them, rounds to 0
        { "both ends of double", [double.MaxValue, -double.MaxValue, 1] }, // their difference overflows
        { "the largest doubles", [double.MaxValue, 1.5e308] }, // 10^309, the power of ten above them, overflows
    };

    [Fact]
    public void X_values_at_the_ends_of_double_stay_inside_the_view_box()
    {
        XElement root = Parse(new SvgLineChart("x").AddSeries("wide", [-double.MaxValue, 0, double.MaxValue], [1.0, 2, 3])
            .AddSeries("tiny", [5e-324], [2.0], YAxis.Right).ToSvg());

        (double X, double Y)[] wide = Points(All(root, "polyline").First());
        EverythingInsideViewBox(root);
        Assert.Equal(wide[1].X - wide[0].X, wide[2].X - wide[1].X, 0.1); // 0 midway between the ends, not on one of them
    }

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void Edge_cases_stay_well_formed_and_inside_the_view_box(string name, double[] y)
    {
        foreach (bool logScale in new[] { false, true })
        {
            XElement root = Parse(new SvgLineChart(name) { LogScaleY = logScale, XAxisLabel = "x", YAxisLabel = "y" }
                .AddSeries(name, y)
                .AddSeries("right", y, YAxis.Right)
                .ToSvg());

            Assert.Equal(2, All(root, "polyline").Count());
            EverythingInsideViewBox(root);
        }
    }

    [Fact]
    public void A_single_point_gets_a_marker_so_it_is_visible()
    {
        XElement root = Parse(new SvgLineChart("one").AddSeries("only", [42.0]).ToSvg());

        Assert.Single(Points(All(root, "polyline").Single()));
        Assert.Single(All(root, "circle"));
    }

    [Fact]
    public void Text_is_xml_escaped()
    {
        const string title = "Loss <MLP> & \"friends\" 'quoted'";
        const string series = "a<b & c\u0001";
        XElement root = Parse(new SvgLineChart(title) { XAxisLabel = "x & y" }.AddSeries(series, [1.0, 2.0]).ToSvg());

        string[] texts = Texts(root);
        Assert.Contains(title, texts);
        Assert.Contains("x & y", texts);
        Assert.Contains("a<b & c\uFFFD", texts);
    }

    [Fact]
    public void Explicit_x_values_position_the_points()
    {
        XElement root = Parse(new SvgLineChart("t").AddSeries("s", [0.0, 50, 100], [1.0, 2, 3]).ToSvg());

        var points = Points(All(root, "polyline").Single());
        Assert.Equal(points[1].X, (points[0].X + points[2].X) / 2, precision: 1);
    }

    [Fact]
    public void Points_can_be_added_as_pairs_and_the_title_set_by_initializer()
    {
        var curve = new List<(double Iteration, double Loss)> { (1, 0.9), (2, 0.5), (3, double.NaN), (4, 0.2) };
        XElement root = Parse(new SvgLineChart { Title = "Xor", XAxisLabel = "iteration" }.AddSeries("loss", curve).ToSvg());

        Assert.Equal(3, Points(All(root, "polyline").Single()).Length);
        Assert.Contains("Xor", Texts(root));
        Assert.Contains("iteration", Texts(root));
    }

    [Fact]
    public void Without_a_title_or_labels_nothing_is_written_for_them()
    {
        XElement root = Parse(new SvgLineChart { Title = null! }.AddSeries("s", [1.0, 2.0]).ToSvg());

        Assert.DoesNotContain("", Texts(root));
    }

    [Fact]
    public void Mismatched_x_and_y_lengths_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new SvgLineChart("t").AddSeries("s", [1.0, 2.0], [1.0]));
        Assert.Contains("\"s\"", error.Message);
    }

    [Fact]
    public void Save_writes_the_svg_and_leaves_no_temporary_file()
    {
        using var directory = new TempDirectory();
        string path = directory.File("curve.svg");
        SvgLineChart chart = DigitsChart();
        File.WriteAllText(path, "old");

        chart.Save(path);

        Assert.Equal(chart.ToSvg(), File.ReadAllText(path));
        Assert.Equal(["curve.svg"], directory.FileNames());
    }

    [Fact]
    public void Save_creates_a_missing_output_directory()
    {
        using var directory = new TempDirectory();
        string path = Path.Combine(directory.Path, "output", "charts", "loss.svg");

        new SvgLineChart("t").AddSeries("s", [1.0, 2.0]).Save(path);

        Parse(File.ReadAllText(path));
        Assert.Equal(["loss.svg"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }
}
