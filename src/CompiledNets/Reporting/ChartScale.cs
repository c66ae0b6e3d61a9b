namespace CompiledNets.Reporting;

/// <summary>
/// Maps data values on one axis to the fraction 0..1 of the plot and chooses its ticks: round numbers 1, 2 or 5
/// times a power of ten on a linear axis, powers of ten on a logarithmic one.
/// </summary>
internal sealed class ChartScale
{
    private const int MaxTicks = 60;

    // A span below this cannot be split into steps that are normal doubles: it is drawn as a single value.
    private const double TinySpan = 1e-300;

    // The powers of ten a double holds: 10^-324 rounds to 0 and 10^309 overflows.
    private const int LowestExponent = -323;
    private const int HighestExponent = 308;

    private readonly double _from;
    private readonly double _to;
    private readonly bool _halve; // to - from overflows (an axis from near -double.MaxValue to near +double.MaxValue)

    private ChartScale(double from, double to, bool logarithmic, double[] ticks, string[] labels)
    {
        _from = from;
        _to = to;
        _halve = !double.IsFinite(to - from);
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
        IsLogarithmic ? (Math.Log10(value) - _from) / (_to - _from)
        : _halve ? (value / 2 - _from / 2) / (_to / 2 - _from / 2)
        : (value - _from) / (_to - _from);

    /// <summary>
    /// A linear axis covering [<paramref name="dataMin"/>, <paramref name="dataMax"/>] with about
    /// <paramref name="targetTicks"/> ticks. <paramref name="roundOutward"/> widens the range to whole ticks (for y);
    /// otherwise the range is the data's (for x). <paramref name="integerSteps"/> keeps ticks on whole numbers.
    /// </summary>
    public static ChartScale Linear(double dataMin, double dataMax, int targetTicks, bool roundOutward, bool integerSteps)
    {
        if (!(dataMin <= dataMax)) // no data at all
            (dataMin, dataMax) = (0, 1);
        if (dataMax - dataMin <= Math.Max(Math.Max(Math.Abs(dataMin), Math.Abs(dataMax)) * 1e-12, TinySpan))
        {
            // A single point or a constant series (up to rounding noise, which no tick label could resolve) has no
            // span to divide by: give it a band.
            (dataMin, dataMax) = ConstantBand(dataMin / 2 + dataMax / 2);
        }
        double span = dataMax - dataMin;
        if (!double.IsFinite(span)) // values near ±double.MaxValue: just label the ends
            return new ChartScale(dataMin, dataMax, false, [dataMin, dataMax], [Label(dataMin), Label(dataMax)]);

        double step = NiceStep(span / Math.Max(1, targetTicks));
        if (integerSteps)
            step = Math.Max(step, 1);
        // The 1e-9 slack keeps rounding noise (2.2000000000000002 / 0.1) from adding a whole empty step.
        // Rounding outward can pass double.MaxValue (1.7e308 in steps of 5e306 rounds to 1.75e308): the axis stops there.
        double from = roundOutward ? Math.Max(Math.Floor(dataMin / step + 1e-9) * step, -double.MaxValue) : dataMin;
        double to = roundOutward ? Math.Min(Math.Ceiling(dataMax / step - 1e-9) * step, double.MaxValue) : dataMax;

        var ticks = new List<double>();
        double first = Math.Ceiling(from / step - 1e-9);
        double last = Math.Floor(to / step + 1e-9);
        for (int i = 0; i <= last - first && i < MaxTicks; i++)
            ticks.Add((first + i) * step);
        return new ChartScale(from, to, false, [.. ticks], [.. ticks.Select(t => SvgText.TickLabel(t, step))]);

        static string Label(double value) => SvgText.TickLabel(value, Math.Abs(value));
    }

    /// <summary>
    /// The band an axis gives a single value: the round interval it lies in, one step of about a tenth of the value
    /// wide (96.45 gets 90..100, so a lone accuracy in percent does not get an axis past 100); a round value gets half
    /// a step either side, so it sits mid-axis. Zero, or a value whose tenth is too small to step through (a
    /// subnormal), gets -1..1 around it.
    /// </summary>
    private static (double From, double To) ConstantBand(double value)
    {
        double rough = Math.Abs(value) * 0.1;
        if (rough < TinySpan)
            return (value - 1, value + 1);
        double step = NiceStep(rough);
        double steps = value / step;
        // The 1e-9 slack treats 0.5 / 0.05 = 9.999999999999998 as the round value it is.
        double below = Math.Floor(steps + 1e-9), above = Math.Ceiling(steps - 1e-9);
        (double from, double to) = below < above ? (below * step, above * step) : (value - step / 2, value + step / 2);
        return (Math.Max(from, -double.MaxValue), Math.Min(to, double.MaxValue));
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
        // The axis may run from 10^-324 or to 10^309, but only powers a double holds get a tick.
        for (int exponent = Math.Max(low, LowestExponent); exponent <= Math.Min(high, HighestExponent); exponent += decadesPerTick)
        {
            double power = PowerOfTen(exponent);
            ticks.Add(power);
            if (withMultiples && exponent < high && 5 * power <= double.MaxValue)
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
