using System.Diagnostics;
using CompiledNets.Data;
using CompiledNets.Training;

namespace CompiledNets.Tests.Training;

public sealed class TrainingReportTests
{
    [Fact]
    public void Each_epoch_reports_its_number_rate_falling_loss_and_throughput()
    {
        Dataset<double> data = TrainingData.Line(20);
        var network = new LineNet();
        var options = new TrainingOptions { Epochs = 6, Seed = 4, EvaluateTrainingSet = true };

        IReadOnlyList<EpochReport> reports = Trainer.Train(network, data, new Sgd(0.05), options);

        Assert.Equal(6, reports.Count);
        Assert.Equal([1, 2, 3, 4, 5, 6], reports.Select(r => r.Epoch));
        Assert.All(reports, r => Assert.Equal(6, r.Epochs));
        Assert.All(reports, r => Assert.Equal(0.05, r.LearningRate));
        Assert.All(reports, r => Assert.True(r.ExamplesPerSecond > 0 && !double.IsNaN(r.ExamplesPerSecond), $"{r.ExamplesPerSecond}"));
        Assert.All(reports, r => Assert.True(r.Elapsed > TimeSpan.Zero));
        Assert.All(reports, r => Assert.Null(r.Validation));
        for (int epoch = 1; epoch < 6; epoch++)
        {
            Assert.True(reports[epoch].TrainingLoss < reports[epoch - 1].TrainingLoss, $"training loss rose in epoch {epoch + 1}");
            Assert.True(reports[epoch].Training!.Loss < reports[epoch - 1].Training!.Loss, $"loss after epoch {epoch + 1} rose");
        }

        // The training-set evaluation is of the network as it is after the epoch.
        Evaluation last = reports[^1].Training!;
        Assert.Equal(Trainer.Evaluate(network, data), last with { Confusion = null });
        Assert.Equal(20, last.Count);
        Assert.Null(last.Accuracy);
        Assert.True(last.Loss < 0.1 * reports[0].TrainingLoss);
    }

    [Fact]
    public void Short_epochs_nothing_watches_are_timed_in_groups_yet_report_what_a_watched_run_reports()
    {
        // Four examples at batch 1: epochs of well under 10 us, which a run that nothing watches times in groups.
        Dataset<double> data = TrainingData.ForTrainerNet(4);
        var options = new TrainingOptions { Epochs = 300, BatchSize = 1, Seed = 6, Schedule = LearningRateSchedule.Step(15, 0.9) };
        var unwatched = new TrainerNet();
        var watched = new TrainerNet();
        Trainer.Train(new TrainerNet(), data, new Sgd(0.05), options); // compiles the code, so the call timed below is all epochs

        long before = Stopwatch.GetTimestamp();
        TrainingHistory grouped = Trainer.Train(unwatched, data, new Sgd(0.05), options);
        TimeSpan wholeRun = Stopwatch.GetElapsedTime(before);
        var seen = new List<EpochReport>();
        TrainingHistory alone = Trainer.Train(watched, data, new Sgd(0.05), options with { EpochEnded = seen.Add });

        Assert.Equal(watched.Parameters.ToArray(), unwatched.Parameters.ToArray());
        Assert.Equal(alone, seen);
        Assert.Equal(alone.Select(r => (r.Epoch, r.Epochs, r.LearningRate, r.TrainingLoss)),
            grouped.Select(r => (r.Epoch, r.Epochs, r.LearningRate, r.TrainingLoss)));
        Assert.Equal(Enumerable.Range(1, 300), grouped.Select(r => r.Epoch));
        Assert.Equal(20, grouped.Select(r => r.LearningRate).Distinct().Count()); // the rate steps down every 15 epochs, within groups too
        Assert.All(grouped, r => Assert.True(r.Elapsed > TimeSpan.Zero, $"epoch {r.Epoch}: {r.Elapsed}"));
        // Throughput from the clock's own resolution, Elapsed rounded to 100 ns ticks (half a tick, and a hair for the
        // division's rounding).
        Assert.All(grouped, r => Assert.InRange(4 / r.ExamplesPerSecond - r.Elapsed.TotalSeconds, -0.501e-7, 0.501e-7));
        // The groups share out the time between the clock's readings: together no more than the whole call took (a group's
        // time given to each of its epochs would add up to several times as much).
        TimeSpan summed = TimeSpan.FromTicks(grouped.Sum(r => r.Elapsed.Ticks));
        Assert.True(summed <= wholeRun + TimeSpan.FromTicks(300), $"epochs {summed}, the whole call {wholeRun}");
    }

