using CompiledNets.Tests.Shared;
namespace CompiledNets.Tests.Tutorials;

/// <summary>A weighted sum of three inputs: toes, win/loss record, fans.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(1, Activation.Linear, Bias = false, Name = "Sum")]
public partial class TutorialWeightedSum;

/// <summary>Three predictions (hurt, win, sad) from three inputs.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(3, Activation.Linear, Bias = false, Name = "Out")]
public partial class TutorialThreeByThree;

public sealed class ForwardPassTests
{
    [Fact]
    public void A_weighted_sum_of_three_inputs_predicts_0_98()
    {
        var network = new TutorialWeightedSum();
        double[] weights = [0.1, 0.2, 0.0];
        weights.CopyTo(network.SumWeights);
        var prediction = new double[1];

        network.Predict([8.5, 0.65, 1.5], prediction);

        Assert.Equal(0.98, prediction[0], 1e-12);
    }

    [Fact]
    public void Three_outputs_from_three_inputs_predict_0_555_0_98_0_965()
    {
        var network = new TutorialThreeByThree();
        double[] weights =
        [
            0.1, 0.1, -0.3, // hurt?
            0.1, 0.2, 0.0,  // win?
            0.0, 1.3, 0.1,  // sad?
        ];
        weights.CopyTo(network.OutWeights);
        var prediction = new double[3];

        network.Predict([8.5, 0.65, 1.2], prediction);

        Near.AssertAbsolute([0.555, 0.98, 0.965], prediction, 1e-12);
    }

    [Fact]
    public void Parameters_of_a_network_without_bias_are_exactly_its_weights_row_major()
    {
        Assert.Equal(9, TutorialThreeByThree.ParameterCount);
        var network = new TutorialThreeByThree();
        network.Parameters.Clear();
        network.OutWeights[1 * 3 + 2] = 7.0; // row 1 (second output), column 2 (third input)
        var prediction = new double[3];

        network.Predict([0.0, 0.0, 1.0], prediction);

        Assert.Equal(new[] { 0.0, 7.0, 0.0 }, prediction);
        Assert.Equal(7.0, network.Parameters[5]);
    }
}
