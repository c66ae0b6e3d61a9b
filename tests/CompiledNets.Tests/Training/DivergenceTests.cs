using CompiledNets.Data;
using CompiledNets.Persistence;
using CompiledNets.Training;

namespace CompiledNets.Tests.Training;

/// <summary>
/// Training that goes wrong says so: a diverging run stops with the epoch and batch, bad data and rates are refused
/// before anything changes, a diverged network is neither saved nor credited with an accuracy.
/// </summary>
public sealed class DivergenceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("compilednets-divergence-").FullName;

    [Theory]
    [InlineData(1)]  // the fused per-example step
    [InlineData(4)]  // mini-batches
    public void A_learning_rate_far_too_large_stops_training_with_the_epoch_and_batch(int batchSize)
    {
        // y = 2x + 1 at rate 1000: every step overshoots a thousandfold until the numbers overflow.
        var network = new LineNet();

        var exception = Assert.Throws<TrainingDivergedException>(() => Trainer.Train(network, TrainingData.Line(16),
            new Sgd(1e3), new TrainingOptions { Epochs = 50, BatchSize = batchSize, Shuffle = false }));

        Assert.InRange(exception.Epoch, 1, 50);
        Assert.InRange(exception.Batch, 1, 16 / batchSize);
        Assert.StartsWith($"Training diverged in epoch {exception.Epoch}, batch {exception.Batch} of {16 / batchSize}: ", exception.Message);
        Assert.Contains("this epoch's was 1000", exception.Message);
    }

    [Fact]
    public void Adam_with_epsilon_0_diverging_on_an_input_that_is_always_0_says_that_epsilon_is_the_cause()
    {
        // Input 2 is 0 in every example, so its weights' gradient is 0 at every step, and Adam's step for them is
        // 0 / (sqrt(0) + 0): NaN after the first update. "A smaller learning rate" would not help, so epsilon comes first.
        Dataset<double> data = TrainingData.ForTrainerNet(16);
        double[] inputs = data.Inputs.ToArray();
        for (int n = 0; n < data.Count; n++)
            inputs[3 * n + 2] = 0;
        var zeroInput = new Dataset<double>(inputs, 3, data.Targets.ToArray(), 2);
        TrainingOptions options = new() { Epochs = 2, BatchSize = 4, Shuffle = false };

        var exception = Assert.Throws<TrainingDivergedException>(() => Trainer.Train(new TrainerNet(), zeroInput, new Adam(0.01, epsilon: 0), options));
        Trainer.Train(new TrainerNet(), zeroInput, new Adam(0.01), options); // the default epsilon trains

        Assert.Equal((1, 2), (exception.Epoch, exception.Batch));
        Assert.Contains("then Adam's epsilon is 0, so a parameter whose gradient has been 0 at every step (the weight of an input that " +
            "is always 0, say) moves by 0 / 0, which is NaN: give epsilon a small positive value, such as the default 1e-8; if that " +
            "is not it, train with a smaller learning rate (this epoch's was 0.01)", exception.Message);
    }

    [Fact]
    public void A_last_update_that_overflows_is_caught_after_the_epoch_naming_the_parameter()
    {
        // One example, one step: its loss is finite (computed before the update), but at rate 1e308 the update
        // overflows the weight, and no later loss would see it.
        var network = new LineNet();
        network.Parameters[0] = 0.5;
        network.Parameters[1] = 0;

        var exception = Assert.Throws<TrainingDivergedException>(() => Trainer.Train(network, new Dataset<double>([1.0], 1, [3.0], 1),
            new Sgd(1e308), new TrainingOptions { Epochs = 1, BatchSize = 1, Shuffle = false }));

        Assert.StartsWith("Training diverged in epoch 1, batch 1 of 1: parameter 0 is ", exception.Message);
        Assert.Contains(" after the epoch's last update.", exception.Message);
    }

    [Fact]
    public void Endless_epochs_do_not_reserve_memory_for_every_report_up_front()
    {
        // int.MaxValue epochs used to throw OutOfMemoryException before the first step; now the run starts (and here diverges).
        Assert.Throws<TrainingDivergedException>(() => Trainer.Train(new LineNet(), TrainingData.Line(16),
            new Sgd(1e3), new TrainingOptions { Epochs = int.MaxValue, BatchSize = 1 }));
    }

    [Theory]
    [InlineData(double.NaN, "input", 3)]
    [InlineData(double.PositiveInfinity, "input", 3)]
    [InlineData(double.NaN, "target", 5)]
    public void A_NaN_or_infinity_in_the_data_is_refused_naming_the_example(double value, string where, int example)
    {
        Dataset<double> data = TrainingData.Line(8);
        double[] inputs = data.Inputs.ToArray(), targets = data.Targets.ToArray();
        (where == "input" ? inputs : targets)[example] = value;
        var network = new LineNet();
        double[] before = network.Parameters.ToArray();

        var exception = Assert.Throws<ArgumentException>(() => Trainer.Train(network, new Dataset<double>(inputs, 1, targets, 1), new Sgd()));

        Assert.StartsWith($"The {where} of example {example} has {value} at position 0; every value must be a finite number.", exception.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Theory]
    [InlineData(new[] { 0.0, 0.0 }, "sums to 0")]
    [InlineData(new[] { 2.0, 0.0 }, "has 2; cross-entropy targets are probabilities in [0, 1]")]
    [InlineData(new[] { 0.5, 0.6 }, "sums to 1.1")]
    public void Cross_entropy_targets_that_are_not_distributions_are_refused(double[] target, string problem)
    {
        var inputs = new double[] { 0.1, 0.2, 0.3, 0.4 };
        var targets = new double[] { 1, 0 }.Concat(target).ToArray();

        var exception = Assert.Throws<ArgumentException>(() =>
            Trainer.Train(new SoftmaxIdentityNet(), new Dataset<double>(inputs, 2, targets, 2), new Sgd()));

        Assert.StartsWith($"The target of example 1 {problem}", exception.Message);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(-0.5)]
    [InlineData(255.0)]
    public void Binary_cross_entropy_targets_outside_0_to_1_are_refused(double target)
    {
        // Its loss has no minimum there: a target of 2 drives the sigmoid to 1 and the loss down without end.
        var network = new SigmoidIdentityNet();
        double[] before = network.Parameters.ToArray();
        var data = new Dataset<double>([0.1, 0.2, 0.3, 0.4], 2, [1, 0, 0, target], 2);

        var training = Assert.Throws<ArgumentException>(() => Trainer.Train(network, data, new Sgd()));
        var evaluation = Assert.Throws<ArgumentException>(() => Trainer.Evaluate(network, data));

        string expected = $"The target of example 1 has {target:R} at position 1; binary cross-entropy targets are probabilities in [0, 1].";
        Assert.StartsWith(expected, training.Message);
        Assert.StartsWith(expected, evaluation.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void A_rate_finite_as_a_double_but_not_as_a_float_is_refused_for_a_float_network()
    {
        Dataset<float> data = TrainingData.Random<FloatSoftmaxNet, float>(8);

        var exception = Assert.Throws<ArgumentException>(() =>
            Trainer.Train(new FloatSoftmaxNet(), data, new Sgd(1e39), new TrainingOptions { Epochs = 1 }));

        Assert.StartsWith("The learning rate of epoch 1 is 1E+39, which is not a finite, non-negative Single", exception.Message);
    }

    [Fact]
    public void A_schedule_that_grows_the_rate_past_the_precision_is_refused_before_the_first_epoch()
    {
        Dataset<float> data = TrainingData.Random<FloatSoftmaxNet, float>(8);
        // Epoch 1 would train at 0.001; epoch 3's rate, 0.001 * 1e46, is beyond float. Refused at epoch 3, the
        // network had trained two epochs for nothing.
        var growing = new TrainingOptions { Epochs = 3, Schedule = LearningRateSchedule.Step(1, 1e23) };
        var network = new FloatSoftmaxNet();
        float[] initial = network.Parameters.ToArray();

        var exception = Assert.Throws<ArgumentException>(() => Trainer.Train(network, data, new Sgd(1e-3), growing));

        string rate = (1e-3 * Math.Pow(1e23, 2)).ToString("R", System.Globalization.CultureInfo.CurrentCulture);
        Assert.StartsWith($"The learning rate of epoch 3 is {rate}, which is not a finite, non-negative Single", exception.Message);
        Assert.Equal(initial, network.Parameters.ToArray());
    }

    [Fact]
    public void A_schedule_of_your_own_out_of_range_in_between_is_refused_at_that_epoch()
    {
        Dataset<float> data = TrainingData.Random<FloatSoftmaxNet, float>(8);
        var options = new TrainingOptions { Epochs = 3, Schedule = new NegativeInTheMiddle() };

        var exception = Assert.Throws<ArgumentException>(() => Trainer.Train(new FloatSoftmaxNet(), data, new Sgd(1e-3), options));

        Assert.StartsWith("The learning rate of epoch 2 is -1, which is not a finite, non-negative Single", exception.Message);
    }

    private sealed record NegativeInTheMiddle : LearningRateSchedule
    {
        public override double RateFor(double initialRate, int epoch, int epochs) => epoch == 1 ? -1 : initialRate;
    }

    [Fact]
    public void A_diverged_network_is_not_saved_and_no_file_is_left()
    {
        var network = new LineNet();
        network.Parameters[1] = double.NaN;
        string path = Path.Combine(_directory, "line.weights");

        var exception = Assert.Throws<InvalidOperationException>(() => NetworkWeights.Save(network, path));

        Assert.StartsWith("Parameter 1 of the network (1 -> Dense(1, Linear)) is NaN: the network diverged, and its weights were not saved to " + path, exception.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public void A_network_whose_predictions_are_NaN_gets_no_accuracy()
    {
        var network = new SoftmaxIdentityNet();
        network.Parameters.Fill(double.NaN);
        Dataset<double> data = Dataset<double>.FromLabels([0.1, 0.9, 0.8, 0.2, 0.3, 0.7], 2, [1, 0, 1], 2);

        Evaluation evaluation = Trainer.Evaluate(network, data);

        Assert.Null(evaluation.Accuracy);
        Assert.Null(evaluation.Confusion);
        Assert.True(double.IsNaN(evaluation.Loss));
        Assert.Equal(3, evaluation.Count);
    }

    [Fact]
    public void Bad_class_counts_and_slices_are_refused_with_the_argument_named()
    {
        Assert.Equal("classCount", Assert.Throws<ArgumentOutOfRangeException>(() => Dataset<double>.FromLabels([1.0], 1, [0], -2)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => TrainingData.Line(4).Slice(int.MaxValue, 1)).ParamName);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
