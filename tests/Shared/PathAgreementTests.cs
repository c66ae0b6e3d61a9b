using CompiledNets;
using CompiledNets.Diagnostics;
using CompiledNets.Numerics;

namespace CompiledNets.Tests.Shared;

// Loop-emitted networks (UnrollLimit = 0) with sizes that are not multiples of the vector width, so every SIMD
// loop also runs its scalar tail. This file is compiled into two test projects: CompiledNets.Tests (SIMD on) and
// CompiledNets.ScalarPath.Tests (SIMD off through the CompiledNets.DisableSimd switch). Both must match the
// plain reference math, so the two paths compute the same thing.

[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(13)]
[Dense(11, Activation.Tanh)]
[Dense(6, Activation.Relu, Bias = false)]
[Dense(5, Activation.Sigmoid)]
public partial class LoopedRegressionNet;

[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double, UnrollLimit = 0)]
[Input(37)]
[Dense(19, Activation.LeakyRelu)]
[Dense(7, Activation.Softmax)]
public partial class LoopedClassifierNet;

// Float: tanh and sigmoid run through Vector256.Exp on the SIMD path and MathF on the scalar path.
[Network(Loss = Loss.CrossEntropy, UnrollLimit = 0)]
[Input(29)]
[Dense(13, Activation.Tanh)]
[Dense(9, Activation.Sigmoid)]
[Dense(5, Activation.Softmax)]
public partial class LoopedFloatClassifierNet;

public sealed class PathAgreementTests
{
    private static readonly ReferenceNetwork FloatClassifierReference = new(29, Loss.CrossEntropy,
        new(13, Activation.Tanh), new(9, Activation.Sigmoid), new(5, Activation.Softmax));

    private static readonly ReferenceNetwork RegressionReference = new(13, Loss.MeanSquaredError,
        new(11, Activation.Tanh), new(6, Activation.Relu, Bias: false), new(5, Activation.Sigmoid));

    private static readonly ReferenceNetwork ClassifierReference = new(37, Loss.CrossEntropy,
        new(19, Activation.LeakyRelu), new(7, Activation.Softmax));

    [Fact]
    public void SimdSwitch_MatchesThisTestProject()
    {
        // CompiledNets.ScalarPath.Tests sets CompiledNets.DisableSimd; this file must then run the scalar paths.
        bool disabled = AppContext.TryGetSwitch("CompiledNets.DisableSimd", out bool value) && value;
        Assert.Equal(!disabled, Simd.IsAllowed);
    }

    [Fact]
    public void Predict_AndLoss_MatchReference_Regression()
    {
        var network = new LoopedRegressionNet();
        var random = new SplitMix64(7);
        for (int example = 0; example < 20; example++)
        {
            double[] x = RandomVector(ref random, LoopedRegressionNet.InputSize);
            double[] t = RandomVector(ref random, LoopedRegressionNet.OutputSize);
            var output = new double[LoopedRegressionNet.OutputSize];
            network.Predict(x, output);
            Near.AssertRelative(RegressionReference.Predict(network.Parameters, x), output, 1e-12, "values", floor: 1e-12);
            Near.AssertRelative([RegressionReference.LossOf(network.Parameters, x, t)], [network.ComputeLoss(x, t)], 1e-12, "values", floor: 1e-12);
        }
    }

    [Fact]
    public void Predict_AndLoss_MatchReference_Classifier()
    {
        var network = new LoopedClassifierNet();
        var random = new SplitMix64(8);
        for (int example = 0; example < 20; example++)
        {
            double[] x = RandomVector(ref random, LoopedClassifierNet.InputSize);
            double[] t = OneHot(random.NextInt32(LoopedClassifierNet.OutputSize), LoopedClassifierNet.OutputSize);
            var output = new double[LoopedClassifierNet.OutputSize];
            network.Predict(x, output);
            Near.AssertRelative(ClassifierReference.Predict(network.Parameters, x), output, 1e-12, "values", floor: 1e-12);
            Near.AssertRelative([ClassifierReference.LossOf(network.Parameters, x, t)], [network.ComputeLoss(x, t)], 1e-12, "values", floor: 1e-12);
        }
    }

