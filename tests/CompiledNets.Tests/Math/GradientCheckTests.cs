using System.Reflection;
using System.Runtime.ExceptionServices;
using CompiledNets.Diagnostics;
using CompiledNets.Tests.Networks;

namespace CompiledNets.Tests.MathTests;

/// <summary>
/// Backpropagation against central finite differences (<see cref="GradientCheck"/>), in double, for every network
/// of <see cref="GradientCheckNetworks"/>: every activation with every loss it is valid with, over shapes from
/// 1-1 to 5-7-3-2, unrolled, looped (UnrollLimit = 0) and mixed (UnrollLimit = 20), with and without bias.
/// </summary>
public sealed class GradientCheckTests
{
    public const double MaxRelativeError = 1e-6;

    /// <summary>
    /// Gradients smaller than ErrorFloor * max(1, |L|) are compared absolutely (within 1e-10 max(1, |L|)). With the
    /// step h = 1e-5 the central difference itself carries rounding noise of about eps |L| / h = 1e-11 |L|, which
    /// relative to a gradient of 1e-6 is already 1e-5: below the floor the noise, not the code, would be measured.
    /// </summary>
    public const double ErrorFloor = 1e-4;

    public static TheoryData<Type> Networks => new(GradientCheckNetworks.All);

    [Theory]
    [MemberData(nameof(Networks))]
    public void Backpropagation_matches_finite_differences(Type network)
        => typeof(GradientCheckTests).GetMethod(nameof(AssertGradientsMatch), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(network).InvokeUnwrapped();

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_step_that_is_not_a_positive_finite_number_is_refused(double step)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => GradientCheck.Run<LinearChainNet, double>(new LinearChainNet(), [1, 2, 3], [0.5], step: step));

