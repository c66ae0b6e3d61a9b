using CompiledNets.Tests.Networks;
using CompiledNets.Tests.Shared;

namespace CompiledNets.Tests.MathTests;

/// <summary>
/// Forward and backward values of every activation and every loss, in double, against values computed
/// independently of the generator: literal numbers from python3 (arithmetic in the comments) and
/// <see cref="ReferenceNetwork"/>, a plain implementation written from the documented formulas.
/// </summary>
public sealed class HandComputedTests
{
    private const double Tolerance = 1e-12;
    private static readonly double[] X = [0.7, -1.2];

    [Fact]
    public void Sigmoid_half_squared_error_matches_python_literals()
    {
        // Parameters: W1 = [[0.5, -0.3], [0.8, 0.2]], b1 = [0.1, -0.2], W2 = [[1.1, -0.7], [0.4, 0.9]], b2 = [0.05, -0.15].
        // z1 = [0.1 + 0.5*0.7 - 0.3*(-1.2), -0.2 + 0.8*0.7 + 0.2*(-1.2)] = [0.81, 0.12]
        // a1 = sigmoid(z1) = [0.6921095043017882, 0.5299640517645717]
        // z2 = [0.05 + 1.1*a1[0] - 0.7*a1[1], -0.15 + 0.4*a1[0] + 0.9*a1[1]] = [0.44034561849676696, 0.6038114483088298]
        // p = sigmoid(z2) = [0.6083413816337062, 0.6465278206458832]; t = [0.2, 0.9]
        // L = 0.5*((p0 - 0.2)^2 + (p1 - 0.9)^2) = 0.11549541483052483
        // d2 = (p - t) * p * (1 - p) = [0.09729229349080466, -0.057925895195397085]
        // d1 = (W2^T d2) * a1 * (1 - a1) = [0.01786817493489135, -0.029951522844911337]
        // gradient = [d1 x^T (row-major), d1, d2 a1^T (row-major), d2]
        var network = new HandSigmoidHalfSquaredError();
        double[] parameters = [0.5, -0.3, 0.8, 0.2, 0.1, -0.2, 1.1, -0.7, 0.4, 0.9, 0.05, -0.15];
        double[] target = [0.2, 0.9];
        double[] expectedOutput = [0.6083413816337062, 0.6465278206458832];
        double expectedLoss = 0.11549541483052483;
        double[] expectedGradient =
        [
            0.012507722454423944, -0.021441809921869618, -0.020966065991437934, 0.0359418274138936,
            0.01786817493489135, -0.029951522844911337,
            0.0673369210203049, 0.05156141806385471, -0.04009106260992361, -0.03069864211984258,
            0.09729229349080466, -0.057925895195397085,
        ];
        AssertNetworkComputes(network, parameters, X, target, expectedOutput, expectedLoss, expectedGradient);
    }

    [Fact]
    public void Softmax_cross_entropy_matches_python_literals()
    {
        // W1 = [[0.5, -0.3], [0.8, 0.2]], b1 = [0.1, -0.2]: z1 = [0.81, 0.12], a1 = tanh(z1) = [0.6695902596187707, 0.11942729853438583]
        // W2 = [[1.1, -0.7], [0.4, 0.9], [-0.6, 0.3]], b2 = [0.05, -0.15, 0.2]:
        // z2 = W2 a1 + b2 = [0.7029501766065778, 0.22532067252845553, -0.16592596621094668]
        // p = exp(z2) / sum exp(z2) = [0.4902742793729094, 0.3040935803834924, 0.20563214024359802]; t = [0, 1, 0]
        // L = -log p1 = 1.1904197947370565
        // d2 = p - t = [0.4902742793729094, -0.6959064196165077, 0.20563214024359802]
        // d1 = (W2^T d2) * (1 - a1^2) = [0.07588474069983407, -0.8948700304076526]
        var network = new HandSoftmaxCrossEntropy();
        double[] parameters = [0.5, -0.3, 0.8, 0.2, 0.1, -0.2, 1.1, -0.7, 0.4, 0.9, -0.6, 0.3, 0.05, -0.15, 0.2];
        double[] target = [0, 1, 0];
        double[] expectedOutput = [0.4902742793729094, 0.3040935803834924, 0.20563214024359802];
        double expectedLoss = 1.1904197947370565;
        double[] expectedGradient =
        [
            0.05311931848988385, -0.09106168883980088, -0.6264090212853568, 1.073844036489183,
            0.07588474069983407, -0.8948700304076526,
            0.3282828820097121, 0.05855213272639933, -0.4659721601813866, -0.08311022372753624, 0.13768927817167428, 0.024558091001136876,
            0.4902742793729094, -0.6959064196165077, 0.20563214024359802,
        ];
        AssertNetworkComputes(network, parameters, X, target, expectedOutput, expectedLoss, expectedGradient);
    }

