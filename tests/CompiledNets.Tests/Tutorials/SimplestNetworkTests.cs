using CompiledNets.Tests.Shared;
namespace CompiledNets.Tests.Tutorials;

/// <summary>pred = w * input: one input, one linear output, no bias.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(1, Activation.Linear, Bias = false, Name = "Only")]
public partial class TutorialOneWeight;

/// <summary>
/// The from-scratch tutorial's first network: input 5, goal 42, learning rate 0.01, weight 1.0.
/// Each step is w &lt;- w - 0.01 * (5w - 42) * 5 = 0.75 w + 2.1, so w_n = 8.4 - 7.4 * 0.75^n.
/// </summary>
public sealed class SimplestNetworkTests
{
    private static readonly double[] Input = [5.0];
    private static readonly double[] Goal = [42.0];
    private const double LearningRate = 0.01;

    private static TutorialOneWeight StartAtOne()
    {
        var network = new TutorialOneWeight();
        network.OnlyWeights[0] = 1.0;
        return network;
    }

    [Fact]
    public void The_weight_follows_8_4_minus_7_4_times_0_75_to_the_n()
    {
        TutorialOneWeight network = StartAtOne();
        for (int n = 1; n <= 20; n++)
        {
            network.TrainStep(Input, Goal, LearningRate);
            Near.AssertRelative(8.4 - 7.4 * Math.Pow(0.75, n), network.OnlyWeights[0], 1e-12, $"weight after {n} steps");
        }
    }

    [Fact]
    public void The_errors_and_the_final_prediction_are_the_tutorials()
    {
        TutorialOneWeight network = StartAtOne();
        var errors = new double[20];
        for (int n = 0; n < 20; n++)
        {
            // TrainStep returns the HalfSquaredError loss (pred - goal)^2 / 2 before the step; the tutorial prints (pred - goal)^2.
            errors[n] = 2 * network.TrainStep(Input, Goal, LearningRate);
        }

        Assert.Equal(1369.0, errors[0]);
        Assert.Equal(770.0625, errors[1]);
        Assert.Equal("0.0244755", errors[19].ToString("G6", System.Globalization.CultureInfo.InvariantCulture));
        for (int n = 1; n < 20; n++)
            Assert.True(errors[n] < errors[n - 1], $"error {n + 1} did not fall");

        var prediction = new double[1];
        network.Predict(Input, prediction);
        Assert.Equal(41.8827, Math.Round(prediction[0], 4));
    }

    [Fact]
    public void The_loss_TrainStep_returns_is_half_the_squared_error_before_the_step()
    {
        TutorialOneWeight network = StartAtOne();

        double loss = network.TrainStep(Input, Goal, LearningRate);

        Assert.Equal(0.5 * (5.0 - 42.0) * (5.0 - 42.0), loss);
        Assert.Equal(0.5 * (5.0 * 2.85 - 42.0) * (5.0 * 2.85 - 42.0), network.ComputeLoss(Input, Goal), 12);
    }
}
