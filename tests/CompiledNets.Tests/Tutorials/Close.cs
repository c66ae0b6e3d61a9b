namespace CompiledNets.Tests.Tutorials;

/// <summary>Floating-point comparisons with an explicit tolerance, for the tutorials' golden numbers.</summary>
internal static class Close
{
    /// <summary>|actual - expected| &lt;= relative * |expected|.</summary>
    public static void Relative(double expected, double actual, double relative, string? what = null)
    {
        double allowed = relative * Math.Abs(expected);
        Assert.True(Math.Abs(actual - expected) <= allowed,
            $"{what ?? "value"}: expected {expected:R}, got {actual:R} (off by {Math.Abs(actual - expected):R}, allowed {allowed:R}).");
    }

    /// <summary>|actual - expected| &lt;= absolute, element by element.</summary>
    public static void Absolute(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double absolute)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(actual[i] - expected[i]) <= absolute,
                $"[{i}]: expected {expected[i]:R}, got {actual[i]:R} (off by {Math.Abs(actual[i] - expected[i]):R}, allowed {absolute:R}).");
        }
    }
}
