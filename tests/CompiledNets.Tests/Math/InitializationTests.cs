using CompiledNets.Tests.Networks;
using CompiledNets.Tests.Shared;

namespace CompiledNets.Tests.MathTests;

/// <summary>
/// InitializeParameters: seeded, Xavier (He for Relu and LeakyRelu) uniform weights, zero biases; convolutions as
/// PyTorch's Conv2d starts them.
/// </summary>
public sealed class InitializationTests
{
    [Fact]
    public void The_same_seed_gives_the_same_parameters()
    {
        var a = new InitMixed();
        var b = new InitMixed();
        a.InitializeParameters(123);
        b.InitializeParameters(123);
        Near.AssertBitwiseEqual<float>(a.Parameters, b.Parameters, "parameters");

        var c = new InitMixedDouble();
        var d = new InitMixedDouble();
        c.InitializeParameters(-5);
        d.InitializeParameters(-5);
        Near.AssertBitwiseEqual<double>(c.Parameters, d.Parameters, "parameters");
    }

    [Fact]
    public void Different_seeds_give_different_weights()
    {
        var a = new InitMixed();
        var b = new InitMixed();
        a.InitializeParameters(1);
        b.InitializeParameters(2);
        float[] weightsA = Weights(a), weightsB = Weights(b);
        int same = weightsA.Zip(weightsB).Count(pair => pair.First == pair.Second);
        Assert.True(same < weightsA.Length / 100, $"{same} of {weightsA.Length} weights equal for seeds 1 and 2");
    }

    [Fact]
    public void A_new_network_is_initialized_from_the_declared_seed()
    {
        Assert.Equal(7, InitMixed.DeclaredSeed);
        var declared = new InitMixed();
        var explicitSeed = new InitMixed();
        explicitSeed.Parameters.Fill(3);
        explicitSeed.InitializeParameters(InitMixed.DeclaredSeed);
        Near.AssertBitwiseEqual<float>(declared.Parameters, explicitSeed.Parameters, "new() vs InitializeParameters(DeclaredSeed)");
        Near.AssertBitwiseEqual<float>(declared.Parameters, CreateViaInterface<InitMixed, float>().Parameters, "new() vs Create()");

        Assert.Equal(12345, InitMixedDouble.DeclaredSeed);
        var declaredDouble = new InitMixedDouble();
        var explicitDouble = new InitMixedDouble();
        explicitDouble.InitializeParameters(12345);
        Near.AssertBitwiseEqual<double>(declaredDouble.Parameters, explicitDouble.Parameters, "double: new() vs InitializeParameters(DeclaredSeed)");

        // Another seed really is another network, so the comparisons above can fail.
        explicitDouble.InitializeParameters(12346);
        Assert.NotEqual(declaredDouble.Parameters.ToArray(), explicitDouble.Parameters.ToArray());
    }

