namespace CompiledNets.Reporting;

/// <summary>One named line of a <see cref="SvgLineChart"/>: its points (copied when added), axis and color.</summary>
internal sealed record ChartSeries(string Name, double[] X, double[] Y, YAxis Axis, string Color)
{
    /// <summary>
    /// The points that can be drawn: both coordinates finite, and y positive when its axis is logarithmic.
    /// NaN and infinities (a diverged loss, a missing value) are skipped rather than breaking the chart.
    /// </summary>
    public (double X, double Y)[] DrawablePoints(bool logarithmicY)
    {
        var points = new List<(double, double)>(X.Length);
        for (int i = 0; i < X.Length; i++)
        {
            if (double.IsFinite(X[i]) && double.IsFinite(Y[i]) && (!logarithmicY || Y[i] > 0))
                points.Add((X[i], Y[i]));
        }
        return [.. points];
    }
}
