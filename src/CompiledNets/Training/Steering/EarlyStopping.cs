namespace CompiledNets.Training;

/// <summary>What early stopping watches, on the validation set after each epoch.</summary>
public enum StoppingMetric
{
    /// <summary>The mean validation loss: lower is better.</summary>
    ValidationLoss,

    /// <summary>The validation accuracy (classification only): higher is better.</summary>
    ValidationAccuracy,
}

/// <summary>
/// Stops training once the validation metric has not improved for <see cref="Patience"/> epochs in a row, and (by
/// default) puts back the parameters of the best epoch. Needs a validation set. Set on
/// <see cref="TrainingOptions.EarlyStopping"/>.
/// </summary>
public sealed record EarlyStopping
{
    /// <summary>Stop after <paramref name="patience"/> epochs in a row without improvement.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="patience"/> is below 1.</exception>
    public EarlyStopping(int patience)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(patience);
        Patience = patience;
    }

    /// <summary>Epochs in a row without improvement after which training stops.</summary>
    public int Patience { get; }

    /// <summary>What is watched. Default: the validation loss.</summary>
    public StoppingMetric Metric
    {
        get;
        init => field = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Metric), value, "Watch StoppingMetric.ValidationLoss or StoppingMetric.ValidationAccuracy.");
    } = StoppingMetric.ValidationLoss;

    /// <summary>An epoch improves on the best only by more than this (in the metric's units). Default 0.</summary>
    public double MinImprovement
    {
        get;
        init => field = value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MinImprovement), value, "The smallest improvement must be a finite number, 0 or more.");
    }

    /// <summary>At the end of training, put back the parameters of the best epoch. Default true.</summary>
    public bool RestoreBest { get; init; } = true;

    /// <summary>Every setting, in the invariant culture.</summary>
    public override string ToString()
        => FormattableString.Invariant($"EarlyStopping(Patience = {Patience}, Metric = {Metric}, MinImprovement = {MinImprovement:R}, RestoreBest = {RestoreBest})");
}
