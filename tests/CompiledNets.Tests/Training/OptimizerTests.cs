using System.Runtime.InteropServices;
using CompiledNets.Data;
using CompiledNets.Numerics;
using CompiledNets.Tests.Shared;
using CompiledNets.Training;

namespace CompiledNets.Tests.Training;

/// <summary>
/// The update rules on sequences small enough to compute by hand (each expected value is worked out in the comments),
/// their state, and the PyTorch-style manual loop. <see cref="OptimizerPyTorchTests"/> checks them against PyTorch.
/// </summary>
public sealed class OptimizerTests
{
    // Three gradients for two parameters, all binary fractions, so SGD's arithmetic below is exact.
    private static readonly double[][] Gradients = [[0.5, 0.25], [-1, 0.5], [0.25, 0.125]];

    private static double[] ThreeSteps(Optimizer optimizer, double[] start, double[][]? gradients = null)
    {
        double[] w = (double[])start.Clone();
        foreach (double[] g in gradients ?? Gradients)
            optimizer.Step<double>(w, g);
        return w;
    }

    [Fact]
    public void Plain_SGD_steps_against_the_gradient()
    {
        // lr 0.5: w = [1, -2] - 0.5 g each step: [0.75, -2.125], [1.25, -2.375], [1.125, -2.4375].
        Assert.Equal([1.125, -2.4375], ThreeSteps(new Sgd(0.5), [1, -2]));
    }

    [Fact]
    public void Momentum_keeps_mu_of_the_previous_velocity()
    {
        // mu 0.5, lr 0.5: v1 = g1 = [0.5, 0.25], w = [0.75, -2.125];
        // v2 = 0.5 v1 + g2 = [-0.75, 0.625], w = [1.125, -2.4375];
        // v3 = 0.5 v2 + g3 = [-0.125, 0.4375], w = [1.1875, -2.65625].
        Assert.Equal([1.1875, -2.65625], ThreeSteps(new Sgd(0.5, momentum: 0.5), [1, -2]));
    }

    [Fact]
    public void Nesterov_steps_along_the_gradient_plus_mu_times_the_new_velocity()
    {
        // Same velocities as above; the step follows g + 0.5 v:
        // [0.75, 0.375] -> w = [0.625, -2.1875]; [-1.375, 0.8125] -> w = [1.3125, -2.59375];
        // [0.1875, 0.34375] -> w = [1.21875, -2.765625].
        Assert.Equal([1.21875, -2.765625], ThreeSteps(new Sgd(0.5, momentum: 0.5, nesterov: true), [1, -2]));
    }

    [Fact]
    public void Weight_decay_adds_lambda_times_the_parameter_to_its_gradient()
    {
        // No gradient, lambda 0.1, lr 0.5: each step w -= 0.5 * 0.1 w, so w = 2 * 0.95^t: 1.9, 1.805, 1.71475.
        double[] w = ThreeSteps(new Sgd(0.5) { WeightDecay = 0.1 }, [2], [[0], [0], [0]]);

        Near.AssertRelative(1.71475, w[0], 1e-15, "w after three steps");
    }

    [Fact]
    public void Clipping_scales_a_gradient_above_the_largest_norm_down_to_it_and_leaves_a_smaller_one_alone()
    {
        // g = [3, 4] has norm 5; with MaxGradientNorm 1 it is scaled by 1 / (5 + 1e-6), PyTorch's formula.
        double[] clipped = ThreeSteps(new Sgd(1) { MaxGradientNorm = 1 }, [0, 0], [[3, 4]]);
        Near.AssertRelative([-3 / (5 + 1e-6), -4 / (5 + 1e-6)], clipped, 1e-15, "clipped step");

        // The norm is of the scaled gradient: 0.1 x [3, 4] has norm 0.5, under the limit, so no clipping.
        var optimizer = new Sgd(1) { MaxGradientNorm = 1 };
        double[] w = [0, 0];
        optimizer.Step<double>(w, [3, 4], 0.1);
        Near.AssertRelative([-0.3, -0.4], w, 1e-15, "unclipped step");
    }

