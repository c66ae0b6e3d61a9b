using CompiledNets.Numerics;
using CompiledNets.Tests.Shared;

namespace CompiledNets.Tests.MathTests;

/// <summary>
/// The kernels generated networks call, specialized for a layer's shape type, against the same kernels sized from
/// their spans: the same bits for every kernel, shapes with and without whole vectors, one example and several.
/// </summary>
public sealed class ShapedKernelTests
{
    private readonly struct Shape1x1 : IDenseShape { public static int Inputs => 1; public static int Outputs => 1; }
    private readonly struct Shape8x8 : IDenseShape { public static int Inputs => 8; public static int Outputs => 8; }
    private readonly struct Shape17x5 : IDenseShape { public static int Inputs => 17; public static int Outputs => 5; }
    private readonly struct Shape32x1 : IDenseShape { public static int Inputs => 32; public static int Outputs => 1; }
    private readonly struct Shape70x9 : IDenseShape { public static int Inputs => 70; public static int Outputs => 9; }

    [Fact]
    public void ShapedKernels_GiveTheBitsOfTheSpanSizedKernels()
    {
        Check<Shape1x1>();
        Check<Shape8x8>();
        Check<Shape17x5>();
        Check<Shape32x1>();
        Check<Shape70x9>();
    }

    [Fact]
    public void ShapedKernels_RefuseSpansOfAnotherShape()
    {
        var weights = new float[64];

        ArgumentException wrongInput = Assert.Throws<ArgumentException>(
            () => DenseKernels.MatrixTimesVector<Shape8x8, float>(weights, [], new float[7], new float[8]));
        ArgumentException wrongMatrix = Assert.Throws<ArgumentException>(
            () => DenseKernels.SubtractScaledOuterProduct<Shape8x8, float>(new float[63], new float[8], new float[8], 0.1f));
        ArgumentException wrongExamples = Assert.Throws<ArgumentException>(
            () => DenseKernels.MatrixTimesMatrix<Shape8x8, float>(weights, [], new float[16], new float[8], examples: 2));

        Assert.Equal(
            "A 8 x 8 layer over 1 example(s) needs a matrix of 64 values, inputs of 8 and outputs of 8, but got 64, 7 and 8.",
            wrongInput.Message);
        Assert.StartsWith("A 8 x 8 layer over 1 example(s) needs a matrix of 64 values", wrongMatrix.Message);
        Assert.EndsWith("but got 64, 16 and 8.", wrongExamples.Message);
        Assert.Throws<ArgumentException>(() => DenseKernels.MatrixTimesVector<Shape8x8, float>(weights, new float[3], new float[8], new float[8]));
    }

    private static void Check<TShape>()
        where TShape : struct, IDenseShape
    {
        int rows = TShape.Outputs, columns = TShape.Inputs;
        foreach (int examples in new[] { 1, 5 })
        {
            var random = new Random(rows * 100 + columns + examples);
            double[] weights = TestValues.Uniform(random, rows * columns, 1);
            double[] biases = TestValues.Uniform(random, rows, 1);
            double[] inputs = TestValues.Uniform(random, examples * columns, 1);
            double[] deltas = TestValues.Uniform(random, examples * rows, 1);
            string where = $"{rows} x {columns}, {examples} example(s)";

            Same(where + ", forward",
                y => DenseKernels.MatrixTimesMatrix<double>(weights, biases, inputs, y, examples),
                y => DenseKernels.MatrixTimesMatrix<TShape, double>(weights, biases, inputs, y, examples), examples * rows);
            Same(where + ", transposed",
                r => DenseKernels.TransposedTimesMatrix<double>(weights, deltas, r, examples),
                r => DenseKernels.TransposedTimesMatrix<TShape, double>(weights, deltas, r, examples), examples * columns);
            Same(where + ", weight gradient",
                g => DenseKernels.AddDeltasTimesInputs<double>(g, deltas, inputs, examples),
                g => DenseKernels.AddDeltasTimesInputs<TShape, double>(g, deltas, inputs, examples), rows * columns);
            if (examples > 1)
                continue;

            Same(where + ", one example forward",
                y => DenseKernels.MatrixTimesVector<double>(weights, [], inputs, y),
                y => DenseKernels.MatrixTimesVector<TShape, double>(weights, [], inputs, y), rows);
            Same(where + ", one example transposed",
                r => DenseKernels.TransposedTimesVector<double>(weights, deltas, r),
                r => DenseKernels.TransposedTimesVector<TShape, double>(weights, deltas, r), columns);
            Same(where + ", outer product",
                g => DenseKernels.AddOuterProduct<double>(g, deltas, inputs),
                g => DenseKernels.AddOuterProduct<TShape, double>(g, deltas, inputs), rows * columns);
            Same(where + ", step",
                w => DenseKernels.SubtractScaledOuterProduct<double>(w, deltas, inputs, 0.3),
                w => DenseKernels.SubtractScaledOuterProduct<TShape, double>(w, deltas, inputs, 0.3), rows * columns);
        }
    }

    /// <summary>Runs both forms on the same starting values (1.5 everywhere, so added-into forms add to something).</summary>
    private static void Same(string what, Action<double[]> sizedBySpans, Action<double[]> shaped, int length)
    {
        double[] expected = Enumerable.Repeat(1.5, length).ToArray(), actual = Enumerable.Repeat(1.5, length).ToArray();
        sizedBySpans(expected);
        shaped(actual);
        Assert.NotEqual(Enumerable.Repeat(1.5, length), actual);
        Near.AssertBitwiseEqual<double>(expected, actual, what);
    }
}
