using CompiledNets;
using CompiledNets.Diagnostics;
using CompiledNets.Numerics;

namespace CompiledNets.Tests.Shared;

// Convolution and pooling through both kernel paths, like PathAgreementTests: compiled into CompiledNets.Tests (SIMD
// on) and CompiledNets.ScalarPath.Tests (SIMD off). The first convolution has 441 output positions (its weight
// gradient as dot products along them), the second few (gathered by position); padding, stride 2 and sizes that are not
// multiples of a vector width run every tail.

[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Input(2, 21, 21)]
[Conv2D(5, 3, Activation.Relu, Padding = 1)]
[MaxPool2D(3, Stride = 3)]
[Conv2D(6, 3, Activation.Tanh, Stride = 2, Padding = 1)]
[AveragePool2D(2)]
[Flatten]
[Dense(3, Activation.Softmax)]
public partial class PathConvNet;

public sealed class ConvPathAgreementTests
{
    [Fact]
    public void Gradients_MatchFiniteDifferences_AndBatchesMatchOneExampleAtATime()
    {
        var random = new SplitMix64(21);
        var network = new PathConvNet();
        var inputs = new double[3 * PathConvNet.InputSize];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = random.NextDouble();
        var targets = new double[3 * PathConvNet.OutputSize];
        for (int e = 0; e < 3; e++)
            targets[e * PathConvNet.OutputSize + e] = 1;

        var sum = new double[PathConvNet.ParameterCount];
        for (int e = 0; e < 3; e++)
        {
            ReadOnlySpan<double> x = inputs.AsSpan(e * PathConvNet.InputSize, PathConvNet.InputSize);
            ReadOnlySpan<double> t = targets.AsSpan(e * PathConvNet.OutputSize, PathConvNet.OutputSize);
            GradientCheckResult result = GradientCheck.Run(network, x, t);
            Assert.True(result.WorstRelativeError < 1e-6, result.ToString());
            network.Backpropagate(x, t, sum);
        }

        var batch = new double[PathConvNet.ParameterCount];
        network.BackpropagateBatch(inputs, targets, batch);
        double largest = sum.Max(Math.Abs);
        Assert.True(largest > 1e-3);
        for (int k = 0; k < sum.Length; k++)
            Assert.True(Math.Abs(sum[k] - batch[k]) <= 1e-12 * largest, $"gradient[{k}]: {sum[k]:R} one at a time, {batch[k]:R} batched");
    }
}