    [Fact]
    public void Clipping_finds_the_norm_of_a_float_gradient_whose_squares_overflow_float()
    {
        // [3e20, 4e20] has norm 5e20, but 9e40 is past float's largest value (3.4e38): the sum of squares is taken again
        // in double. Clipped to norm 1 with lr 1, the step is -g / 5e20 = [-0.6, -0.8].
        float[] w = [0, 0];
        new Sgd(1) { MaxGradientNorm = 1 }.Step<float>(w, [3e20f, 4e20f]);

        Near.AssertRelative([-0.6, -0.8], [w[0], w[1]], 1e-6, "clipped step");
    }

    [Fact]
    public void State_below_the_flush_threshold_becomes_zero_and_state_above_it_is_kept()
    {
        // Momentum's velocity and Adam's running means are set to 0 below Optimizer.FlushBelow (1e-30), so that they
        // never decay into subnormal numbers, which are slow on some processors.
        // Momentum, lr 1: a velocity of 1e-31 is flushed and w stays 0; one of 1e-25 is kept and w moves by it.
        Assert.Equal(0.0, ThreeSteps(new Sgd(1, momentum: 0.5), [0], [[1e-31]])[0]);
        Assert.Equal(-1e-25, ThreeSteps(new Sgd(1, momentum: 0.5), [0], [[1e-25]])[0]);

        // Adam, lr 0.1: m = 0.1 g. For g = 1e-31, m = 1e-32 is flushed and the step is 0. For g = 1e-25, m = 1e-26 is
        // kept (v = 0.001 g^2 = 1e-53 is flushed), so the step is 0.1 * (m / 0.1) / (0 + epsilon) = 1e-18.
        Assert.Equal(0.0, ThreeSteps(new Adam(0.1), [0], [[1e-31]])[0]);
        Near.AssertRelative(-1e-18, ThreeSteps(new Adam(0.1), [0], [[1e-25]])[0], 1e-12, "Adam's step from a kept mean");
    }

    [Fact]
    public void Adam_moves_each_parameter_by_the_learning_rate_under_a_constant_gradient_whatever_its_scale()
    {
        // With a constant g, the bias-corrected means are exactly g and g^2, so with epsilon 0 each step is
        // lr * g / |g| = lr * sign(g): three steps move every parameter by 3 lr, for gradients from 1e-3 to 1e3.
        double[] gradient = [1e-3, -2.5, 1e3, -7e-2];
        double[] w = ThreeSteps(new Adam(0.01, epsilon: 0), [1, 1, 1, 1], [gradient, gradient, gradient]);

        Near.AssertRelative([0.97, 1.03, 0.97, 1.03], w, 1e-12, "w after three steps");
    }

    [Fact]
    public void AdamW_shrinks_the_parameter_before_the_Adam_step()
    {
        // Constant g = 1, epsilon 0, lr 0.1, lambda 0.5: each step w = w (1 - 0.05) - 0.1, from w = 2:
        // 1.8, 1.61, 1.4295.
        double[] w = ThreeSteps(new AdamW(0.1, epsilon: 0, weightDecay: 0.5), [2], [[1], [1], [1]]);

        Near.AssertRelative(1.4295, w[0], 1e-12, "w after three steps");
    }

    [Fact]
    public void Adam_with_L2_decay_divides_the_decay_by_its_scale_unlike_AdamW()
    {
        // Adam adds lambda w to the gradient, so with no gradient at all its first step is lr * sign(w): 2 -> 1.9.
        double[] coupled = ThreeSteps(new Adam(0.1, epsilon: 0) { WeightDecay = 0.5 }, [2], [[0]]);
        Near.AssertRelative(1.9, coupled[0], 1e-12, "Adam with L2");

        // AdamW only shrinks: 2 (1 - 0.1 x 0.5) = 1.9 as well, but its Adam step on a zero gradient is 0/0 with
        // epsilon 0; with the default epsilon it is 0, which leaves exactly the shrink.
        double[] decoupled = ThreeSteps(new AdamW(0.1, weightDecay: 0.5), [2], [[0], [0]]);
        Near.AssertRelative(2 * 0.95 * 0.95, decoupled[0], 1e-15, "AdamW with no gradient");
    }

