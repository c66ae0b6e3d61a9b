using System.Numerics;

namespace CompiledNets.Tests.Shared;

/// <summary>
/// Every way the tests compare numbers, in one place: each assertion says which bound it checks and reports the value
/// that broke it. Compiled by CompiledNets.Tests and CompiledNets.ScalarPath.Tests (this folder) and linked by
/// CompiledNets.Generator.Tests.
/// </summary>
internal static class Near
{
    /// <summary>|actual - expected| &lt;= relative * max(|actual|, |expected|, floor), or both exactly equal.</summary>
    public static bool Relative(double expected, double actual, double relative, double floor = 0)
        => expected == actual
           || Math.Abs(actual - expected) <= relative * Math.Max(floor, Math.Max(Math.Abs(actual), Math.Abs(expected)));

    /// <inheritdoc cref="Relative"/>
    public static void AssertRelative(double expected, double actual, double relative, string what, double floor = 0)
        => Assert.True(Relative(expected, actual, relative, floor),
            $"{what}: expected {expected:R}, actual {actual:R}, relative error " +
            $"{Math.Abs(actual - expected) / Math.Max(floor, Math.Max(Math.Abs(actual), Math.Abs(expected))):G3} > {relative:G3}");

    /// <summary><see cref="Relative"/>, value by value.</summary>
    public static void AssertRelative(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double relative, string what, double floor = 0)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
            AssertRelative(expected[k], actual[k], relative, $"{what}[{k}]", floor);
    }

    /// <summary>max_k |actual[k] - expected[k]| &lt;= relative * max_k |expected[k]|: closeness of whole vectors (parameters).</summary>
    public static void AssertRelativeToLargest(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = 0, worst = 0;
        int worstAt = -1;
        for (int k = 0; k < expected.Length; k++)
        {
            scale = Math.Max(scale, Math.Abs(expected[k]));
            double difference = Math.Abs(expected[k] - actual[k]);
            if (!(difference <= worst))
                (worst, worstAt) = (difference, k);
        }

        Assert.True(worst <= relative * scale,
            $"[{worstAt}]: expected {(worstAt >= 0 ? expected[worstAt] : 0):R}, got {(worstAt >= 0 ? actual[worstAt] : 0):R}; " +
            $"largest difference {worst:R} exceeds {relative} x {scale:R}");
    }

    /// <summary>|actual[k] - expected[k]| &lt;= tolerance * max(1, |expected[k]|): absolute below one, relative above.</summary>
    public static void AssertWithin(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        int worstAt = -1;
        for (int k = 0; k < expected.Length; k++)
        {
            double error = Math.Abs(expected[k] - actual[k]) / Math.Max(1, Math.Abs(expected[k]));
            if (!(error <= worst))
                (worst, worstAt) = (double.IsNaN(error) ? double.PositiveInfinity : error, k);
        }

        Assert.True(worst <= tolerance,
            $"{what}: [{worstAt}] expected {expected[Math.Max(worstAt, 0)]:R}, actual {actual[Math.Max(worstAt, 0)]:R} (error {worst:E2} > {tolerance:E2}).");
    }

    /// <summary>|actual - expected| &lt;= absolute.</summary>
    public static void AssertAbsolute(double expected, double actual, double absolute, string what)
        => Assert.True(Math.Abs(actual - expected) <= absolute,
            $"{what}: expected {expected:R}, got {actual:R} (off by {Math.Abs(actual - expected):R}, allowed {absolute:R}).");

    /// <summary><see cref="AssertAbsolute(double, double, double, string)"/>, value by value.</summary>
    public static void AssertAbsolute(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double absolute, string what = "values")
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
            AssertAbsolute(expected[k], actual[k], absolute, $"{what}[{k}]");
    }

    /// <summary>Bit-for-bit equality, with the first differing index in the message.</summary>
    public static void AssertBitwiseEqual<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Bits(expected[k]) == Bits(actual[k]), $"{what}[{k}]: expected {expected[k]:R}, actual {actual[k]:R}");
    }

    /// <summary>The bits of a float or double, to compare values exactly (NaN payloads and -0 included).</summary>
    public static long Bits<T>(T value)
        where T : unmanaged, IFloatingPointIeee754<T>
        => value switch
        {
            double d => BitConverter.DoubleToInt64Bits(d),
            float f => BitConverter.SingleToInt32Bits(f),
            _ => throw new NotSupportedException(typeof(T).Name),
        };
}
