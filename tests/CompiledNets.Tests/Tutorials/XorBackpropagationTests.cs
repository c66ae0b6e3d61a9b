using CompiledNets.Numerics;

namespace CompiledNets.Tests.Tutorials;

/// <summary>The tutorial's 3-4-1 sigmoid network without biases (the third input, always 1, plays the hidden bias).</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(4, Activation.Sigmoid, Bias = false, Name = "Hidden")]
[Dense(1, Activation.Sigmoid, Bias = false, Name = "Output")]
public partial class TutorialXor;

public sealed class XorBackpropagationTests
{
    private static readonly double[][] Rows = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]];
    private static readonly double[] Targets = [0, 1, 1, 0];

    /// <summary>Full-batch gradient descent, learning rate 1: sum the four rows' gradients, then one step.</summary>
    private static List<double> Train(TutorialXor network, int iterations)
    {
        var gradient = new double[TutorialXor.ParameterCount];
        var losses = new List<double>(iterations);
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            Array.Clear(gradient);
            double loss = 0;
            for (int row = 0; row < Rows.Length; row++)
                loss += network.Backpropagate(Rows[row], [Targets[row]], gradient);
            network.ApplyGradient(gradient, 1.0);
            losses.Add(loss);
        }

        return losses;
    }

    private static TutorialXor UniformZeroToOne(long seed)
    {
        var network = new TutorialXor();
        var random = new SplitMix64(seed);
        Span<double> parameters = network.Parameters;
        for (int i = 0; i < parameters.Length; i++)
            parameters[i] = random.NextDouble();
        return network;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    public void After_1500_iterations_every_prediction_is_within_0_1_of_its_target(long seed)
    {
        TutorialXor network = UniformZeroToOne(seed);

        List<double> losses = Train(network, 1500);

        var prediction = new double[1];
        for (int row = 0; row < Rows.Length; row++)
        {
            network.Predict(Rows[row], prediction);
            Assert.True(Math.Abs(prediction[0] - Targets[row]) < 0.1,
                $"seed {seed}, row {row}: predicted {prediction[0]:R} for target {Targets[row]}");
        }

        // Overall decrease: the last loss is a small fraction of the first, and each tenth of the run ends lower than it started.
        Assert.True(losses[^1] < 0.1 * losses[0], $"loss went from {losses[0]:R} to {losses[^1]:R}");
        for (int tenth = 1; tenth <= 10; tenth++)
            Assert.True(losses[tenth * 150 - 1] < losses[(tenth - 1) * 150], $"loss did not fall in tenth {tenth}");
    }

    [Fact]
    public void The_loss_is_the_sum_of_squared_errors_over_the_four_rows()
    {
        TutorialXor network = UniformZeroToOne(7);
        var prediction = new double[1];
        double expected = 0;
        for (int row = 0; row < Rows.Length; row++)
        {
            network.Predict(Rows[row], prediction);
            expected += (prediction[0] - Targets[row]) * (prediction[0] - Targets[row]);
        }

        List<double> losses = Train(network, 1);

        Assert.Equal(expected, losses[0], 1e-14);
    }
}
