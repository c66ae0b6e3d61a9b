using System.Numerics;

namespace CompiledNets.Tests.MathTests;

/// <summary>Seeded random values and comparisons shared by the math tests.</summary>
internal static class TestValues
{
    /// <summary>Uniform values in [-limit, limit] from a seeded generator.</summary>
    public static double[] Uniform(Random random, int count, double limit)
    {
        var values = new double[count];
        for (int k = 0; k < count; k++)
            values[k] = (2 * random.NextDouble() - 1) * limit;
        return values;
    }

    /// <summary>A target the network's loss accepts: a probability distribution for cross-entropy, values in [0, 1] for binary cross-entropy.</summary>
    public static double[] Target(Random random, Loss loss, int count)
    {
        switch (loss)
        {
            case Loss.CrossEntropy:
                double[] weights = Enumerable.Range(0, count).Select(_ => random.NextDouble() + 0.05).ToArray();
                double total = weights.Sum();
                return weights.Select(w => w / total).ToArray();
            case Loss.BinaryCrossEntropy:
                return Enumerable.Range(0, count).Select(_ => random.NextDouble()).ToArray();
            default:
                return Uniform(random, count, 1);
        }
    }

    public static T[] Convert<T>(double[] values)
        where T : IFloatingPointIeee754<T>
        => values.Select(T.CreateChecked).ToArray();

    /// <summary>|actual - expected| &lt;= tolerance * max(|actual|, |expected|), or both exactly equal.</summary>
    public static bool Close(double expected, double actual, double tolerance)
        => expected == actual || System.Math.Abs(actual - expected) <= tolerance * System.Math.Max(System.Math.Abs(actual), System.Math.Abs(expected));

    public static void AssertClose(double expected, double actual, double tolerance, string what)
        => Assert.True(Close(expected, actual, tolerance),
            $"{what}: expected {expected:R}, actual {actual:R}, relative error {System.Math.Abs(actual - expected) / System.Math.Max(System.Math.Abs(actual), System.Math.Abs(expected)):G3} > {tolerance:G3}");

    public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
            AssertClose(expected[k], actual[k], tolerance, $"{what}[{k}]");
    }

    /// <summary>Asserts bit-for-bit equality, with the first differing index in the message.</summary>
    public static void AssertBitwiseEqual<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Bits(expected[k]) == Bits(actual[k]), $"{what}[{k}]: expected {expected[k]:R}, actual {actual[k]:R}");
    }

    public static long Bits<T>(T value)
        where T : unmanaged, IFloatingPointIeee754<T>
        => value switch
        {
            double d => BitConverter.DoubleToInt64Bits(d),
            float f => BitConverter.SingleToInt32Bits(f),
            _ => throw new NotSupportedException(typeof(T).Name),
        };
}
