using CompiledNets.Tests.Shared;
namespace CompiledNets.Tests.Tutorials;

/// <summary>One input (win/loss record 0.65), three outputs (hurt, win, sad).</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(3, Activation.Linear, Bias = false, Name = "Out")]
public partial class TutorialOneToThree;

/// <summary>Gradient descent with multiple outputs: weight_deltas = input * (pred - goal), w -= alpha * weight_deltas.</summary>
public sealed class MultipleOutputsGradientDescentTests
{
    private static readonly double[] Input = [0.65];
    private static readonly double[] Targets = [0.1, 1.0, 0.1];
    private const double Alpha = 0.1;

    private static TutorialOneToThree Start()
    {
        var network = new TutorialOneToThree();
        double[] weights = [0.3, 0.2, 0.9];
        weights.CopyTo(network.OutWeights);
        return network;
    }

    [Fact]
    public void One_step_gives_the_tutorials_weights()
    {
        TutorialOneToThree network = Start();

        network.TrainStep(Input, Targets, Alpha);

        Near.AssertAbsolute([0.293825, 0.25655, 0.868475], network.OutWeights, 1e-12);
    }

    [Fact]
    public void Two_hundred_steps_give_the_golden_weights()
    {
        TutorialOneToThree network = Start();

        for (int step = 0; step < 200; step++)
            network.TrainStep(Input, Targets, Alpha);

        Near.AssertAbsolute([0.15387216995732136, 1.538223285654005, 0.15397897294000892], network.OutWeights, 1e-12);
    }

    [Fact]
    public void Two_hundred_steps_match_the_closed_form()
    {
        // Each weight moves independently: w <- w - alpha * x * (x w - t), a contraction by (1 - alpha x^2) towards t / x.
        TutorialOneToThree network = Start();
        for (int step = 0; step < 200; step++)
            network.TrainStep(Input, Targets, Alpha);

        double[] start = [0.3, 0.2, 0.9];
        double factor = Math.Pow(1 - Alpha * 0.65 * 0.65, 200);
        for (int k = 0; k < 3; k++)
        {
            double fixedPoint = Targets[k] / 0.65;
            Near.AssertRelative(fixedPoint + (start[k] - fixedPoint) * factor, network.OutWeights[k], 1e-12, $"weight {k}");
        }
    }

    [Fact]
    public void A_step_equals_Backpropagate_then_ApplyGradient_bit_for_bit()
    {
        TutorialOneToThree fused = Start(), separate = Start();
        var gradient = new double[TutorialOneToThree.ParameterCount];

        double fusedLoss = fused.TrainStep(Input, Targets, Alpha);
        double loss = separate.Backpropagate(Input, Targets, gradient);
        separate.ApplyGradient(gradient, Alpha);

        Assert.Equal(fusedLoss, loss);
        Assert.Equal(separate.Parameters.ToArray(), fused.Parameters.ToArray());
        // delta = pred - goal; weight_delta = delta * input.
        Near.AssertAbsolute([(0.195 - 0.1) * 0.65, (0.13 - 1.0) * 0.65, (0.585 - 0.1) * 0.65], gradient, 1e-15);
    }
}