        Assert.Equal("step", error.ParamName);
    }

    [Fact]
    public void A_comparison_that_is_NaN_is_the_worst_rather_than_skipped()
    {
        // W1 * x1 = 1e-300 * 1e300 is 1, but dL/dW1 = 2 (p - t) x1 overflows to infinity, and infinity / infinity is NaN.
        // NaN > worst is false, so the check reported the small error of another parameter and passed.
        var network = new GcLinearMeanSquaredErrorS3x1();
        double[] parameters = [1, 1e-300, 0, 0];
        parameters.CopyTo(network.Parameters);

        GradientCheckResult result = GradientCheck.Run<GcLinearMeanSquaredErrorS3x1, double>(network, [1, 1e300, 0], [-1e10]);

        Assert.True(double.IsNaN(result.WorstRelativeError), result.ToString());
        Assert.Equal(1, result.WorstParameter);
        Assert.Equal(double.PositiveInfinity, result.Analytic);
        Assert.Equal(parameters, network.Parameters.ToArray());
    }

    [Fact]
    public void An_error_floor_of_0_compares_purely_relatively_and_two_zero_gradients_agree()
    {
        // The third input is 0, so its weight's gradient is 0 both ways: 0 / 0 must not count as a NaN error.
        var network = new GcLinearMeanSquaredErrorS3x1();

        GradientCheckResult result = GradientCheck.Run<GcLinearMeanSquaredErrorS3x1, double>(network, [0.5, -1, 0], [0.25], errorFloor: 0);

        Assert.InRange(result.WorstRelativeError, 0, 1e-8);
    }

    [Theory]
    [InlineData(-1e-4)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void An_error_floor_that_is_not_a_finite_number_of_0_or_more_is_refused(double errorFloor)
    {
        // A NaN floor made every error NaN; a negative one let a zero gradient divide by zero.
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => GradientCheck.Run<LinearChainNet, double>(new LinearChainNet(), [1, 2, 3], [0.5], errorFloor: errorFloor));

        Assert.Equal("errorFloor", error.ParamName);
    }

    [Fact]
    public void A_wrong_gradient_is_reported_with_its_parameter()
    {
        // z = 1 * 2 + 0.5 = 2.5 > 0, so dL/db = y - t = 2; the network reports 3.
        var network = new SkewedReluNeuron { BiasGradientError = 1 };
        double[] parameters = [1, 0.5];
        parameters.CopyTo(network.Parameters);

        GradientCheckResult result = GradientCheck.Run<SkewedReluNeuron, double>(network, [2], [0.5]);

        Assert.Equal(1, result.WorstParameter);
        Assert.Equal(3, result.Analytic);
        Assert.Equal(2, result.Numeric, 1e-9);
        Assert.Equal(1.0 / 3, result.WorstRelativeError, 1e-9);
        Assert.Equal(0, result.ParametersNearKinks);
    }

    [Fact]
    public void A_parameter_on_a_kink_passes_with_either_slope_and_fails_with_neither()
    {
        // z = 1 * 1 - 1 = 0 exactly: L = (relu(z) + 1)^2 / 2 rises with slope 1 to the right of b and is flat to the left.
        // The central difference averages them (0.5), which is no gradient: the check reported an error of 1 for the
        // correct 0 (relu'(0) = 0, as in PyTorch), as it did for every bias of a fresh ReLU network on an all-zero input.
        double[] parameters = [1, -1];
        GradientCheckResult Check(double biasGradientError)
        {
            var network = new SkewedReluNeuron { BiasGradientError = biasGradientError };
            parameters.CopyTo(network.Parameters);
            return GradientCheck.Run<SkewedReluNeuron, double>(network, [1], [-1]);
        }

        GradientCheckResult left = Check(0), right = Check(1), neither = Check(2);

        Assert.Equal(0, left.WorstRelativeError);
        Assert.InRange(right.WorstRelativeError, 0, 1e-7); // the one-sided slope's curvature term, h / 2 with h = 1e-7
        Assert.Equal((2, 2), (left.ParametersNearKinks, right.ParametersNearKinks)); // w too: with x = 1 it moves z as b does
        Assert.Equal(1, neither.WorstParameter);
        Assert.Equal(0.5, neither.WorstRelativeError, 1e-7); // 2 against the nearer slope, 1
        Assert.Equal(1, neither.ParametersNearKinks); // w: the kink explains its central difference, not b's
    }

    [Fact]
    public void A_kink_within_the_step_is_passed_by_with_a_smaller_step()
    {
        // z = 1e-6: the step 1e-5 reaches past the kink at z = 0, where the loss turns flat, so the central difference
        // (about 0.55) disagreed with the true gradient (1 + 1e-6) by 45%.
        var network = new SkewedReluNeuron();
        double[] parameters = [1, 1e-6];
        parameters.CopyTo(network.Parameters);

        GradientCheckResult result = GradientCheck.Run<SkewedReluNeuron, double>(network, [0], [-1]);

        Assert.InRange(result.WorstRelativeError, 0, 1e-8);
        Assert.Equal(1, result.ParametersNearKinks);
        Assert.Equal(parameters, network.Parameters.ToArray());
    }

    [Fact]
    public void A_fresh_convolution_network_checks_clean_on_a_real_digit_whose_pooling_has_kinks_within_the_step()
    {
        // On the first embedded digit, 15 parameters of this network lie within 1e-5 of a kink (a ReLU turning on, or a
        // max-pool window changing its maximum): the check reported a relative error of 0.2 there, though
        // backpropagation was right.
        var (images, labels) = CompiledNets.Tests.Data.IdxTestFiles.EmbeddedDigits();
        CompiledNets.Data.Dataset<double> digits = CompiledNets.Data.MnistDataset.Load<double>(images, labels, maxCount: 1);

        GradientCheckResult result = GradientCheck.Run(new ConvDigitsSmall(), digits.Input(0), digits.Target(0));

        Assert.True(result.WorstRelativeError < MaxRelativeError, result.ToString());
        Assert.True(result.ParametersNearKinks > 0, $"the example no longer crosses a kink: pick another ({result})");
        Assert.Equal(ConvDigitsSmall.ParameterCount, result.ParametersChecked);
    }

    [Fact]
    public void A_fresh_relu_network_on_an_all_zero_input_checks_clean_with_every_hidden_bias_on_a_kink()
    {
        // Biases start at 0, so with x = 0 every hidden z is exactly 0; the check reported an error of 1 at a bias.
        double[] target = new double[DenseDigitsSmall.OutputSize];
        target[3] = 1;

        GradientCheckResult result = GradientCheck.Run(new DenseDigitsSmall(), new double[DenseDigitsSmall.InputSize], target);

        Assert.True(result.WorstRelativeError < MaxRelativeError, result.ToString());
        Assert.Equal(DenseDigitsSmall.Layer1Outputs, result.ParametersNearKinks);
    }

    [Fact]
    public void A_smooth_float_network_checks_to_its_rounding_with_no_kinks_reported()
    {
        // At float's step of 1e-2 a tanh network's slopes left and right differ by curvature (h L''), which must not
        // read as kinks, and its rounding (about 1e-7 |L| / h) must not either.
        var (images, labels) = CompiledNets.Tests.Data.IdxTestFiles.EmbeddedDigits();
        CompiledNets.Data.Dataset<float> digits = CompiledNets.Data.MnistDataset.Load<float>(images, labels, maxCount: 2);

        // The second digit: there 310 parameters' slopes differed by more than 1% and were reported as kinks.
        GradientCheckResult result = GradientCheck.Run(new TanhDigitsFloat(), digits.Input(1), digits.Target(1), step: 1e-2, errorFloor: 1e-2);

        Assert.True(result.WorstRelativeError < 1e-2, result.ToString()); // 1.2e-3 measured
        Assert.Equal(0, result.ParametersNearKinks);
    }

    [Fact]
    public void Gradient_check_networks_cover_every_activation_and_loss()
    {
        Assert.Equal(112, GradientCheckNetworks.All.Length);
        foreach (Activation activation in new[] { Activation.Linear, Activation.Sigmoid, Activation.Tanh, Activation.Relu, Activation.LeakyRelu })
            foreach (string loss in new[] { "SquaredError", "HalfSquaredError", "MeanSquaredError" })
                Assert.Contains(GradientCheckNetworks.All, t => t.Name.StartsWith($"Gc{activation}{loss}", StringComparison.Ordinal));
    }

    /// <summary>
    /// Five random examples (inputs, targets and all parameters seeded, uniform in [-1, 1]): each must pass the
    /// gradient check, and between them the gradient must not be all zero (a check of zeros proves nothing).
    /// </summary>
    internal static void AssertGradientsMatch<TNet>()
        where TNet : class, INeuralNetwork<TNet, double>
    {
        var random = new Random(TNet.ParameterCount * 7919 + TNet.InputSize);
        double largestGradient = 0;
        for (int example = 0; example < 5; example++)
        {
            TNet network = TNet.Create();
            TestValues.Uniform(random, TNet.ParameterCount, 1).CopyTo(network.Parameters);
            double[] input = TestValues.Uniform(random, TNet.InputSize, 1);
            double[] target = TestValues.Target(random, TNet.Loss, TNet.OutputSize);
            double[] before = network.Parameters.ToArray();

            double loss = network.ComputeLoss(input, target);
            GradientCheckResult result = GradientCheck.Run<TNet, double>(network, input, target, errorFloor: ErrorFloor * System.Math.Max(1, System.Math.Abs(loss)));

            Assert.True(result.WorstRelativeError < MaxRelativeError, $"{typeof(TNet).Name} ({TNet.Architecture}), example {example}, loss {loss:G6}: {result}");
            Assert.Equal(TNet.ParameterCount, result.ParametersChecked);
            Assert.Equal(before, network.Parameters.ToArray());

            var gradient = new double[TNet.ParameterCount];
            network.Backpropagate(input, target, gradient);
            largestGradient = System.Math.Max(largestGradient, gradient.Max(System.Math.Abs));
        }

        Assert.True(largestGradient > 1e-3, $"{typeof(TNet).Name}: the gradient was (nearly) zero on every example");
    }
}

internal static class ReflectionExtensions
{
    /// <summary>Invokes a static parameterless method, rethrowing what it throws rather than a TargetInvocationException.</summary>
    public static void InvokeUnwrapped(this MethodInfo method)
    {
        try
        {
            method.Invoke(null, null);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }
}
