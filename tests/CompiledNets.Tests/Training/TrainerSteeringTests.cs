using CompiledNets.Data;
using CompiledNets.Tests.Shared;
using CompiledNets.Training;

namespace CompiledNets.Tests.Training;

/// <summary>Steering a run: early stopping, callbacks, StopWhen and cancellation.</summary>
public sealed class TrainerSteeringTests
{
    /// <summary>y = 2x + 1 to learn, validated against y = -2x + 1: the better it learns, the worse it validates.</summary>
    private static (Dataset<double> Training, Dataset<double> Validation) OpposedSets()
    {
        double[] x = Enumerable.Range(0, 16).Select(i => i / 8.0 - 1).ToArray();
        return (new Dataset<double>(x, 1, x.Select(v => 2 * v + 1).ToArray(), 1),
                new Dataset<double>(x, 1, x.Select(v => -2 * v + 1).ToArray(), 1));
    }

    [Fact]
    public void Early_stopping_stops_patience_epochs_after_the_best_and_puts_back_its_parameters()
    {
        (Dataset<double> training, Dataset<double> validation) = OpposedSets();
        var network = new LineNet();
        var afterEpoch = new Dictionary<int, double[]>();
        var options = new TrainingOptions
        {
            Epochs = 50, Shuffle = false, EarlyStopping = new EarlyStopping(patience: 3),
            EpochEnded = report => afterEpoch[report.Epoch] = network.Parameters.ToArray(),
        };

        TrainingHistory history = Trainer.Train(network, training, new Sgd(0.02), options, validation);

        int best = Assert.NotNull(history.BestEpoch);
        Assert.True(history.StoppedEarly);
        Assert.Equal(best + 3, history.Count);
        Assert.StartsWith("early stopping: the validation loss has not improved for 3 epochs since epoch", history.StopReason);
        double bestLoss = history[best - 1].Validation!.Loss;
        Assert.All(history, report => Assert.True(report.Validation!.Loss >= bestLoss));
        Assert.Equal(afterEpoch[best], network.Parameters.ToArray());
        Assert.NotEqual(afterEpoch[history.Count], network.Parameters.ToArray());
    }

    [Fact]
    public void Without_RestoreBest_the_network_keeps_its_last_parameters()
    {
        (Dataset<double> training, Dataset<double> validation) = OpposedSets();
        var network = new LineNet();
        double[] last = [];
        var options = new TrainingOptions
        {
            Epochs = 50, Shuffle = false, EarlyStopping = new EarlyStopping(2) { RestoreBest = false },
            EpochEnded = _ => last = network.Parameters.ToArray(),
        };

        TrainingHistory history = Trainer.Train(network, training, new Sgd(0.02), options, validation);

        Assert.True(history.StoppedEarly);
        Assert.Equal(last, network.Parameters.ToArray());
    }

    [Fact]
    public void A_validation_loss_that_keeps_improving_never_stops_the_run()
    {
        Dataset<double> data = TrainingData.Line(16);

        TrainingHistory history = Trainer.Train(new LineNet(), data, new Sgd(0.02),
            new TrainingOptions { Epochs = 8, EarlyStopping = new EarlyStopping(2) }, validation: data);

        Assert.Equal(8, history.Count);
        Assert.False(history.StoppedEarly);
        Assert.Equal(8, history.BestEpoch);
    }

    [Fact]
    public void Early_stopping_needs_a_validation_set_and_accuracy_needs_a_classifier()
    {
        Dataset<double> data = TrainingData.Line(8);
        var noValidation = Assert.Throws<ArgumentException>(() => Trainer.Train(new LineNet(), data, new Sgd(),
            new TrainingOptions { EarlyStopping = new EarlyStopping(2) }));
        Assert.Equal("Early stopping watches the validation set: pass one (validation: ...). (Parameter 'validation')", noValidation.Message);

        var accuracy = Assert.Throws<ArgumentException>(() => Trainer.Train(new LineNet(), data, new Sgd(),
            new TrainingOptions { EarlyStopping = new EarlyStopping(2) { Metric = StoppingMetric.ValidationAccuracy } }, data));
        Assert.StartsWith("Early stopping on validation accuracy needs a classifier; this network's loss is MeanSquaredError", accuracy.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(1) { MinImprovement = -1 });
        // An undefined metric was watched as if it were the accuracy.
        var metric = Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(1) { Metric = (StoppingMetric)2 });
        Assert.StartsWith("Watch StoppingMetric.ValidationLoss or StoppingMetric.ValidationAccuracy.", metric.Message);
    }

    [Fact]
    public void StopWhen_ends_the_run_after_the_epoch_it_returns_true_for()
    {
        TrainingHistory history = Trainer.Train(new LineNet(), TrainingData.Line(8), new Sgd(0.01),
            new TrainingOptions { Epochs = 10, StopWhen = report => report.Epoch == 3 });

        Assert.Equal(3, history.Count);
        Assert.Equal("stopped by StopWhen after epoch 3", history.StopReason);
        Assert.Null(history.BestEpoch);
    }

    [Fact]
    public void Callbacks_see_every_batch_and_epoch_in_order_with_the_losses_the_reports_sum()
    {
        // 37 examples in batches of 8: four full batches and one of 5, per epoch.
        Dataset<double> data = TrainingData.ForTrainerNet(37);
        var batches = new List<BatchReport>();
        var epochs = new List<EpochReport>();
        var options = new TrainingOptions { Epochs = 2, BatchSize = 8, BatchEnded = batches.Add, EpochEnded = epochs.Add };

        TrainingHistory history = Trainer.Train(new TrainerNet(), data, new Adam(0.01), options);

        Assert.Equal<EpochReport>(epochs, history);
        Assert.Equal(
            [(1, 1, 8), (1, 2, 8), (1, 3, 8), (1, 4, 8), (1, 5, 5), (2, 1, 8), (2, 2, 8), (2, 3, 8), (2, 4, 8), (2, 5, 5)],
            batches.Select(b => (b.Epoch, b.Batch, b.Examples)));
        Assert.All(batches, b => Assert.Equal(5, b.Batches));
        for (int epoch = 1; epoch <= 2; epoch++)
        {
            double summed = batches.Where(b => b.Epoch == epoch).Sum(b => b.Loss * b.Examples) / 37;
            Near.AssertRelative(history[epoch - 1].TrainingLoss, summed, 1e-12, $"epoch {epoch}'s loss");
        }
    }

    [Fact]
    public void Cancelling_stops_before_the_next_step_and_keeps_the_steps_taken()
    {
        Dataset<double> data = TrainingData.ForTrainerNet(40);
        var options = new TrainingOptions { Epochs = 3, BatchSize = 4 };
        double[] atEpoch2Batch3 = [];
        var uninterrupted = new TrainerNet();
        Trainer.Train(uninterrupted, data, new Sgd(0.1, momentum: 0.9), options with
        {
            BatchEnded = b => { if ((b.Epoch, b.Batch) == (2, 3)) atEpoch2Batch3 = uninterrupted.Parameters.ToArray(); },
        });

        using var cancellation = new CancellationTokenSource();
        var cancelled = new TrainerNet();
        Assert.ThrowsAny<OperationCanceledException>(() => Trainer.Train(cancelled, data, new Sgd(0.1, momentum: 0.9),
            options with { BatchEnded = b => { if ((b.Epoch, b.Batch) == (2, 3)) cancellation.Cancel(); } },
            cancellationToken: cancellation.Token));

        Assert.Equal(atEpoch2Batch3, cancelled.Parameters.ToArray());
    }
}
