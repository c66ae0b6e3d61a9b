using System.Numerics;
using CompiledNets.Tests.Networks;
using CompiledNets.Tests.Shared;

namespace CompiledNets.Tests.MathTests;

/// <summary>PredictBatch, ComputeLossBatch and BackpropagateBatch against their one-example counterparts.</summary>
public sealed class BatchTests
{
    private const int Examples = 7;

    // Unrolled networks with tanh, sigmoid or softmax layers batch in tiles too (each layer takes a whole tile at once).
    [Fact] public void Unrolled_double() => AssertBatchesMatch<PropUnrolledDouble, double>(tiled: true);
    [Fact] public void Loops_double() => AssertBatchesMatch<PropLoopDouble, double>(tiled: true, sameOutputs: true);
    [Fact] public void Mixed_double() => AssertBatchesMatch<GcSigmoidBinaryCrossEntropyTanhS5x7x2Limit20, double>(tiled: true);
    [Fact] public void Unrolled_float() => AssertBatchesMatch<PropUnrolledFloat, float>(tiled: true);
    [Fact] public void Loops_float() => AssertBatchesMatch<PropLoopFloat, float>(tiled: true, sameOutputs: true);
    [Fact] public void Mixed_float() => AssertBatchesMatch<MixedFloat, float>(tiled: true);
    [Fact] public void Unrolled_multilayer_double() => AssertBatchesMatch<GcTanhMeanSquaredErrorS5x7x3x2NoBias, double>(tiled: true);
    [Fact] public void Unrolled_piecewise_linear_double() => AssertBatchesMatch<PropUnrolledLinearDouble, double>(tiled: false);

    // Loop and convolution layers compute each example's values the same way alone and in a tile, so their float tanh and
    // sigmoid, over layers that leave part of a vector, must round the same way too: outputs and losses bit for bit.
    [Fact] public void Exponential_loops_float() => AssertBatchesMatch<ExponentialLoopsFloat, float>(tiled: true, sameOutputs: true);
    [Fact] public void Exponential_convolution_float() => AssertBatchesMatch<ExponentialConvFloat, float>(tiled: true, sameOutputs: true);

    // Tiles of 8, not 32 (the network's working memory): 12 examples run as tiles of 8 and 4.
    [Fact] public void Wide_layer_in_smaller_tiles_double() => AssertBatchesMatch<WideTileDouble, double>(tiled: true, examples: 12);

    [Fact]
    public void BackpropagateBatch_equals_the_sum_of_separate_gradients_within_1e_12()
    {
        AssertBatchGradientIsSumOfSeparateGradients<PropUnrolledDouble>();
        AssertBatchGradientIsSumOfSeparateGradients<PropLoopDouble>();
        AssertBatchGradientIsSumOfSeparateGradients<GcReluMeanSquaredErrorS5x7x3x2>();
        AssertBatchGradientIsSumOfSeparateGradients<GcSoftmaxCrossEntropyLinearS9x13x6LoopsNoBias>();
    }