    [Fact]
    public void Single_neurons_match_closed_forms()
    {
        // One weight w = 0.5, bias b = -0.25, input x = 1.5: z = 0.5*1.5 - 0.25 = 0.5.
        double[] x = [1.5];
        double[] parameters = [0.5, -0.25];

        // Linear, SquaredError, t = 2: p = 0.5, L = (0.5 - 2)^2 = 2.25, dL/dz = 2*(0.5 - 2) = -3, dL/dw = -3*1.5 = -4.5.
        AssertNetworkComputes(new GcLinearSquaredErrorS1x1(), parameters, x, [2.0], [0.5], 2.25, [-4.5, -3.0]);

        // Sigmoid, HalfSquaredError, t = 0: p = s = 1/(1 + e^-0.5); L = s^2/2; dL/dz = s * s(1 - s).
        double s = 1 / (1 + System.Math.Exp(-0.5));
        AssertNetworkComputes(new GcSigmoidHalfSquaredErrorS1x1(), parameters, x, [0.0], [s], s * s / 2, [s * s * (1 - s) * 1.5, s * s * (1 - s)]);

        // Tanh, MeanSquaredError (n = 1), t = 1: p = tanh 0.5; L = (p - 1)^2; dL/dz = 2(p - 1)(1 - p^2).
        double th = System.Math.Tanh(0.5);
        double dz = 2 * (th - 1) * (1 - th * th);
        AssertNetworkComputes(new GcTanhMeanSquaredErrorS1x1(), parameters, x, [1.0], [th], (th - 1) * (th - 1), [dz * 1.5, dz]);

        // Relu, SquaredError, t = 1: p = 0.5, L = 0.25, dL/dz = -1 (z > 0).
        AssertNetworkComputes(new GcReluSquaredErrorS1x1(), parameters, x, [1.0], [0.5], 0.25, [-1.5, -1.0]);

        // Relu at z = -0.5 (w = -0.5): p = 0, L = 1, and no gradient at all.
        AssertNetworkComputes(new GcReluSquaredErrorS1x1(), [-0.5, 0.25], x, [1.0], [0.0], 1.0, [0.0, 0.0]);

        // LeakyRelu, HalfSquaredError, w = -0.5, b = 0.25: z = -0.5, p = 0.01*z = -0.005; t = 0.995: error = -1,
        // L = 0.5, dL/dz = -1 * 0.01 = -0.01, dL/dw = -0.015.
        AssertNetworkComputes(new GcLeakyReluHalfSquaredErrorS1x1(), [-0.5, 0.25], x, [0.995], [-0.005], 0.5, [-0.015, -0.01]);

        // Sigmoid + BinaryCrossEntropy, t = 0.25: p = s, L = -(0.25 log s + 0.75 log(1 - s)), dL/dz = s - 0.25.
        AssertNetworkComputes(new GcSigmoidBinaryCrossEntropyS1x1(), parameters, x, [0.25], [s],
            -(0.25 * System.Math.Log(s) + 0.75 * System.Math.Log(1 - s)), [(s - 0.25) * 1.5, s - 0.25]);
    }

