using System.Globalization;
using System.Text;
using CompiledNets.Persistence;

namespace CompiledNets.Reporting;

/// <summary>
/// A line chart written as a standalone SVG file, for training curves: a title, axis labels, axes with round-number
/// ticks, one polyline per named series in its own color, and a legend. A series can use a second y-axis on the
/// right with its own scale, e.g. loss on the left and accuracy in percent on the right.
/// </summary>
/// <remarks>
/// Points whose x or y is NaN or infinite are skipped (as are y ≤ 0 on a logarithmic axis), so a diverged run still
/// charts. All numbers are written culture-invariant.
/// </remarks>
/// <example>
/// <code>
/// new SvgLineChart("Digits") { XAxisLabel = "epoch", YAxisLabel = "loss", RightYAxisLabel = "accuracy (%)" }
///     .AddSeries("training loss", losses)
///     .AddSeries("test accuracy", accuracies, YAxis.Right)
///     .Save("digits.svg");
/// </code>
/// </example>
public sealed class SvgLineChart
{
    private const double FontSize = 12;
    private const double TitleFontSize = 16;
    private const double Edge = 14;
    private const double TickLength = 5;
    private const double LegendRowHeight = 18;
    private const double LegendSwatchWidth = 24;
    private const int MaxPointsWithMarkers = 30;