    [Fact]
    public void An_empty_batch_does_nothing()
    {
        var network = new PropLoopDouble();
        double[] before = network.Parameters.ToArray();
        var gradient = Enumerable.Repeat(0.5, PropLoopDouble.ParameterCount).ToArray();
        Assert.Equal(0.0, network.BackpropagateBatch([], [], gradient));
        Assert.All(gradient, g => Assert.Equal(0.5, g));
        network.PredictBatch([], []);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void ComputeLossBatch_rejects_spans_of_the_wrong_length_by_name()
    {
        var network = new PropLoopDouble();
        int inputs = 3 * PropLoopDouble.InputSize, outputs = 3 * PropLoopDouble.OutputSize;
        Assert.Equal("losses", Assert.Throws<ArgumentException>(() => network.ComputeLossBatch(new double[inputs], new double[outputs], new double[outputs], new double[2])).ParamName);
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => network.ComputeLossBatch(new double[inputs], new double[outputs], new double[outputs - 1], new double[3])).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => network.ComputeLossBatch(new double[inputs], new double[outputs + 1], new double[outputs], new double[3])).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => network.ComputeLossBatch(new double[inputs - 1], new double[outputs], new double[outputs], new double[3])).ParamName);
        network.ComputeLossBatch([], [], [], []);
    }

    private static void AssertEqualOrClose<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual, bool exact, double tolerance, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (exact)
        {
            Near.AssertBitwiseEqual(expected, actual, what);
            return;
        }

        Assert.Equal(expected.Length, actual.Length);
        double largest = 0;
        foreach (T value in expected)
            largest = System.Math.Max(largest, System.Math.Abs(double.CreateChecked(value)));
        for (int k = 0; k < expected.Length; k++)
        {
            double e = double.CreateChecked(expected[k]), a = double.CreateChecked(actual[k]);
            Assert.True(System.Math.Abs(a - e) <= tolerance * System.Math.Max(System.Math.Abs(e), largest), $"{what}[{k}]: expected {e:R}, actual {a:R}");
        }
    }

    /// <param name="tiled">The batched methods run tiles: their gradient sums the examples in another order.</param>
    /// <param name="sameOutputs">Every layer runs the runtime's kernels, so a tile's outputs and losses are each example's own.</param>
    internal static void AssertBatchesMatch<TNet, T>(bool tiled, int examples = Examples, bool sameOutputs = false)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(42);
        TNet network = TNet.Create();
        TestValues.Convert<T>(TestValues.Uniform(random, TNet.ParameterCount, 1)).CopyTo(network.Parameters);
        T[] inputs = TestValues.Convert<T>(TestValues.Uniform(random, examples * TNet.InputSize, 2));
        T[] targets = Enumerable.Range(0, examples).SelectMany(_ => TestValues.Convert<T>(TestValues.Target(random, TNet.Loss, TNet.OutputSize))).ToArray();
        T[] parameters = network.Parameters.ToArray();

        // PredictBatch == Predict per example. Networks with a kernel layer or an exponential run batches as tiles
        // (matrix-matrix). Their unrolled layers then sum in another order than one example's code (plain additions
        // against the kernels' vector sums): equal to rounding (relative 1e-12 in double, 1e-5 in float, of the
        // example's largest output). Networks of kernel layers only give each example's own bits; unrolled networks of
        // linear and relu layers run the per-example code: bit for bit.
        bool exact = tiled is false, exactOutputs = exact || sameOutputs;
        double tolerance = typeof(T) == typeof(double) ? 1e-12 : 1e-5;
        var batchOutputs = new T[examples * TNet.OutputSize];
        network.PredictBatch(inputs, batchOutputs);
        var output = new T[TNet.OutputSize];
        T sequentialLoss = T.Zero;
        var sequentialGradient = new T[TNet.ParameterCount];
        for (int n = 0; n < examples; n++)
        {
            ReadOnlySpan<T> input = inputs.AsSpan(n * TNet.InputSize, TNet.InputSize);
            ReadOnlySpan<T> target = targets.AsSpan(n * TNet.OutputSize, TNet.OutputSize);
            network.Predict(input, output);
            AssertEqualOrClose(output, batchOutputs.AsSpan(n * TNet.OutputSize, TNet.OutputSize), exactOutputs, tolerance, $"PredictBatch example {n}");


            sequentialLoss += network.Backpropagate(input, target, sequentialGradient);
        }

        // ComputeLossBatch runs the same passes as PredictBatch: the same outputs bit for bit, and each example's loss
        // what ComputeLoss gives it (to rounding when tiled: the logits come from the tile's matrix products).
        var lossBatchOutputs = Enumerable.Repeat(T.NaN, examples * TNet.OutputSize).ToArray();
        var batchLosses = Enumerable.Repeat(T.NaN, examples).ToArray();
        network.ComputeLossBatch(inputs, targets, lossBatchOutputs, batchLosses);
        Near.AssertBitwiseEqual<T>(batchOutputs, lossBatchOutputs, "ComputeLossBatch outputs");
        var sequentialLosses = new T[examples];
        for (int n = 0; n < examples; n++)
            sequentialLosses[n] = network.ComputeLoss(inputs.AsSpan(n * TNet.InputSize, TNet.InputSize), targets.AsSpan(n * TNet.OutputSize, TNet.OutputSize));
        Assert.Contains(sequentialLosses, loss => loss != T.Zero);
        for (int n = 0; n < examples; n++)
            AssertEqualOrClose<T>([sequentialLosses[n]], [batchLosses[n]], exactOutputs, tolerance, $"ComputeLossBatch loss of example {n}");

        // BackpropagateBatch == Backpropagate of each example into the same gradient (bit for bit when not tiled).
        var batchGradient = new T[TNet.ParameterCount];
        T batchLoss = network.BackpropagateBatch(inputs, targets, batchGradient);
        AssertEqualOrClose<T>([sequentialLoss], [batchLoss], exactOutputs, tolerance, "BackpropagateBatch loss");
        AssertEqualOrClose<T>(sequentialGradient, batchGradient, exact, tolerance, "BackpropagateBatch gradient");
        Assert.Contains(batchGradient, g => g != T.Zero);

        // None of it touched the parameters.
        Near.AssertBitwiseEqual<T>(parameters, network.Parameters, "parameters");
    }

    private static void AssertBatchGradientIsSumOfSeparateGradients<TNet>()
        where TNet : class, INeuralNetwork<TNet, double>
    {
        var random = new Random(7);
        TNet network = TNet.Create();
        TestValues.Uniform(random, TNet.ParameterCount, 1).CopyTo(network.Parameters);
        double[] inputs = TestValues.Uniform(random, Examples * TNet.InputSize, 2);
        double[] targets = Enumerable.Range(0, Examples).SelectMany(_ => TestValues.Target(random, TNet.Loss, TNet.OutputSize)).ToArray();

        var expected = new double[TNet.ParameterCount];
        double expectedLoss = 0;
        for (int n = 0; n < Examples; n++)
        {
            var single = new double[TNet.ParameterCount];
            expectedLoss += network.Backpropagate(inputs.AsSpan(n * TNet.InputSize, TNet.InputSize), targets.AsSpan(n * TNet.OutputSize, TNet.OutputSize), single);
            for (int k = 0; k < single.Length; k++)
                expected[k] += single[k];
        }

        var actual = new double[TNet.ParameterCount];
        double actualLoss = network.BackpropagateBatch(inputs, targets, actual);
        Near.AssertRelative(expectedLoss, actualLoss, 1e-12, $"{typeof(TNet).Name} batch loss");
        double largest = expected.Max(System.Math.Abs);
        Assert.True(largest > 0);
        for (int k = 0; k < expected.Length; k++)
            Assert.True(System.Math.Abs(expected[k] - actual[k]) <= 1e-12 * System.Math.Max(System.Math.Abs(expected[k]), largest),
                $"{typeof(TNet).Name} batch gradient[{k}]: expected {expected[k]:R}, actual {actual[k]:R}");
    }
}
