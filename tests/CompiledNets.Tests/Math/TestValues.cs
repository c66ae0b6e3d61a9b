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
}
