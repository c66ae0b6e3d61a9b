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
    public void A_validation_loss_that_stays_exactly_the_same_is_not_an_improvement()
    {
        // Targets equal to the fresh network's own predictions: every gradient is exactly 0, so the parameters never
        // move and the validation loss is the same number every epoch. A plateau must use up the patience; counting an
        // equal loss as an improvement would train a stuck network for every epoch asked.
        (_, Dataset<double> validation) = OpposedSets();
        var network = new LineNet();
        double[] x = Enumerable.Range(0, 8).Select(i => i / 4.0 - 1).ToArray();
        double[] predictions = x.Select(value => Predict(network, value)).ToArray();
        var fitted = new Dataset<double>(x, 1, predictions, 1);

        TrainingHistory history = Trainer.Train(network, fitted, new Sgd(0.1),
            new TrainingOptions { Epochs = 20, EarlyStopping = new EarlyStopping(patience: 2) }, validation);

        Assert.Equal(3, history.Count);
        Assert.Equal(1, history.BestEpoch);
        Assert.All(history, report => Assert.Equal(history[0].Validation!.Loss, report.Validation!.Loss));
        Assert.StartsWith("early stopping: the validation loss has not improved for 2 epochs since epoch 1", history.StopReason);
    }

    [Fact]
    public void A_patience_of_one_stops_after_one_epoch_without_improvement_and_says_so_in_the_singular()
    {
        (_, Dataset<double> validation) = OpposedSets();
        var network = new LineNet();
        double[] x = Enumerable.Range(0, 8).Select(i => i / 4.0 - 1).ToArray();
        var fitted = new Dataset<double>(x, 1, x.Select(value => Predict(network, value)).ToArray(), 1);

        TrainingHistory history = Trainer.Train(network, fitted, new Sgd(0.1),
            new TrainingOptions { Epochs = 20, EarlyStopping = new EarlyStopping(patience: 1) }, validation);

        Assert.Equal(2, history.Count);
        Assert.StartsWith("early stopping: the validation loss has not improved for 1 epoch since epoch 1 (", history.StopReason);
    }

    [Fact]
    public void A_smaller_loss_improvement_than_MinImprovement_does_not_count()
    {
        // The loss of y = 2x + 1 falls every epoch, by less and less. With MinImprovement between the first epochs'
        // gains and the later ones', the best epoch is the last one that gained more than it, patience epochs before the end.
        Dataset<double> data = TrainingData.Line(16);
        double[] losses = ValidationCurve(new LineNet(), data, StoppingMetric.ValidationLoss, epochs: 40);
        double[] gains = losses.Skip(1).Zip(losses, (loss, previous) => previous - loss).ToArray();
        Assert.All(gains, gain => Assert.True(gain > 0, "the loss falls every epoch"));
        double minImprovement = (gains.Max() + gains.Min()) / 2;

        TrainingHistory history = Trainer.Train(new LineNet(), data, new Sgd(0.02),
            new TrainingOptions { Epochs = 40, EarlyStopping = new EarlyStopping(3) { MinImprovement = minImprovement } }, validation: data);

        (int bestEpoch, int epochsRun) = ExpectedStop(losses, lowerIsBetter: true, minImprovement, patience: 3);
        Assert.True(epochsRun < 40, "the rule stops the run before its end");
        Assert.Equal(bestEpoch, history.BestEpoch);
        Assert.Equal(epochsRun, history.Count);
    }

    [Fact]
    public void A_smaller_accuracy_gain_than_MinImprovement_does_not_count_and_an_equal_accuracy_never_does()
    {
        // Twelve points, class 1 from x = 1.5 on: the boundary moves across them one at a time, so the accuracy rises in
        // steps of 1/12 and stays level for epochs in between. With MinImprovement 0.1 a gain of one point (0.083) does
        // not count and a gain of two does; with 0, one point counts and a level accuracy does not.
        double[] inputs = Enumerable.Range(0, 12).Select(i => i / 2.0 - 3).ToArray();
        int[] labels = inputs.Select(x => x > 1.25 ? 1 : 0).ToArray();
        var data = new Dataset<double>(inputs, 1, labels.Select(label => (double)label).ToArray(), 1, labels);
        double[] accuracies = ValidationCurve(new BinaryClassifierNet(), data, StoppingMetric.ValidationAccuracy, epochs: 40, learningRate: 0.05);
        Assert.True(ExpectedStop(accuracies, lowerIsBetter: false, 0.1, patience: 4) != ExpectedStop(accuracies, lowerIsBetter: false, 0, patience: 4),
            "the curve has a gain that MinImprovement 0.1 ignores: " + string.Join(", ", accuracies.Select(a => (a * 12).ToString("F0"))));

        foreach (double minImprovement in (double[])[0, 0.1])
        {
            var options = new TrainingOptions
            {
                Epochs = 40, EarlyStopping = new EarlyStopping(4) { Metric = StoppingMetric.ValidationAccuracy, MinImprovement = minImprovement },
            };
            TrainingHistory history = Trainer.Train(new BinaryClassifierNet(), data, new Sgd(0.05), options, validation: data);

            (int bestEpoch, int epochsRun) = ExpectedStop(accuracies, lowerIsBetter: false, minImprovement, patience: 4);
            Assert.True(epochsRun < 40, "the rule stops the run before its end");
            Assert.Equal(bestEpoch, history.BestEpoch);
            Assert.Equal(epochsRun, history.Count);
        }
    }

    /// <summary>The validation metric after each epoch of a run with no early stopping (shuffled, as the stopped run is).</summary>
    private static double[] ValidationCurve<TNet>(TNet network, Dataset<double> data, StoppingMetric metric, int epochs, double learningRate = 0.02)
        where TNet : class, INeuralNetwork<TNet, double>
    {
        TrainingHistory history = Trainer.Train(network, data, new Sgd(learningRate), new TrainingOptions { Epochs = epochs }, validation: data);
        return history.Select(report => metric == StoppingMetric.ValidationLoss ? report.Validation!.Loss : report.Validation!.Accuracy!.Value).ToArray();
    }

    /// <summary>
    /// Early stopping's rule, applied to a whole curve: an epoch improves when it beats the best so far by more than
    /// <paramref name="minImprovement"/>; the run stops after <paramref name="patience"/> epochs in a row that do not.
    /// </summary>
    private static (int BestEpoch, int EpochsRun) ExpectedStop(double[] values, bool lowerIsBetter, double minImprovement, int patience)
    {
        int bestEpoch = 1, without = 0;
        for (int epoch = 2; epoch <= values.Length; epoch++)
        {
            double gain = lowerIsBetter ? values[bestEpoch - 1] - values[epoch - 1] : values[epoch - 1] - values[bestEpoch - 1];
            if (gain > minImprovement)
            {
                (bestEpoch, without) = (epoch, 0);
            }
            else if (++without == patience)
            {
                return (bestEpoch, epoch);
            }
        }

        return (bestEpoch, values.Length);
    }

    private static double Predict(LineNet network, double x)
    {
        double[] output = new double[1];
        network.Predict([x], output);
        return output[0];
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
    public void A_batch_size_of_int_MaxValue_is_one_batch_of_the_whole_set()
    {
        // Full-batch gradient descent. The count of batches was computed in int, wrapped to 0, and the reports read
        // "batch 1 of 0".
        Dataset<double> data = TrainingData.ForTrainerNet(37);
        var batches = new List<BatchReport>();
        var options = new TrainingOptions { Epochs = 2, BatchSize = int.MaxValue, BatchEnded = batches.Add };

        Trainer.Train(new TrainerNet(), data, new Sgd(0.1), options);

        Assert.Equal([(1, 1, 1, 37), (2, 1, 1, 37)], batches.Select(b => (b.Epoch, b.Batch, b.Batches, b.Examples)));
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
