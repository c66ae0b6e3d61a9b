using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CompiledNets.Numerics;
using CompiledNets.Tests.Shared;
using static CompiledNets.Tests.MathTests.KernelTestData;

namespace CompiledNets.Tests.MathTests;

/// <summary>
/// The runtime's dense-layer kernels against plain loops in double, at every vector width this machine accelerates
/// (each width run directly, not only the one the dispatcher picks), over shapes that cover the blocked passes (4
/// neurons, 2, 3 or 4 examples, two vectors of columns), their left-over rows, examples and vectors (48 columns: three
/// Vector512s), and every mix of whole vectors and scalar tail; and matrices beyond L1, which one example's kernels
/// read differently at Vector512.
/// </summary>
public sealed class DenseKernelTests
{
    private static readonly int[] Rows = [1, 3, 4, 5, 8, 9];
    private static readonly int[] Columns = [1, 3, 4, 7, 8, 15, 16, 17, 31, 33, 48, 64, 70];
    private static readonly int[] Examples = [1, 2, 3, 4, 5, 7];

    public static TheoryData<int, int> Shapes() => Pairs(Rows, Columns);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatrixTimesMatrix_MatchesThePlainLoop_AtEveryWidth(int rows, int columns)
    {
        foreach (int examples in Examples)
        {
            var random = new Random(rows * 1000 + columns * 10 + examples);
            float[] weights = Floats(random, rows * columns);
            float[] biases = Floats(random, rows);
            float[] inputs = Floats(random, examples * columns);
            foreach (Width width in Widths())
            {
                foreach (bool hasBias in new[] { true, false })
                {
                    var outputs = new float[examples * rows];
                    Bodies.MatrixTimesMatrix(width, weights, hasBias ? biases : [], inputs, outputs, rows, columns, examples);
                    // The block of two examples, which machines without fused multiply-add run, adds in the same order.
                    var twoAtATime = new float[examples * rows];
                    Bodies.MatrixTimesMatrixTwoExamplesPerPass(width, weights, hasBias ? biases : [], inputs, twoAtATime, rows, columns, examples);
                    Near.AssertBitwiseEqual<float>(outputs, twoAtATime, $"{width}, {examples} examples, two examples per pass");
                    for (int e = 0; e < examples; e++)
                    {
                        // The one-example body adds in the same order as the batched one.
                        var output = new float[rows];
                        Bodies.MatrixTimesVector(width, weights, hasBias ? biases : [], inputs[(e * columns)..((e + 1) * columns)], output, rows, columns);
                        Near.AssertBitwiseEqual<float>(outputs[(e * rows)..((e + 1) * rows)], output, $"{width}, one example [{e}]");
                    }

                    for (int e = 0; e < examples; e++)
                    {
                        for (int j = 0; j < rows; j++)
                        {
                            double expected = hasBias ? biases[j] : 0, scale = Math.Abs(expected);
                            for (int i = 0; i < columns; i++)
                            {
                                expected += (double)weights[j * columns + i] * inputs[e * columns + i];
                                scale += Math.Abs((double)weights[j * columns + i] * inputs[e * columns + i]);
                            }

                            AssertSumClose(expected, scale, outputs[e * rows + j], $"{width}, {examples} examples, bias {hasBias}, [{e}, {j}]");
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Matrices above 64 KB, which one example's kernels at Vector512 treat differently: 784 columns are 12 blocks of
    /// four Vector512s and one more, 1,040 whole blocks, and 785 not whole vectors (those rows start off the vector
    /// boundary, so the product reads them four at a time, as a batch does).
    /// </summary>
    private static readonly (int Rows, int Columns)[] BeyondL1 = [(23, 784), (17, 1040), (25, 785)];

    /// <summary>Where the input starts: on a 64-byte boundary, or 16 bytes past one (as a managed array's values usually are).</summary>
    private static readonly int[] InputPlacements = [0, 4];

    [Fact]
    public void MatrixTimesVector_OfAMatrixBeyondL1_MatchesThePlainLoop_AtEveryWidth()
    {
        // Above 64 KB at Vector512, one example's product reads W row by row into four sums per row (from a copy of
        // the input on a boundary when it is off one); the batched form and every other width read four rows at a time.
        Assert.True(DenseKernelBodies<Width512<float>, Vector512<float>, float>.ReadsRowByRow(128, 784)); // the digits network's layer 1
        Assert.True(DenseKernelBodies<Width512<double>, Vector512<double>, double>.ReadsRowByRow(128, 784));
        Assert.False(DenseKernelBodies<Width512<float>, Vector512<float>, float>.ReadsRowByRow(25, 785));
        Assert.False(DenseKernelBodies<Width512<float>, Vector512<float>, float>.ReadsRowByRow(16, 1024)); // 64 KB: not beyond
        Assert.False(DenseKernelBodies<Width256<float>, Vector256<float>, float>.ReadsRowByRow(128, 784));
        foreach ((int rows, int columns) in BeyondL1)
        {
            var random = new Random(rows * 1000 + columns);
            float[] weights = Floats(random, rows * columns);
            float[] biases = Floats(random, rows);
            float[] values = Floats(random, columns);
            foreach (int placement in InputPlacements)
            {
                Span<float> input = PlacedCopy(values, placement);
                foreach (Width width in Widths())
                {
                    foreach (bool hasBias in new[] { true, false })
                    {
                        string where = $"{width}, {rows} x {columns}, input {placement} values past a boundary, bias {hasBias}";
                        var output = new float[rows];
                        Bodies.MatrixTimesVector(width, weights, hasBias ? biases : [], input, output, rows, columns);
                        for (int j = 0; j < rows; j++)
                        {
                            double expected = hasBias ? biases[j] : 0, scale = Math.Abs(expected);
                            for (int i = 0; i < columns; i++)
                            {
                                expected += (double)weights[j * columns + i] * values[i];
                                scale += Math.Abs((double)weights[j * columns + i] * values[i]);
                            }

                            AssertSumClose(expected, scale, output[j], $"{where}, [{j}]");
                        }

                        if (columns % 16 != 0)
                        {
                            var batched = new float[rows];
                            Bodies.MatrixTimesMatrix(width, weights, hasBias ? biases : [], values, batched, rows, columns, examples: 1);
                            Near.AssertBitwiseEqual<float>(batched, output, $"{where}: four rows at a time, as a batch");
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void OuterProducts_OfAMatrixBeyondL1_AreExactlyTheScalarFormulas_WhereverTheInputIs()
    {
        // Above 64 KB at Vector512 the update reads an input that is off a boundary from a copy on one: the same values.
        const float rate = 0.37f;
        foreach ((int rows, int columns) in BeyondL1)
        {
            var random = new Random(rows * 100 + columns);
            float[] deltas = Floats(random, rows);
            float[] values = Floats(random, columns);
            float[] start = Floats(random, rows * columns);
            foreach (int placement in InputPlacements)
            {
                Span<float> input = PlacedCopy(values, placement);
                foreach (Width width in Widths())
                {
                    float[] gradient = (float[])start.Clone();
                    float[] weights = (float[])start.Clone();
                    Bodies.OuterProduct(width, gradient, deltas, input, rows, columns, subtract: false, 0f);
                    Bodies.OuterProduct(width, weights, deltas, input, rows, columns, subtract: true, rate);
                    for (int k = 0; k < rows * columns; k++)
                    {
                        float product = deltas[k / columns] * values[k % columns];
                        if (gradient[k] != start[k] + product || weights[k] != start[k] - rate * product)
                            Assert.Fail($"{width}, {rows} x {columns}, input {placement} values past a boundary: [{k / columns}, {k % columns}]");
                    }
                }
            }
        }
    }

    /// <summary><paramref name="values"/> copied to start <paramref name="placement"/> values past a 64-byte boundary.</summary>
    private static Span<float> PlacedCopy(float[] values, int placement)
    {
        Span<float> copy = AlignedArray.Allocate<float>(values.Length + placement).AsSpan(placement);
        values.CopyTo(copy);
        return copy;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TransposedTimesMatrix_MatchesThePlainLoop_AndIsTheSameAtEveryWidth(int rows, int columns)
    {
        foreach (int examples in Examples)
        {
            var random = new Random(rows * 1000 + columns * 10 + examples);
            float[] weights = Floats(random, rows * columns);
            float[] deltas = Floats(random, examples * rows);
            float[]? first = null;
            foreach (Width width in Widths())
            {
                var result = new float[examples * columns];
                Bodies.TransposedTimesMatrix(width, weights, deltas, result, rows, columns, examples);
                for (int e = 0; e < examples; e++)
                {
                    for (int i = 0; i < columns; i++)
                    {
                        double expected = 0, scale = 0;
                        for (int j = 0; j < rows; j++)
                        {
                            expected += (double)weights[j * columns + i] * deltas[e * rows + j];
                            scale += Math.Abs((double)weights[j * columns + i] * deltas[e * rows + j]);
                        }

                        AssertSumClose(expected, scale, result[e * columns + i], $"{width}, {examples} examples, [{e}, {i}]");
                    }
                }

                // Each value is one sum over j in order, so the width changes nothing.
                first ??= result;
                Near.AssertBitwiseEqual<float>(first, result, $"{width} against {Widths().First()}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AddDeltasTimesInputs_AddsThePlainLoopsSum_AndIsTheSameAtEveryWidth(int rows, int columns)
    {
        foreach (int examples in Examples)
        {
            var random = new Random(rows * 1000 + columns * 10 + examples);
            float[] deltas = Floats(random, examples * rows);
            float[] inputs = Floats(random, examples * columns);
            float[] start = Floats(random, rows * columns);
            float[]? first = null;
            foreach (Width width in Widths())
            {
                float[] gradient = (float[])start.Clone();
                Bodies.AddDeltasTimesInputs(width, gradient, deltas, inputs, rows, columns, examples);
                for (int j = 0; j < rows; j++)
                {
                    for (int i = 0; i < columns; i++)
                    {
                        double expected = start[j * columns + i], scale = Math.Abs(expected);
                        for (int e = 0; e < examples; e++)
                        {
                            expected += (double)deltas[e * rows + j] * inputs[e * columns + i];
                            scale += Math.Abs((double)deltas[e * rows + j] * inputs[e * columns + i]);
                        }

                        AssertSumClose(expected, scale, gradient[j * columns + i], $"{width}, {examples} examples, [{j}, {i}]");
                    }
                }

                first ??= gradient;
                Near.AssertBitwiseEqual<float>(first, gradient, $"{width} against {Widths().First()}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void OuterProducts_AreExactlyTheScalarFormulas_AtEveryWidth(int rows, int columns)
    {
        var random = new Random(rows * 100 + columns);
        float[] deltas = Floats(random, rows);
        float[] input = Floats(random, columns);
        float[] start = Floats(random, rows * columns);
        const float rate = 0.37f;
        foreach (Width width in Widths())
        {
            float[] gradient = (float[])start.Clone();
            float[] weights = (float[])start.Clone();
            Bodies.OuterProduct(width, gradient, deltas, input, rows, columns, subtract: false, 0f);
            Bodies.OuterProduct(width, weights, deltas, input, rows, columns, subtract: true, rate);
            for (int j = 0; j < rows; j++)
            {
                for (int i = 0; i < columns; i++)
                {
                    float product = deltas[j] * input[i];
                    Assert.Equal(start[j * columns + i] + product, gradient[j * columns + i]);
                    Assert.Equal(start[j * columns + i] - rate * product, weights[j * columns + i]);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void PerExampleForms_EqualTheBatchedForms_BitForBit(int rows, int columns)
    {
        const int examples = 7;
        var random = new Random(rows * 7 + columns);
        double[] weights = TestValues.Uniform(random, rows * columns, 1);
        double[] biases = TestValues.Uniform(random, rows, 1);
        double[] inputs = TestValues.Uniform(random, examples * columns, 1);
        double[] deltas = TestValues.Uniform(random, examples * rows, 1);
        var outputs = new double[examples * rows];
        var passedBack = new double[examples * columns];
        DenseKernels.MatrixTimesMatrix<double>(weights, biases, inputs, outputs, examples);
        DenseKernels.TransposedTimesMatrix<double>(weights, deltas, passedBack, examples);

        for (int e = 0; e < examples; e++)
        {
            var output = new double[rows];
            var back = new double[columns];
            DenseKernels.MatrixTimesVector<double>(weights, biases, inputs.AsSpan(e * columns, columns), output);
            DenseKernels.TransposedTimesVector<double>(weights, deltas.AsSpan(e * rows, rows), back);
            Near.AssertBitwiseEqual<double>(outputs.AsSpan(e * rows, rows).ToArray(), output, $"forward, example {e}");
            Near.AssertBitwiseEqual<double>(passedBack.AsSpan(e * columns, columns).ToArray(), back, $"transposed, example {e}");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AddColumnSums_AddsEachExamplesRow_InOrder(int examples, int columns)
    {
        var random = new Random(examples * 31 + columns);
        float[] matrix = Floats(random, examples * columns);
        float[] destination = Floats(random, columns);
        float[] expected = (float[])destination.Clone();
        for (int e = 0; e < examples; e++)
        {
            for (int j = 0; j < columns; j++)
                expected[j] += matrix[e * columns + j];
        }

        DenseKernels.AddColumnSums<float>(destination, matrix, examples);

        Near.AssertBitwiseEqual<float>(expected, destination, "column sums");
        Assert.Throws<ArgumentException>(() => DenseKernels.AddColumnSums<float>(destination, matrix, examples + 1));
    }

    [Fact]
    public void AStepInPlace_EqualsTheGradientThenTheUpdate_BitForBit()
    {
        // What TrainStep relies on: W -= rate * (d x^T) in place equals gradient = 0 + d x^T, then W -= rate * gradient.
        var random = new Random(11);
        float[] weights = Floats(random, 9 * 70);
        float[] deltas = Floats(random, 9);
        float[] input = Floats(random, 70);
        float[] fused = (float[])weights.Clone();
        var gradient = new float[weights.Length];

        DenseKernels.SubtractScaledOuterProduct<float>(fused, deltas, input, 0.05f);
        DenseKernels.AddOuterProduct<float>(gradient, deltas, input);
        VectorMath.SubtractScaled<float>(weights, gradient, 0.05f);

        Near.AssertBitwiseEqual<float>(weights, fused, "weights");
    }

    [Fact]
    public void SpansThatDisagree_AreRejected_WithWhatWasExpected()
    {
        var weights = new float[12];
        ArgumentException wrongBiases = Assert.Throws<ArgumentException>(
            () => DenseKernels.MatrixTimesVector<float>(weights, new float[2], new float[4], new float[3]));
        Assert.Equal("biases", wrongBiases.ParamName);
        Assert.StartsWith("Expected 3 biases (or none), but got 2.", wrongBiases.Message);

        ArgumentException wrongMatrix = Assert.Throws<ArgumentException>(
            () => DenseKernels.MatrixTimesVector<float>(weights, [], new float[5], new float[3]));
        Assert.StartsWith("A 3 x 5 matrix has 15 values, but the matrix span has 12.", wrongMatrix.Message);

        ArgumentException ragged = Assert.Throws<ArgumentException>(
            () => DenseKernels.MatrixTimesMatrix<float>(weights, [], new float[9], new float[6], examples: 2));
        Assert.Equal("examples", ragged.ParamName);

        Assert.Throws<ArgumentException>(() => DenseKernels.TransposedTimesVector<float>(weights, new float[3], new float[5]));
        Assert.Throws<ArgumentException>(() => DenseKernels.AddOuterProduct<float>(weights, new float[4], new float[4]));
        Assert.Throws<ArgumentException>(() => DenseKernels.AddDeltasTimesInputs<float>(weights, new float[6], new float[8], examples: 0));
    }

    /// <summary>Runs a kernel body at one given width, so that every width the machine has is tested, not only the widest.</summary>
    private static class Bodies
    {
        public static void MatrixTimesMatrix(Width width, float[] w, float[] b, float[] x, float[] y, int rows, int columns, int examples)
        {
            ref float b0 = ref b.Length == 0 ? ref y[0] : ref b[0]; // any ref when there is no bias: it is not read
            switch (width)
            {
                case Width.Vector512: DenseKernelBodies<Width512<float>, Vector512<float>, float>.MatrixTimesMatrix<RuntimeShape>(ref w[0], ref b0, b.Length > 0, ref x[0], ref y[0], rows, columns, examples, 0, rows); break;
                case Width.Vector256: DenseKernelBodies<Width256<float>, Vector256<float>, float>.MatrixTimesMatrix<RuntimeShape>(ref w[0], ref b0, b.Length > 0, ref x[0], ref y[0], rows, columns, examples, 0, rows); break;
                case Width.Vector128: DenseKernelBodies<Width128<float>, Vector128<float>, float>.MatrixTimesMatrix<RuntimeShape>(ref w[0], ref b0, b.Length > 0, ref x[0], ref y[0], rows, columns, examples, 0, rows); break;
                default: DenseKernelBodies<Scalar<float>, float, float>.MatrixTimesMatrix<RuntimeShape>(ref w[0], ref b0, b.Length > 0, ref x[0], ref y[0], rows, columns, examples, 0, rows); break;
            }
        }

        /// <summary>The forward product in blocks of two examples, which machines without fused multiply-add run.</summary>
        public static void MatrixTimesMatrixTwoExamplesPerPass(Width width, float[] w, float[] b, float[] x, float[] y, int rows, int columns, int examples)
        {
            ref float b0 = ref b.Length == 0 ? ref y[0] : ref b[0];
            switch (width)
            {
                case Width.Vector512: DenseKernelBodies<Width512<float>, Vector512<float>, float>.MatrixTimesMatrixTwoExamplesPerPass<RuntimeShape>(ref w[0], ref b0, b.Length > 0, ref x[0], ref y[0], rows, columns, examples, 0, rows); break;
                case Width.Vector256: DenseKernelBodies<Width256<float>, Vector256<float>, float>.MatrixTimesMatrixTwoExamplesPerPass<RuntimeShape>(ref w[0], ref b0, b.Length > 0, ref x[0], ref y[0], rows, columns, examples, 0, rows); break;
                case Width.Vector128: DenseKernelBodies<Width128<float>, Vector128<float>, float>.MatrixTimesMatrixTwoExamplesPerPass<RuntimeShape>(ref w[0], ref b0, b.Length > 0, ref x[0], ref y[0], rows, columns, examples, 0, rows); break;
                default: DenseKernelBodies<Scalar<float>, float, float>.MatrixTimesMatrixTwoExamplesPerPass<RuntimeShape>(ref w[0], ref b0, b.Length > 0, ref x[0], ref y[0], rows, columns, examples, 0, rows); break;
            }
        }

        public static void MatrixTimesVector(Width width, float[] w, float[] b, Span<float> input, float[] y, int rows, int columns)
        {
            ref float b0 = ref b.Length == 0 ? ref y[0] : ref b[0];
            ref float x0 = ref MemoryMarshal.GetReference(input);
            switch (width)
            {
                case Width.Vector512: DenseKernelBodies<Width512<float>, Vector512<float>, float>.MatrixTimesVector<RuntimeShape>(ref w[0], ref b0, b.Length > 0, ref x0, ref y[0], rows, columns); break;
                case Width.Vector256: DenseKernelBodies<Width256<float>, Vector256<float>, float>.MatrixTimesVector<RuntimeShape>(ref w[0], ref b0, b.Length > 0, ref x0, ref y[0], rows, columns); break;
                case Width.Vector128: DenseKernelBodies<Width128<float>, Vector128<float>, float>.MatrixTimesVector<RuntimeShape>(ref w[0], ref b0, b.Length > 0, ref x0, ref y[0], rows, columns); break;
                default: DenseKernelBodies<Scalar<float>, float, float>.MatrixTimesVector<RuntimeShape>(ref w[0], ref b0, b.Length > 0, ref x0, ref y[0], rows, columns); break;
            }
        }

        public static void TransposedTimesMatrix(Width width, float[] w, float[] d, float[] r, int rows, int columns, int examples)
        {
            switch (width)
            {
                case Width.Vector512: DenseKernelBodies<Width512<float>, Vector512<float>, float>.TransposedTimesMatrix<RuntimeShape>(ref w[0], ref d[0], ref r[0], rows, columns, examples); break;
                case Width.Vector256: DenseKernelBodies<Width256<float>, Vector256<float>, float>.TransposedTimesMatrix<RuntimeShape>(ref w[0], ref d[0], ref r[0], rows, columns, examples); break;
                case Width.Vector128: DenseKernelBodies<Width128<float>, Vector128<float>, float>.TransposedTimesMatrix<RuntimeShape>(ref w[0], ref d[0], ref r[0], rows, columns, examples); break;
                default: DenseKernelBodies<Scalar<float>, float, float>.TransposedTimesMatrix<RuntimeShape>(ref w[0], ref d[0], ref r[0], rows, columns, examples); break;
            }
        }

        public static void AddDeltasTimesInputs(Width width, float[] g, float[] d, float[] x, int rows, int columns, int examples)
        {
            switch (width)
            {
                case Width.Vector512: DenseKernelBodies<Width512<float>, Vector512<float>, float>.AddDeltasTimesInputs<RuntimeShape>(ref g[0], ref d[0], ref x[0], rows, columns, examples, 0, rows); break;
                case Width.Vector256: DenseKernelBodies<Width256<float>, Vector256<float>, float>.AddDeltasTimesInputs<RuntimeShape>(ref g[0], ref d[0], ref x[0], rows, columns, examples, 0, rows); break;
                case Width.Vector128: DenseKernelBodies<Width128<float>, Vector128<float>, float>.AddDeltasTimesInputs<RuntimeShape>(ref g[0], ref d[0], ref x[0], rows, columns, examples, 0, rows); break;
                default: DenseKernelBodies<Scalar<float>, float, float>.AddDeltasTimesInputs<RuntimeShape>(ref g[0], ref d[0], ref x[0], rows, columns, examples, 0, rows); break;
            }
        }

        public static void OuterProduct(Width width, float[] m, float[] d, Span<float> input, int rows, int columns, bool subtract, float rate)
        {
            ref float x0 = ref MemoryMarshal.GetReference(input);
            switch (width)
            {
                case Width.Vector512: DenseKernelBodies<Width512<float>, Vector512<float>, float>.OuterProduct<RuntimeShape>(ref m[0], ref d[0], ref x0, rows, columns, subtract, rate); break;
                case Width.Vector256: DenseKernelBodies<Width256<float>, Vector256<float>, float>.OuterProduct<RuntimeShape>(ref m[0], ref d[0], ref x0, rows, columns, subtract, rate); break;
                case Width.Vector128: DenseKernelBodies<Width128<float>, Vector128<float>, float>.OuterProduct<RuntimeShape>(ref m[0], ref d[0], ref x0, rows, columns, subtract, rate); break;
                default: DenseKernelBodies<Scalar<float>, float, float>.OuterProduct<RuntimeShape>(ref m[0], ref d[0], ref x0, rows, columns, subtract, rate); break;
            }
        }
    }
}
