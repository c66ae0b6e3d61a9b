using System.Numerics;
using CompiledNets.Reporting;

namespace CompiledNets.Training;

/// <summary>The state of early stopping during a run: the best metric so far, when it was reached, and its parameters.</summary>
internal sealed class EarlyStoppingTracker<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly EarlyStopping _settings;

    public EarlyStoppingTracker(EarlyStopping settings, int parameterCount)
    {
        _settings = settings;
        BestParameters = settings.RestoreBest ? new T[parameterCount] : null;
    }

    /// <summary>The best value of the metric so far; NaN before the first epoch with a finite one.</summary>
    public double Best { get; set; } = double.NaN;

    /// <summary>The 1-based epoch of <see cref="Best"/>; 0 before it.</summary>
    public int BestEpoch { get; set; }

    /// <summary>Epochs since <see cref="BestEpoch"/> (or since the start) without improvement.</summary>
    public int EpochsWithoutImprovement { get; set; }

    /// <summary>The parameters after <see cref="BestEpoch"/>, when they are to be restored.</summary>
    public T[]? BestParameters { get; }

    /// <summary>Takes an epoch's report; returns why training should stop now, or null.</summary>
    public string? Observe(EpochReport report, ReadOnlySpan<T> parameters)
    {
        Evaluation validation = report.Validation!;
        bool lowerIsBetter = _settings.Metric == StoppingMetric.ValidationLoss;
        double value = lowerIsBetter ? validation.Loss : validation.Accuracy ?? double.NaN;
        bool improved = double.IsFinite(value) && (double.IsNaN(Best)
            || (lowerIsBetter ? value < Best - _settings.MinImprovement : value > Best + _settings.MinImprovement));
        if (improved)
        {
            Best = value;
            BestEpoch = report.Epoch;
            EpochsWithoutImprovement = 0;
            if (BestParameters is not null)
                parameters.CopyTo(BestParameters);
            return null;
        }

        EpochsWithoutImprovement++;
        if (EpochsWithoutImprovement < _settings.Patience)
            return null;
        string metric = lowerIsBetter ? "validation loss" : "validation accuracy";
        return BestEpoch == 0
            ? $"early stopping: the {metric} was not finite for {Counted.Of(EpochsWithoutImprovement, "epoch")}"
            : $"early stopping: the {metric} has not improved for {Counted.Of(EpochsWithoutImprovement, "epoch")} since epoch {BestEpoch} ({Best:R})";
    }

    /// <summary>Puts back the best epoch's parameters, if asked to and there was one.</summary>
    public void RestoreBest(Span<T> parameters)
    {
        if (BestParameters is not null && BestEpoch > 0)
            BestParameters.CopyTo(parameters);
    }
}