    [Fact]
    public void Predict_Loss_AndBatches_MatchReference_Float()
    {
        // 40 examples: one full tile and a partial one. Float sums and exp differ from the double reference by rounding.
        const int count = 40;
        var network = new LoopedFloatClassifierNet();
        double[] parameters = network.Parameters.ToArray().Select(p => (double)p).ToArray();
        var random = new SplitMix64(12);
        double[] inputs = RandomVector(ref random, count * LoopedFloatClassifierNet.InputSize);
        float[] floatInputs = inputs.Select(v => (float)v).ToArray();
        var batchOutputs = new float[count * LoopedFloatClassifierNet.OutputSize];
        network.PredictBatch(floatInputs, batchOutputs);
        for (int n = 0; n < count; n++)
        {
            double[] x = inputs.AsSpan(n * LoopedFloatClassifierNet.InputSize, LoopedFloatClassifierNet.InputSize).ToArray();
            float[] t = OneHot(n % LoopedFloatClassifierNet.OutputSize, LoopedFloatClassifierNet.OutputSize).Select(v => (float)v).ToArray();
            var output = new float[LoopedFloatClassifierNet.OutputSize];
            network.Predict(floatInputs.AsSpan(n * LoopedFloatClassifierNet.InputSize, LoopedFloatClassifierNet.InputSize), output);
            double[] expected = FloatClassifierReference.Predict(parameters, x);
            Near.AssertRelative(expected, output.Select(v => (double)v).ToArray(), 1e-5, "values", floor: 1e-12);
            Near.AssertRelative(expected, batchOutputs.AsSpan(n * LoopedFloatClassifierNet.OutputSize, LoopedFloatClassifierNet.OutputSize).ToArray().Select(v => (double)v).ToArray(), 1e-5, "values", floor: 1e-12);
            double loss = FloatClassifierReference.LossOf(parameters, x, t.Select(v => (double)v).ToArray());
            Near.AssertRelative([loss], [network.ComputeLoss(floatInputs.AsSpan(n * LoopedFloatClassifierNet.InputSize, LoopedFloatClassifierNet.InputSize), t)], 1e-5, "values", floor: 1e-12);
        }
    }

    [Fact]
    public void Gradients_MatchFiniteDifferences()
    {
        var random = new SplitMix64(9);
        var regression = new LoopedRegressionNet();
        double[] x = RandomVector(ref random, LoopedRegressionNet.InputSize);
        double[] t = RandomVector(ref random, LoopedRegressionNet.OutputSize);
        GradientCheckResult result = GradientCheck.Run(regression, x, t);
        Assert.True(result.WorstRelativeError < 1e-6, result.ToString());

        var classifier = new LoopedClassifierNet();
        double[] x2 = RandomVector(ref random, LoopedClassifierNet.InputSize);
        GradientCheckResult result2 = GradientCheck.Run(classifier, x2, OneHot(3, LoopedClassifierNet.OutputSize));
        Assert.True(result2.WorstRelativeError < 1e-6, result2.ToString());
    }

    [Fact]
    public void BatchedPasses_MatchPerExamplePasses()
    {
        // 70 examples: two full tiles of 32 and a partial one, so every tile edge case runs.
        const int count = 70;
        var network = new LoopedClassifierNet();
        var random = new SplitMix64(10);
        double[] inputs = RandomVector(ref random, count * LoopedClassifierNet.InputSize);
        var targets = new double[count * LoopedClassifierNet.OutputSize];
        for (int n = 0; n < count; n++)
            targets[n * LoopedClassifierNet.OutputSize + random.NextInt32(LoopedClassifierNet.OutputSize)] = 1;

        var batchOutputs = new double[count * LoopedClassifierNet.OutputSize];
        network.PredictBatch(inputs, batchOutputs);
        var batchGradient = new double[LoopedClassifierNet.ParameterCount];
        double batchLoss = network.BackpropagateBatch(inputs, targets, batchGradient);

        var gradient = new double[LoopedClassifierNet.ParameterCount];
        double loss = 0;
        for (int n = 0; n < count; n++)
        {
            var output = new double[LoopedClassifierNet.OutputSize];
            ReadOnlySpan<double> x = inputs.AsSpan(n * LoopedClassifierNet.InputSize, LoopedClassifierNet.InputSize);
            ReadOnlySpan<double> t = targets.AsSpan(n * LoopedClassifierNet.OutputSize, LoopedClassifierNet.OutputSize);
            network.Predict(x, output);
            Near.AssertRelative(output, batchOutputs.AsSpan(n * LoopedClassifierNet.OutputSize, LoopedClassifierNet.OutputSize).ToArray(), 1e-12, "values", floor: 1e-12);
            loss += network.Backpropagate(x, t, gradient);
        }

        Near.AssertRelative([loss], [batchLoss], 1e-12, "values", floor: 1e-12);
        Near.AssertRelative(gradient, batchGradient, 1e-10, "values", floor: 1e-12);
    }

    [Fact]
    public void TrainStep_EqualsBackpropagatePlusApplyGradient_BitForBit()
    {
        // The property's home is TrainStepProperty; here it runs on this project's path (SIMD on or off).
        var fused = new LoopedRegressionNet();
        var separate = new LoopedRegressionNet();
        var random = new SplitMix64(11);
        for (int step = 0; step < 25; step++)
        {
            double[] parameters = RandomVector(ref random, LoopedRegressionNet.ParameterCount);
            double[] x = RandomVector(ref random, LoopedRegressionNet.InputSize);
            double[] t = RandomVector(ref random, LoopedRegressionNet.OutputSize);
            Assert.True(TrainStepProperty.Holds(fused, separate, parameters, x, t, 0.1), $"step {step} changed nothing");
        }
    }

    private static double[] RandomVector(ref SplitMix64 random, int length)
    {
        var values = new double[length];
        for (int i = 0; i < length; i++)
            values[i] = 2 * random.NextDouble() - 1;
        return values;
    }

    private static double[] OneHot(int index, int length)
    {
        var values = new double[length];
        values[index] = 1;
        return values;
    }
}
