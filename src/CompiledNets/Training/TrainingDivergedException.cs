namespace CompiledNets.Training;

/// <summary>
/// Training stopped because the loss or the parameters stopped being finite numbers (NaN or infinity): the network
/// diverged and its parameters are no longer usable. Reload saved weights or re-initialize before training again.
/// </summary>
public sealed class TrainingDivergedException : InvalidOperationException
{
    /// <summary>What the trainer found, where: <paramref name="what"/> is the non-finite value it saw.</summary>
    public TrainingDivergedException(int epoch, int batch, int batches, double learningRate, string what)
        : this(epoch, batch, batches, learningRate, what, advice: null)
    {
    }

    /// <summary>As the public constructor, with the optimizer's own <paramref name="advice"/> first, if it has any.</summary>
    internal TrainingDivergedException(int epoch, int batch, int batches, double learningRate, string what, string? advice)
        : base($"Training diverged in epoch {epoch}, batch {batch} of {batches}: {what}. The network's parameters are no longer " +
               "usable: reload saved weights or call InitializeParameters, then " +
               (advice is null ? "" : advice + "; if that is not it, ") +
               $"train with a smaller learning rate (this epoch's was {learningRate:R}), and check the data for NaN or infinite values.")
    {
        Epoch = epoch;
        Batch = batch;
    }

    /// <summary>The epoch (1-based) in which it happened.</summary>
    public int Epoch { get; }

    /// <summary>The batch (1-based) of that epoch; for a divergence found at the end of the epoch, the last batch.</summary>
    public int Batch { get; }
}
