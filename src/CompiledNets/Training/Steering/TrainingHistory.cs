using System.Collections;

namespace CompiledNets.Training;

/// <summary>
/// The reports of the epochs one <see cref="Trainer.Train"/> call ran, in order, and how the run ended. A run resumed
/// from a checkpoint reports the epochs it ran itself, numbered from where the checkpoint left off.
/// </summary>
public sealed class TrainingHistory : IReadOnlyList<EpochReport>
{
    // A watched run keeps the reports it handed out. A run that nothing watched keeps only each epoch's figures and
    // makes a report when one is read: an object per epoch, kept to the end of the run, cost a tutorial's epoch of
    // four examples about as much as the epoch itself in garbage collection (a 100,000-epoch run kept 9 MB of them).
    private readonly IReadOnlyList<EpochReport> _epochs;

    internal TrainingHistory(List<EpochReport> epochs, string? stopReason, int? bestEpoch)
    {
        _epochs = epochs;
        StopReason = stopReason;
        BestEpoch = bestEpoch;
    }

    internal TrainingHistory(UnwatchedEpochs epochs)
        => _epochs = epochs;

    /// <summary>Why training stopped before its last epoch (early stopping, or <see cref="TrainingOptions.StopWhen"/>); null if it ran them all.</summary>
    public string? StopReason { get; }

    /// <summary>True when training stopped before its last epoch.</summary>
    public bool StoppedEarly => StopReason is not null;

    /// <summary>
    /// With <see cref="TrainingOptions.EarlyStopping"/>: the epoch with the best validation metric (whose parameters
    /// the network has, if <see cref="EarlyStopping.RestoreBest"/>). Null without early stopping, or if no epoch had a finite metric.
    /// </summary>
    public int? BestEpoch { get; }

    /// <inheritdoc/>
    public EpochReport this[int index] => _epochs[index];

    /// <inheritdoc/>
    public int Count => _epochs.Count;

    /// <inheritdoc/>
    public IEnumerator<EpochReport> GetEnumerator() => _epochs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