    // Distinct hues in the order of the common "tab10" palette, reordered so the first two contrast most.
    private static readonly string[] Palette =
        ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];

    private readonly List<ChartSeries> _series = [];
    private int _width = 800;
    private int _height = 450;

    /// <summary>Creates an empty chart; set <see cref="Title"/> and the axis labels with an object initializer.</summary>
    public SvgLineChart()
    {
    }

    /// <summary>Creates an empty chart with the given title.</summary>
    public SvgLineChart(string title) => Title = title;

    /// <summary>The title above the chart (none if empty).</summary>
    public string Title { get; set => field = value ?? ""; } = "";

    /// <summary>The label below the x-axis (none if empty).</summary>
    public string XAxisLabel { get; set => field = value ?? ""; } = "";

    /// <summary>The label of the left y-axis (none if empty).</summary>
    public string YAxisLabel { get; set => field = value ?? ""; } = "";

    /// <summary>The label of the right y-axis, which appears once a series is added with <see cref="YAxis.Right"/>.</summary>
    public string RightYAxisLabel { get; set => field = value ?? ""; } = "";

    /// <summary>
    /// Whether the left y-axis is logarithmic (ticks at powers of ten), for losses that fall over several orders of
    /// magnitude. The right axis is always linear.
    /// </summary>
    public bool LogScaleY { get; set; }

    /// <summary>Width of the image in pixels (at least 200; default 800).</summary>
    public int Width
    {
        get => _width;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 200);
            _width = value;
        }
    }

    /// <summary>Height of the image in pixels (at least 150; default 450).</summary>
    public int Height
    {
        get => _height;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 150);
            _height = value;
        }
    }

    /// <summary>Adds a series whose i-th value is plotted at x = i + 1 (epochs or iterations counted from 1).</summary>
    /// <returns>This chart, to chain calls.</returns>
    public SvgLineChart AddSeries(string name, IReadOnlyList<double> y, YAxis axis = YAxis.Left)
    {
        ArgumentNullException.ThrowIfNull(y);
        return AddSeries(name, Enumerable.Range(1, y.Count).Select(i => (double)i).ToArray(), y, axis);
    }

    /// <summary>Adds a series of (x, y) points, e.g. (iteration, loss) pairs. The values are copied.</summary>
    /// <returns>This chart, to chain calls.</returns>
    public SvgLineChart AddSeries(string name, IEnumerable<(double X, double Y)> points, YAxis axis = YAxis.Left)
    {
        ArgumentNullException.ThrowIfNull(points);
        (double X, double Y)[] copy = [.. points];
        return AddSeries(name, copy.Select(p => p.X).ToArray(), copy.Select(p => p.Y).ToArray(), axis);
    }

    /// <summary>Adds a series of points (x[i], y[i]). The values are copied.</summary>
    /// <returns>This chart, to chain calls.</returns>
    public SvgLineChart AddSeries(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, YAxis axis = YAxis.Left)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
            throw new ArgumentException($"Series \"{name}\" has {x.Count} x values but {y.Count} y values.", nameof(y));
        if (!Enum.IsDefined(axis))
            throw new ArgumentOutOfRangeException(nameof(axis));
        _series.Add(new ChartSeries(name, [.. x], [.. y], axis, Palette[_series.Count % Palette.Length]));
        return this;
    }

    /// <summary>
    /// Writes the chart to <paramref name="path"/> as UTF-8, atomically (temporary file, then rename), creating
    /// the directory if it does not exist yet (charts typically go to a fresh output folder).
    /// </summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        byte[] content = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(ToSvg());
        AtomicFile.Write(path, stream => stream.Write(content));
    }

    /// <summary>The chart as a standalone SVG document.</summary>
    public string ToSvg() => new Renderer(this).Render();

    /// <summary>Lays the chart out and writes it; one instance per <see cref="ToSvg"/> call.</summary>
    private sealed class Renderer
    {
        private readonly SvgLineChart _chart;
        private readonly StringBuilder _svg = new();
        private readonly (double X, double Y)[][] _points;
        private readonly bool _hasRightAxis;
        private readonly ChartScale _x;
        private readonly ChartScale _left;
        private readonly ChartScale? _right;
        private readonly List<List<(ChartSeries Series, string Text)>> _legendRows;
        private readonly double _plotLeft, _plotRight, _plotTop, _plotBottom;

        public Renderer(SvgLineChart chart)
        {
            _chart = chart;
            List<ChartSeries> series = chart._series;
            _points = [.. series.Select(s => s.DrawablePoints(chart.LogScaleY && s.Axis == YAxis.Left))];
            _hasRightAxis = series.Any(s => s.Axis == YAxis.Right);

            var allX = _points.SelectMany(p => p).Select(p => p.X).ToArray();
            var leftY = PointsOn(YAxis.Left).Select(p => p.Y).ToArray();
            int xTicks = Math.Clamp((chart.Width - 160) / 90, 2, 12);
            int yTicks = Math.Clamp((chart.Height - 120) / 50, 2, 10);
            _x = ChartScale.Linear(Min(allX), Max(allX), xTicks, roundOutward: false,
                integerSteps: allX.Length > 0 && allX.All(double.IsInteger));
            _left = chart.LogScaleY
                ? ChartScale.Logarithmic(Min(leftY), Max(leftY), yTicks)
                : ChartScale.Linear(Min(leftY), Max(leftY), yTicks, roundOutward: true, integerSteps: false);
            if (_hasRightAxis)
            {
                var rightY = PointsOn(YAxis.Right).Select(p => p.Y).ToArray();
                _right = ChartScale.Linear(Min(rightY), Max(rightY), yTicks, roundOutward: true, integerSteps: false);
            }

            _plotLeft = Edge + AxisLabelSpace(chart.YAxisLabel) + LabelsWidth(_left) + TickLength + 4;
            _legendRows = LayOutLegend(chart.Width - Edge - _plotLeft);
            _plotTop = Edge + (chart.Title.Length > 0 ? TitleFontSize + 8 : 0) + _legendRows.Count * LegendRowHeight + 12;
            _plotBottom = chart.Height - Edge - FontSize - TickLength - 4 - (chart.XAxisLabel.Length > 0 ? FontSize + 10 : 0);
            double lastXLabel = _x.Labels.Length > 0 ? SvgText.EstimatedWidth(_x.Labels[^1], FontSize) / 2 : 0;
            _plotRight = chart.Width - (_right is null
                ? Math.Max(Edge + lastXLabel, 24)
                : Edge + AxisLabelSpace(chart.RightYAxisLabel) + LabelsWidth(_right) + TickLength + 4);
        }

        public string Render()
        {
            var (w, h) = (_chart.Width, _chart.Height);
            Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" ");
            Append($"font-family=\"Helvetica, Arial, sans-serif\" font-size=\"{FontSize}\">\n");
            Append($"<rect width=\"{w}\" height=\"{h}\" fill=\"white\"/>\n");
            WriteTitleAndLegend();
            WriteGridAndAxes();
            WriteSeries();
            _svg.Append("</svg>\n");
            return _svg.ToString();
        }

        private void WriteTitleAndLegend()
        {
            double y = Edge;
            if (_chart.Title.Length > 0)
            {
                y += TitleFontSize;
                Text(_chart.Width / 2.0, y, _chart.Title, "middle", $"font-size=\"{TitleFontSize}\" font-weight=\"bold\"");
                y += 8;
            }
            foreach (var row in _legendRows)
            {
                y += LegendRowHeight;
                double x = _plotLeft;
                foreach (var (series, text) in row)
                {
                    double mid = y - FontSize / 3;
                    Append($"<line x1=\"{C(x)}\" y1=\"{C(mid)}\" x2=\"{C(x + LegendSwatchWidth)}\" y2=\"{C(mid)}\" ");
                    Append($"stroke=\"{series.Color}\" stroke-width=\"2.5\"{Dash(series)}/>\n");
                    Text(x + LegendSwatchWidth + 6, y, text, "start");
                    x += LegendEntryWidth(text);
                }
            }
        }

        private void WriteGridAndAxes()
        {
            _svg.Append("<g stroke=\"#e6e6e6\" stroke-width=\"1\">\n");
            foreach (double tick in _x.Ticks)
                Line(XPixel(tick), _plotTop, XPixel(tick), _plotBottom);
            foreach (double tick in _left.Ticks)
                Line(_plotLeft, YPixel(_left, tick), _plotRight, YPixel(_left, tick));
            _svg.Append("</g>\n");

            Append($"<rect x=\"{C(_plotLeft)}\" y=\"{C(_plotTop)}\" width=\"{C(_plotRight - _plotLeft)}\" height=\"{C(_plotBottom - _plotTop)}\" fill=\"none\" stroke=\"#666\"/>\n");

            _svg.Append("<g stroke=\"#666\" stroke-width=\"1\">\n");
            foreach (double tick in _x.Ticks)
                Line(XPixel(tick), _plotBottom, XPixel(tick), _plotBottom + TickLength);
            foreach (double tick in _left.Ticks)
                Line(_plotLeft - TickLength, YPixel(_left, tick), _plotLeft, YPixel(_left, tick));
            foreach (double tick in _right?.Ticks ?? [])
                Line(_plotRight, YPixel(_right!, tick), _plotRight + TickLength, YPixel(_right!, tick));
            _svg.Append("</g>\n");

            for (int i = 0; i < _x.Ticks.Length; i++)
                Text(XPixel(_x.Ticks[i]), _plotBottom + TickLength + 4 + FontSize, _x.Labels[i], "middle");
            for (int i = 0; i < _left.Ticks.Length; i++)
                Text(_plotLeft - TickLength - 3, YPixel(_left, _left.Ticks[i]) + FontSize / 3, _left.Labels[i], "end");
            for (int i = 0; i < (_right?.Ticks.Length ?? 0); i++)
                Text(_plotRight + TickLength + 3, YPixel(_right!, _right!.Ticks[i]) + FontSize / 3, _right.Labels[i], "start");

            double middleX = (_plotLeft + _plotRight) / 2, middleY = (_plotTop + _plotBottom) / 2;
            if (_chart.XAxisLabel.Length > 0)
                Text(middleX, _chart.Height - Edge, _chart.XAxisLabel, "middle");
            if (_chart.YAxisLabel.Length > 0)
                RotatedText(Edge + FontSize, middleY, -90, _chart.YAxisLabel);
            if (_right is not null && _chart.RightYAxisLabel.Length > 0)
                RotatedText(_chart.Width - Edge - FontSize, middleY, 90, _chart.RightYAxisLabel);
        }

        private void WriteSeries()
        {
            for (int s = 0; s < _points.Length; s++)
            {
                ChartSeries series = _chart._series[s];
                ChartScale y = series.Axis == YAxis.Right ? _right! : _left;
                var points = _points[s];
                Append($"<polyline fill=\"none\" stroke=\"{series.Color}\" stroke-width=\"1.75\" stroke-linejoin=\"round\" stroke-linecap=\"round\"{Dash(series)} points=\"");
                for (int i = 0; i < points.Length; i++)
                {
                    if (i > 0)
                        _svg.Append(' ');
                    _svg.Append(C(XPixel(points[i].X))).Append(',').Append(C(YPixel(y, points[i].Y)));
                }
                _svg.Append("\"><title>").Append(SvgText.Escape(series.Name)).Append("</title></polyline>\n");

                // Few points (a handful of epochs, or one) read better with a dot on each; one point has no line at all.
                if (points.Length > MaxPointsWithMarkers)
                    continue;
                Append($"<g fill=\"{series.Color}\">");
                foreach (var (px, py) in points)
                    Append($"<circle cx=\"{C(XPixel(px))}\" cy=\"{C(YPixel(y, py))}\" r=\"2.75\"/>");
                _svg.Append("</g>\n");
            }
        }

        private List<List<(ChartSeries, string)>> LayOutLegend(double available)
        {
            var rows = new List<List<(ChartSeries, string)>>();
            double used = double.PositiveInfinity;
            bool hasLeftSeries = _chart._series.Any(s => s.Axis == YAxis.Left);
            foreach (ChartSeries series in _chart._series)
            {
                string text = series.Axis == YAxis.Right && hasLeftSeries ? series.Name + " (right axis)" : series.Name;
                double width = LegendEntryWidth(text);
                if (used + width > available)
                {
                    rows.Add([]);
                    used = 0;
                }
                rows[^1].Add((series, text));
                used += width;
            }
            return rows;
        }

        private IEnumerable<(double X, double Y)> PointsOn(YAxis axis) =>
            _points.Where((_, i) => _chart._series[i].Axis == axis).SelectMany(p => p);

        private double XPixel(double x) => _plotLeft + _x.Fraction(x) * (_plotRight - _plotLeft);

        private double YPixel(ChartScale scale, double y) => _plotBottom - scale.Fraction(y) * (_plotBottom - _plotTop);

        private void Line(double x1, double y1, double x2, double y2) =>
            Append($"<line x1=\"{C(x1)}\" y1=\"{C(y1)}\" x2=\"{C(x2)}\" y2=\"{C(y2)}\"/>\n");

        private void Text(double x, double y, string text, string anchor, string extra = "") =>
            Append($"<text x=\"{C(x)}\" y=\"{C(y)}\" text-anchor=\"{anchor}\"{(extra.Length > 0 ? " " + extra : "")}>{SvgText.Escape(text)}</text>\n");

        private void RotatedText(double x, double y, int degrees, string text) =>
            Append($"<text x=\"{C(x)}\" y=\"{C(y)}\" text-anchor=\"middle\" transform=\"rotate({degrees} {C(x)} {C(y)})\">{SvgText.Escape(text)}</text>\n");

        private void Append(FormattableString text) => _svg.Append(text.ToString(CultureInfo.InvariantCulture));

        private static string C(double value) => SvgText.Coordinate(value);

        private static string Dash(ChartSeries series) => series.Axis == YAxis.Right ? " stroke-dasharray=\"7 4\"" : "";

        private static double LegendEntryWidth(string text) => LegendSwatchWidth + 6 + SvgText.EstimatedWidth(text, FontSize) + 18;

        private static double AxisLabelSpace(string label) => label.Length > 0 ? FontSize + 8 : 0;

        private static double LabelsWidth(ChartScale scale) =>
            scale.Labels.Length == 0 ? 0 : scale.Labels.Max(l => SvgText.EstimatedWidth(l, FontSize));

        private static double Min(double[] values) => values.Length == 0 ? double.NaN : values.Min();

        private static double Max(double[] values) => values.Length == 0 ? double.NaN : values.Max();
    }
}
