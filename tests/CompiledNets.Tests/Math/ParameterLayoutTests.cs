using CompiledNets.Tests.Networks;

namespace CompiledNets.Tests.MathTests;

/// <summary>
/// Parameters is layer by layer, weights row-major [units, inputs] then biases; the named views are windows onto
/// it; and W[j, i] is the weight from input i to neuron j. Both for unrolled and for looped code.
/// </summary>
public sealed class ParameterLayoutTests
{
    private delegate Span<double> View<TNet>(TNet network);

    [Fact]
    public void Offsets_follow_the_documented_layout()
    {
        // 3 -> Dense(2) -> Dense(2, Name = "Out"): W1 [2 x 3] at 0, b1 at 6, W2 [2 x 2] at 8, b2 at 12; 14 in all.
        Assert.Equal((0, 6, 8, 12, 14), (LayoutNet.Layer1WeightsOffset, LayoutNet.Layer1BiasesOffset, LayoutNet.OutWeightsOffset, LayoutNet.OutBiasesOffset, LayoutNet.ParameterCount));
        Assert.Equal((0, 6, 8, 12, 14), (LayoutNetLoops.Layer1WeightsOffset, LayoutNetLoops.Layer1BiasesOffset, LayoutNetLoops.OutWeightsOffset, LayoutNetLoops.OutBiasesOffset, LayoutNetLoops.ParameterCount));
        Assert.Equal((3, 2, 2, 2), (LayoutNet.Layer1Inputs, LayoutNet.Layer1Outputs, LayoutNet.OutInputs, LayoutNet.OutOutputs));
        // No biases: the layers simply follow each other. 5 -> 7 -> 3 -> 2: 35 + 21 + 6.
        Assert.Equal((0, 35, 56, 62), (GcTanhMeanSquaredErrorS5x7x3x2NoBias.Layer1WeightsOffset, GcTanhMeanSquaredErrorS5x7x3x2NoBias.Layer2WeightsOffset,
            GcTanhMeanSquaredErrorS5x7x3x2NoBias.Layer3WeightsOffset, GcTanhMeanSquaredErrorS5x7x3x2NoBias.ParameterCount));
    }

    [Fact]
    public void Views_are_windows_onto_Parameters_unrolled()
        => AssertViewsAreWindows(new LayoutNet(), n => n.Parameters, n => n.Layer1Weights, n => n.Layer1Biases, n => n.OutWeights, n => n.OutBiases,
            LayoutNet.Layer1BiasesOffset, LayoutNet.OutWeightsOffset, LayoutNet.OutBiasesOffset);

    [Fact]
    public void Views_are_windows_onto_Parameters_loops()
        => AssertViewsAreWindows(new LayoutNetLoops(), n => n.Parameters, n => n.Layer1Weights, n => n.Layer1Biases, n => n.OutWeights, n => n.OutBiases,
            LayoutNetLoops.Layer1BiasesOffset, LayoutNetLoops.OutWeightsOffset, LayoutNetLoops.OutBiasesOffset);

    private static void AssertViewsAreWindows<TNet>(TNet network, View<TNet> parameters, View<TNet> w1, View<TNet> b1, View<TNet> w2, View<TNet> b2,
        int b1Offset, int w2Offset, int b2Offset)
    {
        Assert.Equal((6, 2, 4, 2), (w1(network).Length, b1(network).Length, w2(network).Length, b2(network).Length));

        // Writing through a view changes Parameters at offset + index ...
        b2(network)[1] = 42;
        Assert.Equal(42, parameters(network)[b2Offset + 1]);
        w2(network)[1 * 2 + 0] = -3;
        Assert.Equal(-3, parameters(network)[w2Offset + 2]);
        b1(network)[0] = 5;
        Assert.Equal(5, parameters(network)[b1Offset]);

        // ... and every parameter is seen through exactly one view, at its place.
        for (int k = 0; k < parameters(network).Length; k++)
            parameters(network)[k] = k + 1;
        Assert.Equal([1, 2, 3, 4, 5, 6], w1(network).ToArray());
        Assert.Equal([7, 8], b1(network).ToArray());
        Assert.Equal([9, 10, 11, 12], w2(network).ToArray());
        Assert.Equal([13, 14], b2(network).ToArray());
    }

    [Fact]
    public void Predict_uses_W_j_i_as_the_weight_from_input_i_to_neuron_j_unrolled()
        => AssertWeightMeaning(new LayoutNet(), n => n.Parameters, n => n.Layer1Weights, n => n.Layer1Biases, n => n.OutWeights, n => n.OutBiases);

    [Fact]
    public void Predict_uses_W_j_i_as_the_weight_from_input_i_to_neuron_j_loops()
        => AssertWeightMeaning(new LayoutNetLoops(), n => n.Parameters, n => n.Layer1Weights, n => n.Layer1Biases, n => n.OutWeights, n => n.OutBiases);

    private static void AssertWeightMeaning<TNet>(TNet network, View<TNet> parameters, View<TNet> w1, View<TNet> b1, View<TNet> w2, View<TNet> b2)
        where TNet : class, INeuralNetwork<TNet, double>
    {
        var output = new double[2];
        double[] e0 = [1, 0, 0], e1 = [0, 1, 0], e2 = [0, 0, 1];

        // Output layer the identity: W2[0, 0] = W2[1, 1] = 1.
        parameters(network).Clear();
        w2(network)[0 * 2 + 0] = 1;
        w2(network)[1 * 2 + 1] = 1;

        // W1[1, 2] = 5 connects input 2 to hidden neuron 1, and nothing else.
        w1(network)[1 * 3 + 2] = 5;
        network.Predict(e2, output);
        Assert.Equal([0, 5], output);
        network.Predict(e1, output);
        Assert.Equal([0, 0], output);
        network.Predict(e0, output);
        Assert.Equal([0, 0], output);

        // W1[0, 1] = 2 connects input 1 to hidden neuron 0.
        w1(network)[0 * 3 + 1] = 2;
        network.Predict(e1, output);
        Assert.Equal([2, 0], output);

        // W2[1, 0] = 3 connects hidden neuron 0 to output 1: input 1 now reaches output 1 as 2 * 3.
        w2(network)[1 * 2 + 0] = 3;
        network.Predict(e1, output);
        Assert.Equal([2, 6], output);

        // Biases add to their own neuron: b1[1] = 0.5 reaches output 1 through W2[1, 1] = 1; b2[0] = -1 output 0.
        b1(network)[1] = 0.5;
        b2(network)[0] = -1;
        network.Predict(e1, output);
        Assert.Equal([1, 6.5], output);

        // The gradient uses the same layout: SquaredError, linear, so dL/db2[j] = 2 (p[j] - t[j]) at OutBiases,
        // dL/dW2[j, i] = dL/db2[j] * h[i] with h = [2, 0.5], dL/dW1[j, i] = (sum_k W2[k, j] dL/db2[k]) * x[i].
        var gradient = new double[TNet.ParameterCount];
        network.Backpropagate(e1, [0, 0], gradient);
        double[] d2 = [2 * 1.0, 2 * 6.5];
        double[] d1 = [1 * d2[0] + 3 * d2[1], 1 * d2[1]];
        Assert.Equal([0, d1[0], 0, 0, d1[1], 0, d1[0], d1[1], d2[0] * 2, d2[0] * 0.5, d2[1] * 2, d2[1] * 0.5, d2[0], d2[1]], gradient);
    }
}