    public static TheoryData<string> Cases => new(HandCases.Keys);

    /// <summary>Each case: the network, its chosen parameters and target, and the same network for the reference implementation.</summary>
    private static readonly Dictionary<string, Action> HandCases = new()
    {
        // z1 = [0.81, 0.12], linear throughout; p = 0.3 + 0.9*0.81 - 0.4*0.12.
        ["Linear, SquaredError"] = () => AssertMatchesReference<HandLinearSquaredError>(
            new(2, Loss.SquaredError, new(2, Activation.Linear), new(1, Activation.Linear)),
            [0.5, -0.3, 0.8, 0.2, 0.1, -0.2, 0.9, -0.4, 0.3], [0.25]),
        ["Sigmoid, HalfSquaredError"] = () => AssertMatchesReference<HandSigmoidHalfSquaredError>(
            new(2, Loss.HalfSquaredError, new(2, Activation.Sigmoid), new(2, Activation.Sigmoid)),
            [0.5, -0.3, 0.8, 0.2, 0.1, -0.2, 1.1, -0.7, 0.4, 0.9, 0.05, -0.15], [0.2, 0.9]),
        ["Tanh, MeanSquaredError"] = () => AssertMatchesReference<HandTanhMeanSquaredError>(
            new(2, Loss.MeanSquaredError, new(2, Activation.Tanh), new(2, Activation.Tanh)),
            [0.5, -0.3, 0.8, 0.2, 0.1, -0.2, 1.1, -0.7, 0.4, 0.9, 0.05, -0.15], [-0.3, 0.6]),
        // z1 = [0.81, -1.0]: the second hidden neuron is off, so its weights get exactly zero gradient; z2 = 1.029.
        ["Relu, SquaredError"] = () => AssertMatchesReference<HandReluSquaredError>(
            new(2, Loss.SquaredError, new(2, Activation.Relu), new(1, Activation.Relu)),
            [0.5, -0.3, -0.8, 0.2, 0.1, -0.2, 0.9, -0.4, 0.3], [0.5]),
        // z1 = [0.81, -1.0], a1 = [0.81, -0.01]; z2 = [0.948, -0.883]: both slopes in both layers.
        ["LeakyRelu, MeanSquaredError"] = () => AssertMatchesReference<HandLeakyReluMeanSquaredError>(
            new(2, Loss.MeanSquaredError, new(2, Activation.LeakyRelu), new(2, Activation.LeakyRelu)),
            [0.5, -0.3, -0.8, 0.2, 0.1, -0.2, 1.1, -0.7, -0.9, 0.4, 0.05, -0.15], [0.4, -0.2]),
        ["LeakyRelu, MeanSquaredError, loops"] = () => AssertMatchesReference<HandLeakyReluMeanSquaredErrorLoops>(
            new(2, Loss.MeanSquaredError, new(2, Activation.LeakyRelu), new(2, Activation.LeakyRelu)),
            [0.5, -0.3, -0.8, 0.2, 0.1, -0.2, 1.1, -0.7, -0.9, 0.4, 0.05, -0.15], [0.4, -0.2]),
        ["Softmax, CrossEntropy, one-hot"] = () => AssertMatchesReference<HandSoftmaxCrossEntropy>(
            new(2, Loss.CrossEntropy, new(2, Activation.Tanh), new(3, Activation.Softmax)),
            [0.5, -0.3, 0.8, 0.2, 0.1, -0.2, 1.1, -0.7, 0.4, 0.9, -0.6, 0.3, 0.05, -0.15, 0.2], [0, 1, 0]),
        ["Softmax, CrossEntropy, soft target"] = () => AssertMatchesReference<HandSoftmaxCrossEntropy>(
            new(2, Loss.CrossEntropy, new(2, Activation.Tanh), new(3, Activation.Softmax)),
            [0.5, -0.3, 0.8, 0.2, 0.1, -0.2, 1.1, -0.7, 0.4, 0.9, -0.6, 0.3, 0.05, -0.15, 0.2], [0.2, 0.5, 0.3]),
        ["Softmax, CrossEntropy, soft target, loops"] = () => AssertMatchesReference<HandSoftmaxCrossEntropyLoops>(
            new(2, Loss.CrossEntropy, new(2, Activation.Tanh), new(3, Activation.Softmax)),
            [0.5, -0.3, 0.8, 0.2, 0.1, -0.2, 1.1, -0.7, 0.4, 0.9, -0.6, 0.3, 0.05, -0.15, 0.2], [0.2, 0.5, 0.3]),
        // Relu hidden layer with z1 = [0.81, -1.0].
        ["Sigmoid, BinaryCrossEntropy, 0/1 targets"] = () => AssertMatchesReference<HandSigmoidBinaryCrossEntropy>(
            new(2, Loss.BinaryCrossEntropy, new(2, Activation.Relu), new(2, Activation.Sigmoid)),
            [0.5, -0.3, -0.8, 0.2, 0.1, -0.2, 1.1, -0.7, 0.4, 0.9, 0.05, -0.15], [1, 0]),
        ["Sigmoid, BinaryCrossEntropy, soft targets"] = () => AssertMatchesReference<HandSigmoidBinaryCrossEntropy>(
            new(2, Loss.BinaryCrossEntropy, new(2, Activation.Relu), new(2, Activation.Sigmoid)),
            [0.5, -0.3, -0.8, 0.2, 0.1, -0.2, 1.1, -0.7, 0.4, 0.9, 0.05, -0.15], [0.3, 0.8]),
        ["No bias, HalfSquaredError"] = () => AssertMatchesReference<HandNoBiasHalfSquaredError>(
            new(2, Loss.HalfSquaredError, new(2, Activation.Linear, Bias: false), new(2, Activation.Sigmoid, Bias: false)),
            [0.5, -0.3, 0.8, 0.2, 1.1, -0.7, 0.4, 0.9], [0.2, 0.9]),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Network_matches_the_reference_implementation(string name) => HandCases[name]();

    [Fact]
    public void Relu_gradient_of_an_inactive_neuron_is_exactly_zero()
    {
        var network = new HandReluSquaredError();
        new double[] { 0.5, -0.3, -0.8, 0.2, 0.1, -0.2, 0.9, -0.4, 0.3 }.CopyTo(network.Parameters);
        var gradient = new double[HandReluSquaredError.ParameterCount];
        network.Backpropagate(X, [0.5], gradient);

        // Hidden neuron 1 has z = -1: its two weights, its bias and the output weight reading it get nothing.
        Assert.Equal(0.0, gradient[2]);
        Assert.Equal(0.0, gradient[3]);
        Assert.Equal(0.0, gradient[5]);
        Assert.Equal(0.0, gradient[7]);
        Assert.All(new[] { gradient[0], gradient[1], gradient[4], gradient[6], gradient[8] }, g => Assert.NotEqual(0.0, g));
    }

    [Theory]
    [MemberData(nameof(GradientCheckTests.Networks), MemberType = typeof(GradientCheckTests))]
    public void Every_gradient_check_network_matches_the_reference_implementation_with_random_parameters(Type network)
        => typeof(HandComputedTests).GetMethod(nameof(AssertMatchesReferenceRandom), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(network).InvokeUnwrapped();

    private static void AssertMatchesReferenceRandom<TNet>()
        where TNet : class, INeuralNetwork<TNet, double>
    {
        var reference = ReferenceNetwork.Parse(TNet.Architecture, TNet.Loss);
        Assert.Equal(reference.ParameterCount, TNet.ParameterCount);
        var random = new Random(20261122);
        for (int example = 0; example < 3; example++)
        {
            double[] parameters = TestValues.Uniform(random, TNet.ParameterCount, 1);
            double[] input = TestValues.Uniform(random, TNet.InputSize, 1);
            double[] target = TestValues.Target(random, TNet.Loss, TNet.OutputSize);
            ReferenceResult expected = reference.Run(parameters, input, target);
            AssertNetworkComputes(TNet.Create(), parameters, input, target, expected.Output, expected.Loss, expected.Gradient, randomValues: true);
        }
    }

    private static void AssertMatchesReference<TNet>(ReferenceNetwork reference, double[] parameters, double[] target)
        where TNet : class, INeuralNetwork<TNet, double>
    {
        Assert.Equal(reference.ParameterCount, TNet.ParameterCount);
        ReferenceResult expected = reference.Run(parameters, X, target);
        AssertNetworkComputes(TNet.Create(), parameters, X, target, expected.Output, expected.Loss, expected.Gradient);
    }

    /// <summary>
    /// Sets the parameters, then checks Predict, both ComputeLoss overloads, Backpropagate (returned loss, gradient,
    /// and that it adds rather than overwrites) and TrainStep (returned loss, parameters moved by -rate * gradient).
    /// </summary>
    private static void AssertNetworkComputes<TNet>(
        TNet network, double[] parameters, double[] input, double[] target,
        double[] expectedOutput, double expectedLoss, double[] expectedGradient, bool randomValues = false)
        where TNet : class, INeuralNetwork<TNet, double>
    {
        string name = typeof(TNet).Name;
        parameters.CopyTo(network.Parameters);
        var output = new double[TNet.OutputSize];
        network.Predict(input, output);
        Near.AssertRelative(expectedOutput, output, Tolerance, $"{name} Predict");

        Near.AssertRelative(expectedLoss, network.ComputeLoss(input, target), Tolerance, $"{name} ComputeLoss");
        var output2 = new double[TNet.OutputSize];
        var loss = new double[1];
        network.ComputeLossBatch(input, target, output2, loss);
        Near.AssertRelative(expectedLoss, loss[0], Tolerance, $"{name} ComputeLossBatch");
        Near.AssertRelative(expectedOutput, output2, Tolerance, $"{name} ComputeLossBatch output");

        var gradient = new double[TNet.ParameterCount];
        Near.AssertRelative(expectedLoss, network.Backpropagate(input, target, gradient), Tolerance, $"{name} Backpropagate loss");
        AssertGradientClose(expectedGradient, gradient, randomValues, $"{name} gradient");

        // Backpropagate adds into the gradient.
        var offsetGradient = Enumerable.Repeat(1.0, TNet.ParameterCount).ToArray();
        network.Backpropagate(input, target, offsetGradient);
        AssertGradientClose(expectedGradient.Select(g => g + 1).ToArray(), offsetGradient, randomValues, $"{name} accumulated gradient");

        // The network's parameters are untouched by all of the above.
        Assert.Equal(parameters, network.Parameters.ToArray());

        const double rate = 0.125;
        Near.AssertRelative(expectedLoss, network.TrainStep(input, target, rate), Tolerance, $"{name} TrainStep loss");
        double[] expectedParameters = parameters.Zip(expectedGradient, (p, g) => p - rate * g).ToArray();
        AssertGradientClose(expectedParameters, network.Parameters.ToArray(), randomValues, $"{name} parameters after TrainStep");
    }

    /// <summary>
    /// Per component within 1e-12 relative. With random parameters, a component that is a sum of terms of mixed
    /// sign may cancel; such a component is compared to 1e-12 of the largest component instead.
    /// </summary>
    private static void AssertGradientClose(double[] expected, double[] actual, bool randomValues, string what)
    {
        if (!randomValues)
        {
            Near.AssertRelative(expected, actual, Tolerance, what);
            return;
        }

        double largest = expected.Max(System.Math.Abs);
        for (int k = 0; k < expected.Length; k++)
        {
            double error = System.Math.Abs(actual[k] - expected[k]);
            Assert.True(Near.Relative(expected[k], actual[k], Tolerance) || error <= Tolerance * largest,
                $"{what}[{k}]: expected {expected[k]:R}, actual {actual[k]:R} (largest component {largest:G3})");
        }
    }
}