    [Fact]
    public void Biases_start_at_zero_even_after_training_changed_them()
    {
        var network = new InitMixed();
        network.Parameters.Fill(0.75f);
        network.InitializeParameters(9);
        foreach (float[] biases in new[] { network.Layer1Biases.ToArray(), network.Layer2Biases.ToArray(), network.Layer3Biases.ToArray(), network.Layer4Biases.ToArray() })
            Assert.All(biases, b => Assert.Equal(0f, b));
        Assert.DoesNotContain(0.75f, network.Parameters.ToArray());

        var doubles = new InitMixedDouble();
        doubles.Parameters.Fill(0.75);
        doubles.InitializeParameters(9);
        Assert.All(doubles.Layer1Biases.ToArray().Concat(doubles.Layer2Biases.ToArray()).Concat(doubles.Layer3Biases.ToArray()).Concat(doubles.Layer4Biases.ToArray()),
            b => Assert.Equal(0.0, b));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2026)]
    public void Weights_lie_within_the_Xavier_or_He_limit_and_use_its_range(int seed)
    {
        var network = new InitMixed();
        network.InitializeParameters(seed);
        // Layer 1: Relu, He sqrt(6 / 20); layer 2: LeakyRelu, He sqrt(6 / 30); layer 3: Tanh, Xavier sqrt(6 / (25 + 10));
        // layer 4: Sigmoid, Xavier sqrt(6 / (10 + 4)).
        AssertUniformWithin(network.Layer1Weights.ToArray(), System.Math.Sqrt(6.0 / 20), "Layer1 (Relu, He)");
        AssertUniformWithin(network.Layer2Weights.ToArray(), System.Math.Sqrt(6.0 / 30), "Layer2 (LeakyRelu, He)");
        AssertUniformWithin(network.Layer3Weights.ToArray(), System.Math.Sqrt(6.0 / 35), "Layer3 (Tanh, Xavier)");
        AssertUniformWithin(network.Layer4Weights.ToArray(), System.Math.Sqrt(6.0 / 14), "Layer4 (Sigmoid, Xavier)");

        var doubles = new InitMixedDouble();
        doubles.InitializeParameters(seed);
        AssertUniformWithin(doubles.Layer1Weights.ToArray().Select(w => (float)w).ToArray(), System.Math.Sqrt(6.0 / 20), "double Layer1 (Relu, He)");
        AssertUniformWithin(doubles.Layer4Weights.ToArray().Select(w => (float)w).ToArray(), System.Math.Sqrt(6.0 / 14), "double Layer4 (Sigmoid, Xavier)");
    }

    [Fact]
    public void Mnist_weights_use_the_Xavier_limit()
    {
        var network = new Mnist784();
        AssertUniformWithin(network.Layer1Weights.ToArray(), System.Math.Sqrt(6.0 / (784 + 128)), "Layer1 (Tanh, Xavier)");
        AssertUniformWithin(network.Layer2Weights.ToArray(), System.Math.Sqrt(6.0 / (128 + 10)), "Layer2 (Softmax, Xavier)");
    }

    [Fact]
    public void Convolutions_start_as_PyTorch_starts_them_and_dense_layers_after_them_as_dense_layers_do()
    {
        // PyTorch's Conv2d default: weights and biases uniform in +-1 / sqrt(values under one kernel), 1 x 5 x 5 for the
        // first convolution and 16 x 5 x 5 for the second; the dense output layer, Xavier with zero biases.
        var network = new ConvDigitsShape();
        AssertUniformWithin(network.Layer1Weights.ToArray(), 1 / System.Math.Sqrt(25), "Conv2D 1 weights");
        AssertUniformWithin(network.Layer3Weights.ToArray(), 1 / System.Math.Sqrt(400), "Conv2D 2 weights");
        AssertBiasesWithin(network.Layer1Biases.ToArray(), 1 / System.Math.Sqrt(25), "Conv2D 1 biases");
        AssertBiasesWithin(network.Layer3Biases.ToArray(), 1 / System.Math.Sqrt(400), "Conv2D 2 biases");
        AssertUniformWithin(network.Layer6Weights.ToArray(), System.Math.Sqrt(6.0 / (512 + 10)), "Dense weights (Softmax, Xavier)");
        Assert.All(network.Layer6Biases.ToArray(), b => Assert.Equal(0f, b));

        // Too few biases (16 and 32) for AssertUniformWithin's statistics: within the limit, not zero, both signs.
        static void AssertBiasesWithin(float[] biases, double limit, string what)
        {
            Assert.All(biases, b => Assert.True(System.Math.Abs(b) <= (float)limit, $"{what}: |{b}| > {limit}"));
            Assert.Contains(biases, b => b > 0);
            Assert.Contains(biases, b => b < 0);
            Assert.True(biases.Max(b => System.Math.Abs(b)) > limit / 2, $"{what}: none beyond half of {limit}");
        }
    }

    /// <summary>
    /// Every weight within [-limit, limit] (the limit rounded to float, as the weights are), and the range used:
    /// the largest |w| above 80% of the limit (a smaller limit, e.g. Xavier where He belongs, would fail), both signs
    /// present, the mean near zero.
    /// </summary>
    private static void AssertUniformWithin(float[] weights, double limit, string what)
    {
        float bound = (float)limit;
        Assert.All(weights, w => Assert.True(System.Math.Abs(w) <= bound, $"{what}: |{w}| > {bound}"));
        double largest = weights.Max(w => System.Math.Abs((double)w));
        Assert.True(largest > 0.8 * limit, $"{what}: largest |w| {largest} is not near the limit {limit}");
        Assert.Contains(weights, w => w > 0);
        Assert.Contains(weights, w => w < 0);
        double mean = weights.Average(w => (double)w);
        // The mean of n uniform values on [-limit, limit] has standard deviation limit / sqrt(3 n); allow 4 of them.
        Assert.True(System.Math.Abs(mean) < 4 * limit / System.Math.Sqrt(3.0 * weights.Length), $"{what}: mean {mean}");
    }

    private static float[] Weights(InitMixed network)
        => [.. network.Layer1Weights, .. network.Layer2Weights, .. network.Layer3Weights, .. network.Layer4Weights];

    private static TNet CreateViaInterface<TNet, T>()
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        => TNet.Create();
}
