using Samples.HotColdVsGradient;
using CompiledNets.Tests.Shared;

namespace CompiledNets.Tests.Tutorials;

/// <summary>The gradient-descent side of the comparison: the same one-weight network, input 0.5, goal 0.8.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(1, Activation.Linear, Bias = false, Name = "Only")]
public partial class HotColdComparisonNet;

/// <summary>The numbers of samples/HotColdVsGradient: its HotColdLearning.cs is compiled into this project.</summary>
public sealed class HotColdVsGradientTests
{
    private const double Input = 0.5, Goal = 0.8, StartWeight = 0.5;

    [Fact]
    public void The_trajectory_starts_at_the_initial_weight_and_has_one_point_per_nudge()
    {
        IReadOnlyList<HotColdLearning.Point> points = HotColdLearning.Run(Input, Goal, StartWeight, 0.001, 3);

        Assert.Equal(4, points.Count);
        Assert.Equal((0, 0.5, 0.25), (points[0].Iteration, points[0].Weight, points[0].Prediction));
        Assert.Equal(0.3025, points[0].Error, 1e-15);
        Assert.Equal([0, 1, 2, 3], points.Select(p => p.Iteration));
        Near.AssertAbsolute([0.5, 0.501, 0.502, 0.503], points.Select(p => p.Weight).ToArray(), 1e-15);
    }

    [Fact]
    public void A_small_step_walks_the_weight_to_1_6_in_1100_nudges_with_the_error_falling_every_time()
    {
        IReadOnlyList<HotColdLearning.Point> points = HotColdLearning.Run(Input, Goal, StartWeight, 0.001, 1100);

        for (int n = 1; n <= 1100; n++)
        {
            Assert.True(points[n].Error < points[n - 1].Error, $"error rose at nudge {n}");
            Assert.Equal(StartWeight + 0.001 * n, points[n].Weight, 1e-12);
        }

        Assert.Equal(1.6, points[1100].Weight, 1e-12);
        Assert.Equal(0.8, points[1100].Prediction, 1e-12);
    }

    [Fact]
    public void A_small_step_then_stays_within_one_step_of_the_goal()
    {
        IReadOnlyList<HotColdLearning.Point> points = HotColdLearning.Run(Input, Goal, StartWeight, 0.001, 1300);

        foreach (HotColdLearning.Point point in points.Skip(1100))
            Assert.True(Math.Abs(point.Prediction - Goal) <= Input * 0.001 + 1e-12, $"nudge {point.Iteration}: prediction {point.Prediction:R}");
    }

    [Fact]
    public void A_large_step_overshoots_and_then_oscillates_between_predictions_0_65_and_0_85()
    {
        IReadOnlyList<HotColdLearning.Point> points = HotColdLearning.Run(Input, Goal, StartWeight, 0.4, 20);

        // 0.5 -> 0.9 -> 1.3 -> 1.7, then 1.3 and 1.7 by turns: the goal's weight 1.6 lies between, 0.1 from 1.7 and 0.3 from 1.3.
        Near.AssertAbsolute([0.25, 0.45, 0.65, 0.85], points.Take(4).Select(p => p.Prediction).ToArray(), 1e-12);
        for (int n = 2; n <= 20; n++)
            Assert.Equal(n % 2 == 0 ? 0.65 : 0.85, points[n].Prediction, 1e-12);
        Assert.Equal(0.0225, points[20].Error, 1e-12);
        Assert.Equal(0.0025, points[19].Error, 1e-12);
    }

    [Fact]
    public void Equal_errors_up_and_down_leave_the_weight_where_it_is()
    {
        // At weight 2 (prediction 1 for goal 1, input 0.5) a step of 0.5 up or down is equally wrong.
        IReadOnlyList<HotColdLearning.Point> points = HotColdLearning.Run(0.5, 1.0, 2.0, 0.5, 3);

        Assert.All(points, p => Assert.Equal(2.0, p.Weight));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_step_that_is_not_positive_and_finite_is_rejected(double step)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HotColdLearning.Run(Input, Goal, StartWeight, step, 1));
    }

    [Fact]
    public void Gradient_descent_converges_geometrically_where_hot_cold_oscillates()
    {
        // w <- w - (0.5 w - 0.8) * 0.5 = 0.75 w + 0.4: the distance to 1.6 shrinks by 0.75 per step.
        var network = new HotColdComparisonNet();
        network.OnlyWeights[0] = StartWeight;
        double[] input = [Input], goal = [Goal];

        for (int n = 1; n <= 60; n++)
        {
            network.TrainStep(input, goal, 1.0);
            Assert.Equal(1.6 - 1.1 * Math.Pow(0.75, n), network.OnlyWeights[0], 1e-12);
        }

        var prediction = new double[1];
        network.Predict(input, prediction);
        Assert.True(Math.Abs(prediction[0] - Goal) < 1e-7);

        IReadOnlyList<HotColdLearning.Point> large = HotColdLearning.Run(Input, Goal, StartWeight, 0.4, 60);
        Assert.True(Math.Abs(large[^1].Prediction - Goal) > 0.1);
    }
}