    [Theory]
    [MemberData(nameof(TestOptimizers.All), MemberType = typeof(TestOptimizers))]
    public void A_gradient_scale_equals_scaling_the_gradient_first(string name)
    {
        // 0.25 is a power of two, so scaling first is exact and both must give the same bits.
        var random = new Random(5);
        double[][] gradients = Enumerable.Range(0, 3).Select(_ => RandomValues(random, 37)).ToArray();
        double[] start = RandomValues(random, 37);
        Optimizer scaled = TestOptimizers.Create(name, 0.1), prescaled = TestOptimizers.Create(name, 0.1);
        double[] a = (double[])start.Clone(), b = (double[])start.Clone();

        foreach (double[] g in gradients)
        {
            scaled.Step<double>(a, g, 0.25);
            prescaled.Step<double>(b, g.Select(v => v * 0.25).ToArray());
        }

        Near.AssertBitwiseEqual<double>(b, a, name);
    }

    [Theory]
    [MemberData(nameof(TestOptimizers.All), MemberType = typeof(TestOptimizers))]
    public void Every_vector_width_and_every_split_into_ranges_gives_the_same_bits(string name)
    {
        // One optimizer steps whole spans (vectors, then a scalar tail); the other steps each value as its own range,
        // always in the scalar code. Equal bits at every length from 0 to 70 mean the vector forms compute each
        // value's formula exactly as the scalar form does.
        var random = new Random(11);
        for (int length = 0; length <= 70; length++)
        {
            float[] start = RandomSingles(random, length);
            float[][] gradients = Enumerable.Range(0, 3).Select(_ => RandomSingles(random, length)).ToArray();
            Optimizer whole = TestOptimizers.Create(name, 0.1), byValue = TestOptimizers.Create(name, 0.1);
            float[] a = (float[])start.Clone(), b = (float[])start.Clone();
            float[] state = byValue.StateFor<float>(length);
            foreach (float[] g in gradients)
            {
                whole.Step<float>(a, g, 0.5f);
                float scale = 0.5f * byValue.ClipFactor<float>(g, 0.5f);
                byValue.BeginStep();
                for (int k = 0; k < length; k++)
                    byValue.UpdateRange(b.AsSpan(k, 1), g.AsSpan(k, 1), scale, 0.1f, state, k);
            }

            Near.AssertBitwiseEqual<float>(b, a, $"{name}, length {length}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(101_770)]
    public void Every_state_buffer_starts_on_a_64_byte_boundary(int parameterCount)
    {
        // The update streams the parameters, the gradient and each state buffer with vector loads; a buffer laid
        // right after another of an odd length would start mid-line, and every load from it would span two lines.
        foreach (Optimizer optimizer in new Optimizer[] { new Sgd(momentum: 0.9), new Adam() })
        {
            float[] singles = optimizer.StateFor<float>(parameterCount);
            for (int buffer = 0; buffer < optimizer.StateBuffers; buffer++)
                Assert.True(IsOnBoundary(optimizer.StateRange(singles, buffer, 0, parameterCount)), $"{optimizer}, float buffer {buffer}");

            optimizer.Reset();
            double[] doubles = optimizer.StateFor<double>(parameterCount);
            for (int buffer = 0; buffer < optimizer.StateBuffers; buffer++)
                Assert.True(IsOnBoundary(optimizer.StateRange(doubles, buffer, 0, parameterCount)), $"{optimizer}, double buffer {buffer}");
        }
    }

    // The state lives on the pinned heap, so its address holds still while it is read.
    private static bool IsOnBoundary<T>(Span<T> values) => AlignedArray.IsOnBoundary(ref MemoryMarshal.GetReference(values));

    [Theory]
    [InlineData("momentum")]
    [InlineData("adam")]
    public void State_left_without_gradient_is_flushed_to_zero_instead_of_becoming_subnormal(string name)
    {
        // The velocity (or Adam's mean) decays by mu (beta1) each step once the gradient stops; the parameter's
        // movement shows when it reaches zero: it stops moving entirely, with no subnormal step in between.
        Optimizer optimizer = TestOptimizers.Create(name, 0.1);
        float[] w = [1];
        optimizer.Step<float>(w, [1e-3f]);
        float previous = w[0];
        bool stopped = false;
        for (int step = 0; step < 2000; step++)
        {
            optimizer.Step<float>(w, [0f]);
            float change = previous - w[0];
            Assert.False(float.IsSubnormal(change), $"step {step}: a subnormal change {change:R}");
            stopped |= change == 0;
            Assert.True(!stopped || change == 0, $"step {step}: moved again after stopping");
            previous = w[0];
        }

        Assert.True(stopped, "the state never reached zero");
    }

    [Theory]
    [MemberData(nameof(TestOptimizers.All), MemberType = typeof(TestOptimizers))]
    public void A_NaN_gradient_reaches_the_parameters_so_that_divergence_is_seen(string name)
    {
        double[] w = [1, 2];
        TestOptimizers.Create(name).Step<double>(w, [double.NaN, 0]);

        Assert.True(double.IsNaN(w[0]), $"{w[0]}");
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    public void A_gradient_scale_that_is_not_finite_is_refused_before_the_step(double scale)
    {
        // 1.0 / 0, the mean over an empty batch, turned every parameter NaN.
        var optimizer = new Adam();
        double[] w = [1, 2];

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.Step<double>(w, [0.5, 0.5], scale));

        Assert.Equal("gradientScale", error.ParamName);
        Assert.StartsWith("The gradient scale must be a finite number (1 / n for the mean over n examples, n 1 or more).", error.Message);
        Assert.Equal([1, 2], w);
        Assert.Equal(0, optimizer.Steps);
    }

    [Fact]
    public void The_trainer_refuses_an_optimizer_that_holds_another_networks_state()
    {
        // A second network of the same type went on with the first one's moment estimates and step count.
        Dataset<double> data = TrainingData.ForTrainerNet(8);
        var options = new TrainingOptions { Epochs = 1, BatchSize = 4 };
        var optimizer = new Adam(0.01);
        var first = new TrainerNet();
        Trainer.Train(first, data, optimizer, options);
        var second = new TrainerNet();
        double[] before = second.Parameters.ToArray();

        var error = Assert.Throws<ArgumentException>(() => Trainer.Train(second, data, optimizer, options));

        Assert.Equal("optimizer", error.ParamName);
        Assert.StartsWith("This Adam holds the state of another network it trained (2 steps): use one optimizer per network, or call Reset() first.",
            error.Message);
        Assert.Equal(before, second.Parameters.ToArray());

        Trainer.Train(first, data, optimizer, options); // the same network continues
        Assert.Equal(4, optimizer.Steps);
        optimizer.Reset();
        Trainer.Train(second, data, optimizer, options); // and after Reset the other one starts afresh
        Assert.Equal(2, optimizer.Steps);
    }

    [Fact]
    public void One_optimizer_serves_one_network_until_it_is_reset()
    {
        var optimizer = new Adam();
        optimizer.Step<float>(new float[3], new float[3]);

        var otherCount = Assert.Throws<ArgumentException>(() => optimizer.Step<float>(new float[4], new float[4]));
        Assert.Equal("This Adam holds state for 3 Single parameters, not 4 Single: use one optimizer per network, or call Reset() first.", otherCount.Message);
        var otherType = Assert.Throws<ArgumentException>(() => optimizer.Step<double>(new double[3], new double[3]));
        Assert.Equal("This Adam holds state for 3 Single parameters, not 3 Double: use one optimizer per network, or call Reset() first.", otherType.Message);
        var lengths = Assert.Throws<ArgumentException>(() => optimizer.Step<float>(new float[3], new float[2]));
        Assert.Equal("The gradient has 2 values but there are 3 parameters. (Parameter 'gradient')", lengths.Message);

        optimizer.Reset();
        optimizer.Step<double>(new double[4], new double[4]);
        Assert.Equal(1, optimizer.Steps);
    }

    public static TheoryData<string, Func<Optimizer>> BadArguments => new()
    {
        { "learningRate", () => new Sgd(0) },
        { "learningRate", () => new Adam(double.NaN) },
        { "learningRate", () => new AdamW(double.PositiveInfinity) },
        { "momentum", () => new Sgd(momentum: 1) },
        { "momentum", () => new Sgd(momentum: -0.1) },
        { "nesterov", () => new Sgd(nesterov: true) },
        { "beta1", () => new Adam(beta1: 1) },
        { "beta2", () => new Adam(beta2: double.NaN) },
        { "epsilon", () => new Adam(epsilon: -1e-8) },
        { "WeightDecay", () => new Sgd { WeightDecay = -1 } },
        { "WeightDecay", () => new AdamW(weightDecay: double.NaN) },
        { "MaxGradientNorm", () => new Adam { MaxGradientNorm = 0 } },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Bad_settings_are_refused_naming_the_setting(string name, Func<Optimizer> create)
    {
        var exception = Assert.ThrowsAny<ArgumentException>(() => create());

        Assert.Equal(name == "learningRate" ? "LearningRate" : name, exception.ParamName);
    }

    [Theory]
    [InlineData("momentum", 4)]
    [InlineData("adam", 4)]
    [InlineData("clipped", 4)]
    [InlineData("momentum", 1)]
    [InlineData("sgd-decayed", 1)] // at batch 1, only plain SGD may take the network's fused TrainStep
    [InlineData("sgd-clipped", 1)]
    public void A_manual_loop_of_BackpropagateBatch_and_Step_is_what_the_trainer_does(string name, int batchSize)
    {
        // The PyTorch-style loop: zero the gradient, backpropagate a batch, step on its mean.
        Dataset<double> data = TrainingData.ForTrainerNet(24);
        var trained = new TrainerNet();
        var manual = new TrainerNet();
        Trainer.Train(trained, data, TestOptimizers.Create(name, 0.05), new TrainingOptions { Epochs = 2, BatchSize = batchSize, Shuffle = false });

        Optimizer optimizer = TestOptimizers.Create(name, 0.05);
        var gradient = new double[TrainerNet.ParameterCount];
        for (int epoch = 0; epoch < 2; epoch++)
        {
            for (int start = 0; start < 24; start += batchSize)
            {
                Array.Clear(gradient);
                manual.BackpropagateBatch(data.Inputs.Slice(start * 3, batchSize * 3), data.Targets.Slice(start * 2, batchSize * 2), gradient);
                optimizer.Step<double>(manual.Parameters, gradient, 1.0 / batchSize);
            }
        }

        Near.AssertBitwiseEqual<double>(manual.Parameters, trained.Parameters, name);
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("adamw")]
    [InlineData("nesterov")]
    public void Each_optimizer_learns_the_random_classification_set(string name)
    {
        Dataset<float> data = TrainingData.Random<FloatSoftmaxNet, float>(300);
        var network = new FloatSoftmaxNet();
        double before = Trainer.Evaluate(network, data).Accuracy!.Value;

        Trainer.Train(network, data, TestOptimizers.Create(name, name == "nesterov" ? 0.05 : 0.01), new TrainingOptions { Epochs = 20, BatchSize = 10 });

        double after = Trainer.Evaluate(network, data).Accuracy!.Value;
        Assert.True(after > Math.Max(0.8, before), $"accuracy {before} -> {after}");
    }

    private static double[] RandomValues(Random random, int count)
        => Enumerable.Range(0, count).Select(_ => random.NextDouble() * 2 - 1).ToArray();

    private static float[] RandomSingles(Random random, int count)
        => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
}
