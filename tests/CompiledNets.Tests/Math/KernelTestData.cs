using System.Runtime.Intrinsics;
using CompiledNets.Numerics;

namespace CompiledNets.Tests.MathTests;

/// <summary>What the kernel tests share: every pair of two size lists, the widths this machine runs, random inputs, and
/// how close a float sum must come to the same sum in double.</summary>
internal static class KernelTestData
{
    public static TheoryData<int, int> Pairs(int[] first, int[] second)
    {
        var data = new TheoryData<int, int>();
        foreach (int a in first)
        {
            foreach (int b in second)
                data.Add(a, b);
        }

        return data;
    }

    /// <summary>Every width this machine can run: scalar always, then each accelerated vector width.</summary>
    public static IEnumerable<Width> Widths()
    {
        yield return Width.Scalar;
        if (Vector128.IsHardwareAccelerated)
            yield return Width.Vector128;
        if (Vector256.IsHardwareAccelerated)
            yield return Width.Vector256;
        if (Vector512.IsHardwareAccelerated)
            yield return Width.Vector512;
    }

    public static float[] Floats(Random random, int count) => TestValues.Uniform(random, count, 1).Select(v => (float)v).ToArray();

    public static void AssertSumClose(double expected, double scale, float actual, string where)
    {
        // Float sums of n terms in any order: within a few ulps of the largest partial sum, bounded by the sum of |terms|.
        double tolerance = 4e-7 * scale + 1e-30;
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{where}: {actual:R}, expected {expected:R} (tolerance {tolerance:R})");
    }
}
