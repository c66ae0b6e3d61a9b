using CompiledNets.Data;
using CompiledNets.Training;

namespace CompiledNets.Tests.Training;

public sealed class TrainingValidationTests
{
    public static TheoryData<string, TrainingOptions> BadOptions => new()
    {
        { "Epochs", new TrainingOptions { Epochs = 0 } },
        { "Epochs", new TrainingOptions { Epochs = -1 } },
        { "BatchSize", new TrainingOptions { BatchSize = 0 } },
        { "BatchSize", new TrainingOptions { BatchSize = -4 } },
        { "Threads", new TrainingOptions { Threads = 0 } },
        { "Threads", new TrainingOptions { Threads = -1 } },
        { "Threads", new TrainingOptions { Threads = 4, BatchSize = 2 } },
        { "Threads", new TrainingOptions { Threads = 2, BatchSize = 1 } },
        { "ProgressReportsPerEpoch", new TrainingOptions { ProgressReportsPerEpoch = -1 } },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_options_throw_ArgumentOutOfRangeException_naming_the_option_and_leave_the_network_alone(string option, TrainingOptions options)
    {
        var network = new LineNet();
        double[] before = network.Parameters.ToArray();

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Train(network, TrainingData.Line(4), new Sgd(), options));

        Assert.Contains(option, exception.ParamName ?? exception.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void Good_edge_values_are_accepted()
    {
        var network = new TrainerNet();
        double[] before = network.Parameters.ToArray();

        var history = Trainer.Train(network, TrainingData.ForTrainerNet(4), new Sgd(double.Epsilon, momentum: 0.999),
            new TrainingOptions { Epochs = 1, BatchSize = 2, Threads = 2 });

        // The smallest positive rate trains (one epoch is reported) and moves nothing measurably: a step of
        // double.Epsilon times a velocity of order 1 vanishes against every weight, and only a bias that starts at
        // exactly zero can become a subnormal of that size.
        Assert.Single(history);
        double[] after = network.Parameters.ToArray();
        for (int k = 0; k < before.Length; k++)
        {
            Assert.True(before[k] == 0 ? Math.Abs(after[k]) < 1e-320 : after[k] == before[k],
                $"parameter {k}: {before[k]:R} became {after[k]:R}");
        }
    }

    [Fact]
    public void Training_inputs_of_the_wrong_size_throw_naming_both_sizes()
    {
        var data = new Dataset<double>(new double[8], 2, new double[8], 2); // the network takes 3 and gives 2

        var exception = Assert.Throws<ArgumentException>(() => Trainer.Train(new TrainerNet(), data, new Sgd()));

        Assert.Equal("training", exception.ParamName);
        Assert.Contains("inputs of 2", exception.Message);
        Assert.Contains("takes 3", exception.Message);
    }

    [Fact]
    public void Training_targets_of_the_wrong_size_throw_naming_both_sizes()
    {
        var data = new Dataset<double>(new double[6], 3, new double[10], 5);

        var exception = Assert.Throws<ArgumentException>(() => Trainer.Train(new TrainerNet(), data, new Sgd()));

        Assert.Contains("targets of 5", exception.Message);
        Assert.Contains("gives 2", exception.Message);
    }

    [Fact]
    public void A_validation_set_of_the_wrong_shape_throws_before_training()
    {
        var network = new TrainerNet();
        double[] before = network.Parameters.ToArray();
        var validation = new Dataset<double>(new double[4], 4, new double[2], 2);

        var exception = Assert.Throws<ArgumentException>(
            () => Trainer.Train(network, TrainingData.ForTrainerNet(5), new Sgd(), validation: validation));

        Assert.Equal("validation", exception.ParamName);
        Assert.Contains("inputs of 4", exception.Message);
        Assert.Contains("takes 3", exception.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void Evaluating_data_of_the_wrong_shape_throws_naming_both_sizes()
    {
        var exception = Assert.Throws<ArgumentException>(
            () => Trainer.Evaluate(new LineNet(), new Dataset<double>(new double[6], 3, new double[2], 1)));

        Assert.Equal("data", exception.ParamName);
        Assert.Contains("inputs of 3", exception.Message);
        Assert.Contains("takes 1", exception.Message);
    }

    [Fact]
    public void An_empty_training_set_throws()
    {
        var exception = Assert.Throws<ArgumentException>(
            () => Trainer.Train(new LineNet(), new Dataset<double>([], 1, [], 1), new Sgd()));

        Assert.Equal("training", exception.ParamName);
    }

    [Fact]
    public void An_empty_validation_set_throws_rather_than_reporting_a_loss_of_zero()
    {
        // Evaluated, it would give loss 0 every epoch, and early stopping would stop on it after its patience.
        var exception = Assert.Throws<ArgumentException>(
            () => Trainer.Train(new LineNet(), TrainingData.Line(3), new Sgd(), validation: new Dataset<double>([], 1, [], 1)));

        Assert.Equal("validation", exception.ParamName);
        Assert.StartsWith("The validation set is empty: pass null for no validation.", exception.Message);
    }

    [Fact]
    public void A_binary_classifier_trains_with_labelled_sets_and_stops_on_their_accuracy()
    {
        // One sigmoid output with labels 0 and 1: the label check, the evaluation and early stopping agree on two classes.
        int[] labels = [0, 1, 0, 1, 1, 0];
        double[] inputs = [-2, 1.5, -0.5, 3, 0.7, -1];
        var data = new Dataset<double>(inputs, 1, labels.Select(label => (double)label).ToArray(), 1, labels);
        var options = new TrainingOptions
        {
            Epochs = 50, EvaluateTrainingSet = true, EarlyStopping = new EarlyStopping(patience: 3) { Metric = StoppingMetric.ValidationAccuracy },
        };

        TrainingHistory history = Trainer.Train(new BinaryClassifierNet(), data, new Sgd(0.5), options, validation: data);

        Assert.Equal(1.0, history[^1].Validation!.Accuracy); // the data are separable at 0
        Assert.Equal(2, history[^1].Training!.Confusion!.Classes);
    }

    [Fact]
    public void Null_arguments_throw_ArgumentNullException()
    {
        Dataset<double> data = TrainingData.Line(3);
        Assert.Throws<ArgumentNullException>(() => Trainer.Train<LineNet, double>(null!, data, new Sgd()));
        Assert.Throws<ArgumentNullException>(() => Trainer.Train<LineNet, double>(new LineNet(), null!, new Sgd()));
        Assert.Throws<ArgumentNullException>(() => Trainer.Train(new LineNet(), data, null!));
        Assert.Throws<ArgumentNullException>(() => Trainer.Evaluate<LineNet, double>(new LineNet(), null!));
    }
}
