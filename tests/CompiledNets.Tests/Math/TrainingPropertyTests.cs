using System.Numerics;
using CompiledNets.Diagnostics;
using CompiledNets.Tests.Networks;
using FsCheck;
using FsCheck.Fluent;
using CompiledNets.Tests.Shared;

namespace CompiledNets.Tests.MathTests;

/// <summary>
/// FsCheck properties over random parameters, inputs and targets in [-2, 2] (targets in [0, 1], normalized for
/// cross-entropy): the gradient check passes, and the fused TrainStep is bit for bit Backpropagate into a zeroed
/// gradient followed by ApplyGradient (Shared/TrainStepProperty.cs: that property's one home), for unrolled, looped
/// (SIMD), mixed and convolutional networks in double and float.
/// </summary>
public sealed class TrainingPropertyTests
{
    /// <summary>One random example for a network: its parameters, input, target and a learning rate.</summary>
    public sealed record Example(double[] Parameters, double[] Input, double[] Target, double LearningRate)
    {
        public override string ToString()
            => $"parameters [{string.Join(", ", Parameters.Select(v => v.ToString("R")))}], input [{string.Join(", ", Input.Select(v => v.ToString("R")))}], " +
               $"target [{string.Join(", ", Target.Select(v => v.ToString("R")))}], rate {LearningRate:R}";
    }

    private static Gen<double[]> Values(int count, int low, int high)
        => Gen.ArrayOf(Gen.Choose(low, high).Select(i => i / 1_000_000.0), count);

    private static Arbitrary<Example> Examples<TNet, T>()
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Gen<Example> examples =
            from parameters in Values(TNet.ParameterCount, -2_000_000, 2_000_000)
            from input in Values(TNet.InputSize, -2_000_000, 2_000_000)
            from target in TNet.Loss switch
            {
                Loss.CrossEntropy => Values(TNet.OutputSize, 1, 1_000_000).Select(t => t.Select(v => v / t.Sum()).ToArray()),
                Loss.BinaryCrossEntropy => Values(TNet.OutputSize, 0, 1_000_000),
                _ => Values(TNet.OutputSize, -2_000_000, 2_000_000),
            }
            from rate in Gen.Choose(1, 1000).Select(i => i / 1000.0)
            select new Example(parameters, input, target, rate);
        return Arb.From(examples);
    }

    // ---- TrainStep == Backpropagate + ApplyGradient, to the last bit ---------------------------------------------

    [Fact]
    public void TrainStep_is_Backpropagate_plus_ApplyGradient_bit_for_bit_unrolled_double()
        => TrainStepMatchesBackpropagatePlusApplyGradient<PropUnrolledDouble, double>();

    [Fact]
    public void TrainStep_is_Backpropagate_plus_ApplyGradient_bit_for_bit_loops_double()
        => TrainStepMatchesBackpropagatePlusApplyGradient<PropLoopDouble, double>();

    [Fact]
    public void TrainStep_is_Backpropagate_plus_ApplyGradient_bit_for_bit_mixed_double()
        => TrainStepMatchesBackpropagatePlusApplyGradient<GcTanhSquaredErrorS5x7x2Limit20, double>();

    [Fact]
    public void TrainStep_is_Backpropagate_plus_ApplyGradient_bit_for_bit_unrolled_float()
        => TrainStepMatchesBackpropagatePlusApplyGradient<PropUnrolledFloat, float>();

    [Fact]
    public void TrainStep_is_Backpropagate_plus_ApplyGradient_bit_for_bit_loops_float()
        => TrainStepMatchesBackpropagatePlusApplyGradient<PropLoopFloat, float>();

    [Fact]
    public void TrainStep_is_Backpropagate_plus_ApplyGradient_bit_for_bit_mixed_float()
        => TrainStepMatchesBackpropagatePlusApplyGradient<MixedFloat, float>();

    [Fact]
    public void TrainStep_is_Backpropagate_plus_ApplyGradient_bit_for_bit_conv_double()
        => TrainStepMatchesBackpropagatePlusApplyGradient<ConvAgreementNet, double>();

    [Fact]
    public void TrainStep_is_Backpropagate_plus_ApplyGradient_bit_for_bit_conv_float()
        => TrainStepMatchesBackpropagatePlusApplyGradient<ConvChainFloat, float>();

    private static void TrainStepMatchesBackpropagatePlusApplyGradient<TNet, T>()
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TNet fused = TNet.Create();
        TNet separate = TNet.Create();
        int examples = 0, examplesThatMoved = 0;
        Prop.ForAll(Examples<TNet, T>(), example =>
        {
            bool moved = TrainStepProperty.Holds(fused, separate, TestValues.Convert<T>(example.Parameters),
                TestValues.Convert<T>(example.Input), TestValues.Convert<T>(example.Target), T.CreateChecked(example.LearningRate));
            examplesThatMoved += moved ? 1 : 0;
            examples++;
            return true;
        }).QuickCheckThrowOnFailure();

        // The steps did something (a saturated or tiny gradient may leave a rare example's parameters unchanged).
        Assert.True(examplesThatMoved > examples / 2, $"{examplesThatMoved} of {examples} steps changed the parameters");
    }

    // ---- The gradient check passes for random examples ------------------------------------------------------------

    [Fact]
    public void Gradient_check_passes_for_random_examples_unrolled()
        => GradientCheckPasses<PropUnrolledDouble>();

    [Fact]
    public void Gradient_check_passes_for_random_examples_loops()
        => GradientCheckPasses<GcTanhHalfSquaredErrorS9x13x6Loops>();

    [Fact]
    public void Gradient_check_passes_for_random_examples_mixed_binary_cross_entropy()
        => GradientCheckPasses<GcSigmoidBinaryCrossEntropyTanhS5x7x2Limit20>();

    /// <summary>
    /// With parameters and inputs up to 2 (not 1, as in <see cref="GradientCheckTests"/>), sums and curvature are larger and
    /// the finite differences noisier: in runs of 100,000 examples, gradients around 1e-5 disagreed by up to 3e-10 (relative 1e-6)
    /// with the numbers of the two methods otherwise identical. Below 1e-3 max(1, |L|), gradients are compared absolutely.
    /// </summary>
    private const double PropertyErrorFloor = 1e-3;

    private static void GradientCheckPasses<TNet>()
        where TNet : class, INeuralNetwork<TNet, double>
    {
        TNet network = TNet.Create();
        Prop.ForAll(Examples<TNet, double>(), example =>
        {
            example.Parameters.CopyTo(network.Parameters);
            double loss = network.ComputeLoss(example.Input, example.Target);
            GradientCheckResult result = GradientCheck.Run<TNet, double>(network, example.Input, example.Target,
                errorFloor: PropertyErrorFloor * System.Math.Max(1, System.Math.Abs(loss)));
            Assert.True(result.WorstRelativeError < GradientCheckTests.MaxRelativeError, $"{typeof(TNet).Name}, loss {loss:G6}: {result}");
            return true;
        }).QuickCheckThrowOnFailure();
    }
}
