using System.Numerics;
using CompiledNets.Tests.Networks;

namespace CompiledNets.Tests.MathTests;

/// <summary>
/// Logits of magnitude 1e4, where exp overflows and log(p) would be log(0): the losses are computed from the
/// logits, so loss, outputs and gradients stay finite and exact.
/// </summary>
public sealed class NumericalSoundnessTests
{
    // Hidden layer: W1 = 0, b1 = [20, -20], so a1 = tanh(+-20) = [1, -1] exactly (in float and double).
    // Output: W2 = [[5000, -2500], [-5000, 2500], [0, 0]], b2 = [2500, -2500, 0]:
    // z2 = [2500 + 5000 + 2500, -2500 - 5000 - 2500, 0] = [1e4, -1e4, 0], all exact.
    private static readonly double[] HugeSoftmaxParameters = [0, 0, 0, 0, 20, -20, 5000, -2500, -5000, 2500, 0, 0, 2500, -2500, 0];

    [Theory]
    [InlineData(0, 0.0)]    // the right class has the big logit: L = log(1 + e^-1e4 + e^-2e4) = 0
    [InlineData(1, 2e4)]    // the right class has logit -1e4: L = lse - z1 = 1e4 - (-1e4)
    [InlineData(2, 1e4)]    // logit 0: L = 1e4 - 0
    public void Cross_entropy_with_huge_logits_is_finite_and_exact_double(int label, double expectedLoss)
        => AssertHugeSoftmax<HugeLogitsCrossEntropy, double>(label, expectedLoss);

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 2e4)]
    [InlineData(2, 1e4)]
    public void Cross_entropy_with_huge_logits_is_finite_and_exact_float_loops(int label, double expectedLoss)
        => AssertHugeSoftmax<HugeLogitsCrossEntropyFloatLoops, float>(label, expectedLoss);

    private static void AssertHugeSoftmax<TNet, T>(int label, double expectedLoss)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TNet network = TNet.Create();
        TestValues.Convert<T>(HugeSoftmaxParameters).CopyTo(network.Parameters);
        T[] input = TestValues.Convert<T>([0.3, -0.7]);
        var target = new T[3];
        target[label] = T.One;

        var output = new T[3];
        network.Predict(input, output);
        Assert.Equal(TestValues.Convert<T>([1, 0, 0]), output);   // exp(-1e4) underflows to exactly 0, no NaN

        T loss = network.ComputeLoss(input, target);
        Assert.True(T.IsFinite(loss));
        Assert.Equal(expectedLoss, double.CreateChecked(loss));

        var gradient = new T[TNet.ParameterCount];
        Assert.Equal(loss, network.Backpropagate(input, target, gradient));
        Assert.All(gradient, g => Assert.True(T.IsFinite(g)));
        // Output biases get p - t = e0 - t; output weights (p - t) a1 with a1 = [1, -1]; the hidden layer nothing (1 - a1^2 = 0).
        T[] delta = [T.One - target[0], -target[1], -target[2]];
        T[] expected = [T.Zero, T.Zero, T.Zero, T.Zero, T.Zero, T.Zero, delta[0], -delta[0], delta[1], -delta[1], delta[2], -delta[2], delta[0], delta[1], delta[2]];
        Assert.Equal(expected, gradient);   // exact values (0 == -0)

        Assert.Equal(loss, network.TrainStep(input, target, T.CreateChecked(0.5)));
        Assert.All(network.Parameters.ToArray(), p => Assert.True(T.IsFinite(p)));
    }

    // Hidden layer: W1 = [[1e4, 0], [-1e4, 0]], b1 = 0, input [1, 0.5]: z1 = [1e4, -1e4], a1 = sigmoid(z1) = [1, 0] exactly.
    // Output: W2 = [[1e4, 0], [-1e4, 0]], b2 = 0: z2 = [1e4, -1e4], p = [1, 0] exactly.
    private static readonly double[] HugeSigmoidParameters = [1e4, 0, -1e4, 0, 0, 0, 1e4, 0, -1e4, 0, 0, 0];

    [Theory]
    [InlineData(1.0, 0.0, 0.0)]   // both outputs right: max(z, 0) - z t + log(1 + e^-|z|) = 0 + 0
    [InlineData(0.0, 1.0, 2e4)]   // both wrong: 1e4 + 1e4
    [InlineData(0.0, 0.0, 1e4)]   // the first wrong
    public void Binary_cross_entropy_with_huge_logits_is_finite_and_exact_double(double t0, double t1, double expectedLoss)
        => AssertHugeSigmoid<HugeLogitsBinaryCrossEntropy, double>(t0, t1, expectedLoss);

    [Theory]
    [InlineData(1.0, 0.0, 0.0)]
    [InlineData(0.0, 1.0, 2e4)]
    [InlineData(0.0, 0.0, 1e4)]
    public void Binary_cross_entropy_with_huge_logits_is_finite_and_exact_float_loops(double t0, double t1, double expectedLoss)
        => AssertHugeSigmoid<HugeLogitsBinaryCrossEntropyFloatLoops, float>(t0, t1, expectedLoss);

    private static void AssertHugeSigmoid<TNet, T>(double t0, double t1, double expectedLoss)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TNet network = TNet.Create();
        TestValues.Convert<T>(HugeSigmoidParameters).CopyTo(network.Parameters);
        T[] input = TestValues.Convert<T>([1, 0.5]);
        T[] target = TestValues.Convert<T>([t0, t1]);

        var output = new T[2];
        network.Predict(input, output);
        Assert.Equal(TestValues.Convert<T>([1, 0]), output);   // sigmoid(+-1e4): 1 / (1 + 0) and 1 / (1 + inf), finite

        T loss = network.ComputeLoss(input, target);
        Assert.True(T.IsFinite(loss));
        Assert.Equal(expectedLoss, double.CreateChecked(loss));

        var gradient = new T[TNet.ParameterCount];
        Assert.Equal(loss, network.Backpropagate(input, target, gradient));
        Assert.All(gradient, g => Assert.True(T.IsFinite(g)));
        // d2 = p - t; dW2 = d2 a1 with a1 = [1, 0]; db2 = d2; the saturated hidden layer gets a1 (1 - a1) = 0.
        T d0 = T.One - target[0], d1 = -target[1];
        T[] expected = [T.Zero, T.Zero, T.Zero, T.Zero, T.Zero, T.Zero, d0, T.Zero, d1, T.Zero, d0, d1];
        Assert.Equal(expected, gradient);   // exact values (0 == -0)

        Assert.Equal(loss, network.TrainStep(input, target, T.CreateChecked(0.5)));
        Assert.All(network.Parameters.ToArray(), p => Assert.True(T.IsFinite(p)));
    }

    [Fact]
    public void Sigmoid_hidden_and_output_layers_at_plus_minus_1e4_are_finite_with_squared_error()
    {
        // 1 -> Dense(1, Sigmoid), HalfSquaredError: z = w x + b = +-1e4.
        var network = new GcSigmoidHalfSquaredErrorS1x1();
        foreach (double z in new[] { 1e4, -1e4 })
        {
            network.Parameters[0] = z;
            network.Parameters[1] = 0;
            var output = new double[1];
            network.Predict([1.0], output);
            Assert.Equal(z > 0 ? 1.0 : 0.0, output[0]);
            var gradient = new double[2];
            double loss = network.Backpropagate([1.0], [0.5], gradient);
            Assert.Equal(0.125, loss);
            Assert.Equal([0.0, 0.0], gradient);   // (p - t) p (1 - p) = 0 at saturation, not NaN
        }
    }
}
