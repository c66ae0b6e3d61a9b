namespace CompiledNets.Training;

/// <summary>What one epoch of training did.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Epochs">Total epochs of the run.</param>
/// <param name="LearningRate">The learning rate used in this epoch.</param>
/// <param name="TrainingLoss">Mean loss over the epoch's examples, each measured just before its update.</param>
/// <param name="Training">Loss and accuracy on the whole training set after the epoch, when requested.</param>
/// <param name="Validation">Loss and accuracy on the validation set after the epoch, when one was given.</param>
/// <param name="ExamplesPerSecond">Training throughput of the epoch (evaluation excluded).</param>
/// <param name="Elapsed">
/// Time spent training in the epoch (evaluation excluded). In a run with no evaluation, progress, callback, early
/// stopping or checkpoint, epochs shorter than 10 microseconds are timed in groups, each reporting its group's mean:
/// reading the clock for each would take a sixth of an epoch of four small examples.
/// </param>
public sealed record EpochReport(
    int Epoch, int Epochs, double LearningRate, double TrainingLoss,
    Evaluation? Training, Evaluation? Validation, double ExamplesPerSecond, TimeSpan Elapsed)
{
    /// <summary>The report of a 0-based <paramref name="epoch"/> of <paramref name="examples"/> that took <paramref name="seconds"/>.</summary>
    internal static EpochReport Of(
        int epoch, int epochs, double rate, double lossSum, int examples, double seconds, Evaluation? training, Evaluation? validation)
        => new(epoch + 1, epochs, rate, lossSum / examples, training, validation,
            Trainer.PerSecond(examples, seconds), TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)));
}

/// <summary>Progress within an epoch, reported while training.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Epochs">Total epochs.</param>
/// <param name="ExamplesDone">Examples trained so far in this epoch.</param>
/// <param name="ExamplesTotal">Examples in an epoch.</param>
/// <param name="RunningLoss">Mean loss over the examples trained so far in this epoch.</param>
/// <param name="ExamplesPerSecond">Throughput so far in this epoch.</param>
/// <param name="Completed">The epoch's report, on the last report of an epoch; otherwise null.</param>
public sealed record TrainingProgress(
    int Epoch, int Epochs, int ExamplesDone, int ExamplesTotal, double RunningLoss, double ExamplesPerSecond, EpochReport? Completed);