    [Fact]
    public void A_run_nothing_watches_keeps_three_numbers_per_epoch_not_a_report_object()
    {
        // A report object per epoch (72 bytes, and the list's growth) kept to the end of a run of short epochs cost
        // about as much time in garbage collection as the epochs themselves; the figures alone are 24 bytes.
        Dataset<double> data = TrainingData.ForTrainerNet(4);
        var network = new TrainerNet();
        TrainingOptions Run(int epochs) => new() { Epochs = epochs, BatchSize = 1 };
        Trainer.Train(network, data, new Sgd(0.01), Run(10)); // compiles the code first

        long before = GC.GetAllocatedBytesForCurrentThread();
        Trainer.Train(network, data, new Sgd(0.01), Run(1_000));
        long shortRun = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        TrainingHistory history = Trainer.Train(network, data, new Sgd(0.01), Run(21_000));
        long longRun = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange((longRun - shortRun) / 20_000.0, 24, 25); // the chunks' headers are all the rest
        // Read back, the figures make the reports a watched run would have handed out.
        Assert.Equal(21_000, history.Count);
        Assert.Equal(Enumerable.Range(1, 21_000), history.Select(r => r.Epoch));
        Assert.All(history, r => Assert.Equal((21_000, 0.01), (r.Epochs, r.LearningRate)));
        Assert.All(history, r => Assert.True(double.IsFinite(r.TrainingLoss) && r.ExamplesPerSecond > 0));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_history_refuses_an_index_outside_its_epochs_as_a_list_does(bool watched)
    {
        // A run that nothing watches makes each report when it is read: past the last epoch there is none to make.
        var options = new TrainingOptions { Epochs = 3, BatchSize = 1, EpochEnded = watched ? _ => { } : null };

        TrainingHistory history = Trainer.Train(new TrainerNet(), TrainingData.ForTrainerNet(4), new Sgd(0.01), options);

        Assert.Equal(3, history.Count);
        Assert.Equal(3, history[2].Epoch);
        Assert.Throws<ArgumentOutOfRangeException>(() => history[3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => history[-1]);
    }

    [Fact]
    public void A_run_of_int_MaxValue_epochs_that_nothing_watches_runs_until_its_token_stops_it()
    {
        // The figures grow with the epochs run: storage sized for Epochs up front (51 GB here) would fail at once.
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var options = new TrainingOptions { Epochs = int.MaxValue, BatchSize = 1 };

        Assert.Throws<OperationCanceledException>(() =>
            Trainer.Train(new TrainerNet(), TrainingData.ForTrainerNet(4), new Sgd(0.01), options, cancellationToken: cancellation.Token));
    }

    [Fact]
    public void Validation_is_evaluated_after_each_epoch_and_the_training_set_only_when_asked()
    {
        Dataset<double> data = TrainingData.Line(20);
        Dataset<double> validation = TrainingData.Line(5);
        var network = new LineNet();

        IReadOnlyList<EpochReport> reports = Trainer.Train(network, data, new Sgd(0.05), new TrainingOptions { Epochs = 2 }, validation);

        Assert.All(reports, r => Assert.Null(r.Training));
        Assert.All(reports, r => Assert.Equal(5, r.Validation!.Count));
        Assert.Equal(Trainer.Evaluate(network, validation), reports[^1].Validation);
    }

    [Fact]
    public void Progress_reports_within_each_epoch_and_completes_it_with_the_epochs_report()
    {
        Dataset<double> data = TrainingData.Line(100);
        var progress = new RecordingProgress<TrainingProgress>();

        IReadOnlyList<EpochReport> reports = Trainer.Train(new LineNet(), data, new Sgd(0.01),
            new TrainingOptions { Epochs = 3, ProgressReportsPerEpoch = 10 }, progress: progress);

        Assert.Equal(30, progress.Reports.Count);
        for (int epoch = 1; epoch <= 3; epoch++)
        {
            List<TrainingProgress> ofEpoch = progress.Reports.Where(p => p.Epoch == epoch).ToList();
            Assert.Equal(10, ofEpoch.Count);
            Assert.All(ofEpoch, p => Assert.Equal((3, 100), (p.Epochs, p.ExamplesTotal)));
            Assert.Equal([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], ofEpoch.Select(p => p.ExamplesDone));
            Assert.All(ofEpoch.SkipLast(1), p => Assert.Null(p.Completed));
            Assert.All(ofEpoch, p => Assert.True(double.IsFinite(p.ExamplesPerSecond) && p.ExamplesPerSecond > 0 && p.RunningLoss >= 0, $"{p.ExamplesPerSecond}"));
            TrainingProgress lastOfEpoch = ofEpoch[^1];
            Assert.Same(reports[epoch - 1], lastOfEpoch.Completed);
            Assert.Equal(reports[epoch - 1].TrainingLoss, lastOfEpoch.RunningLoss);
        }

        // Epochs come in order: each epoch's reports are contiguous.
        Assert.Equal(progress.Reports.Select(p => p.Epoch).Order(), progress.Reports.Select(p => p.Epoch));
    }

    [Fact]
    public void Progress_with_mini_batches_reports_at_batch_ends_and_still_completes_every_epoch()
    {
        Dataset<double> data = TrainingData.ForTrainerNet(37);
        var progress = new RecordingProgress<TrainingProgress>();

        IReadOnlyList<EpochReport> reports = Trainer.Train(new TrainerNet(), data, new Sgd(0.1),
            new TrainingOptions { Epochs = 2, BatchSize = 8, ProgressReportsPerEpoch = 4 }, progress: progress);

        for (int epoch = 1; epoch <= 2; epoch++)
        {
            List<TrainingProgress> ofEpoch = progress.Reports.Where(p => p.Epoch == epoch).ToList();
            Assert.All(ofEpoch.SkipLast(1), p => Assert.True(p.ExamplesDone % 8 == 0 && p.ExamplesDone < 37 && p.Completed is null));
            Assert.Equal(37, ofEpoch[^1].ExamplesDone);
            Assert.Same(reports[epoch - 1], ofEpoch[^1].Completed);
        }
    }
}
