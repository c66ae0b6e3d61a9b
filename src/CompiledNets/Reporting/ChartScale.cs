namespace CompiledNets.Reporting;

/// <summary>
/// Maps data values on one axis to the fraction 0..1 of the plot and chooses its ticks: round numbers 1, 2 or 5
/// times a power of ten on a linear axis, powers of ten on a logarithmic one.
/// </summary>
internal sealed class ChartScale
{
    private const int MaxTicks = 60;

    private readonly double _from;
    private readonly double _to;

    private ChartScale(double from, double to, bool logarithmic, double[] ticks, string[] labels)
    {
        _from = from;
        _to = to;
        IsLogarithmic = logarithmic;
        Ticks = ticks;
        Labels = labels;
    }

    /// <summary>Whether values are placed by their logarithm.</summary>
    public bool IsLogarithmic { get; }

    /// <summary>The tick values, ascending, all within the axis range.</summary>
    public double[] Ticks { get; }

    /// <summary>The culture-invariant label of each tick.</summary>
    public string[] Labels { get; }

    /// <summary>Where <paramref name="value"/> lies: 0 at the start of the axis, 1 at its end.</summary>
    public double Fraction(double value) =>
        IsLogarithmic ? (Math.Log10(value) - _from) / (_to - _from) : (value - _from) / (_to - _from);

    /// <summary>
    /// A linear axis covering [<paramref name="dataMin"/>, <paramref name="dataMax"/>] with about
    /// <paramref name="targetTicks"/> ticks. <paramref name="roundOutward"/> widens the range to whole ticks (for y);
    /// otherwise the range is the data's (for x). <paramref name="integerSteps"/> keeps ticks on whole numbers.
    /// </summary>
    public static ChartScale Linear(double dataMin, double dataMax, int targetTicks, bool roundOutward, bool integerSteps)
    {
        if (!(dataMin <= dataMax)) // no data at all
            (dataMin, dataMax) = (0, 1);
        if (dataMax - dataMin <= Math.Max(Math.Abs(dataMin), Math.Abs(dataMax)) * 1e-12)
        {
            // A single point or a constant series (up to rounding noise, which no tick label could resolve):
            // give it a band so it sits mid-axis instead of dividing by zero.
            double pad = dataMin == 0 ? 1 : Math.Abs(dataMin) * 0.1;
            (dataMin, dataMax) = (dataMin - pad, dataMax + pad);
        }
        double span = dataMax - dataMin;
        if (!double.IsFinite(span)) // values near ±double.MaxValue: just label the ends
            return new ChartScale(dataMin, dataMax, false, [dataMin, dataMax], [Label(dataMin), Label(dataMax)]);

        double step = NiceStep(span / Math.Max(1, targetTicks));
        if (integerSteps)
            step = Math.Max(step, 1);
        // The 1e-9 slack keeps rounding noise (2.2000000000000002 / 0.1) from adding a whole empty step.
        double from = roundOutward ? Math.Floor(dataMin / step + 1e-9) * step : dataMin;
        double to = roundOutward ? Math.Ceiling(dataMax / step - 1e-9) * step : dataMax;

        var ticks = new List<double>();
        double first = Math.Ceiling(from / step - 1e-9);
        double last = Math.Floor(to / step + 1e-9);
        for (int i = 0; i <= last - first && i < MaxTicks; i++)
            ticks.Add((first + i) * step);
        return new ChartScale(from, to, false, [.. ticks], [.. ticks.Select(t => SvgText.TickLabel(t, step))]);

        static string Label(double value) => SvgText.TickLabel(value, Math.Abs(value));
    }

    /// <summary>
    /// A logarithmic axis from the power of ten at or below <paramref name="dataMin"/> to the one at or above
    /// <paramref name="dataMax"/> (both positive); ticks at powers of ten, and at 2 and 5 times them when the
    /// axis spans two decades or less.
    /// </summary>
    public static ChartScale Logarithmic(double dataMin, double dataMax, int targetTicks)
    {
        if (!(dataMin <= dataMax) || dataMin <= 0)
            (dataMin, dataMax) = (1, 10);
        int low = (int)Math.Floor(Math.Log10(dataMin));
        int high = (int)Math.Ceiling(Math.Log10(dataMax));
        if (high == low)
            high = low + 1;

        int decadesPerTick = Math.Max(1, (int)Math.Ceiling((high - low) / (double)Math.Max(1, targetTicks)));
        bool withMultiples = high - low <= 2;
        var ticks = new List<double>();
        for (int exponent = low; exponent <= high; exponent += decadesPerTick)
        {
            double power = PowerOfTen(exponent);
            ticks.Add(power);
            if (withMultiples && exponent < high)
                ticks.AddRange([2 * power, 5 * power]);
        }
        // One notation for the whole axis: "0.001 … 100" or "1e-7 … 1e-3", never a mix.
        bool plain = ticks.All(t => t >= 1e-4 && t < 1e7);
        string[] labels = [.. ticks.Select(t => plain ? SvgText.TickLabel(t, t) : SvgText.ExponentLabel(t, t))];
        return new ChartScale(low, high, true, [.. ticks], labels);
    }

    /// <summary>The round step nearest <paramref name="rough"/>: 1, 2 or 5 times a power of ten.</summary>
    internal static double NiceStep(double rough)
    {
        double power = PowerOfTen((int)Math.Floor(Math.Log10(rough)));
        double multiple = rough / power;
        // Thresholds between 1, 2, 5 and 10 near their geometric means, so a span of 1500 in 7 ticks gets 200, not 500.
        return (multiple < 1.5 ? 1 : multiple < 3 ? 2 : multiple < 7 ? 5 : 10) * power;
    }

    // Parsed rather than Math.Pow so that 1e-3 is exactly the double nearest 0.001.
    private static double PowerOfTen(int exponent) =>
        double.Parse("1e" + exponent.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
}
