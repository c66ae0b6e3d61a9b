namespace CompiledNets.Training;

/// <summary>How <see cref="Sgd"/> trains: epochs, batch size, learning rate and its schedule, momentum, shuffling, threads.</summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training set. Default 10.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>
    /// Examples per update. 1 is per-sample SGD through the fused <c>TrainStep</c>; larger sizes sum the batch's
    /// gradient with <c>BackpropagateBatch</c> and step by learningRate times its mean. Default 1.
    /// </summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>The step size at the start of training. Default 0.01.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>How the learning rate changes over the epochs. Default constant.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>
    /// Classical momentum mu: v = mu * v + g, w -= learningRate * v. 0 (the default) is plain SGD, as in the tutorials.
    /// </summary>
    public double Momentum { get; init; }

    /// <summary>Visit the examples in a new random order each epoch. Default true.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Seed of the shuffling: the same seed (and thread count) gives the same training run.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Worker threads for mini-batches: the batch is split into this many parts, each part's gradient is computed on a
    /// copy of the network, and the parts are summed in a fixed order, so results depend on the seed and this number
    /// only. At most one thread per core (<see cref="Environment.ProcessorCount"/>) runs: beyond that, threads would
    /// only take turns on the cores, so the parts are computed in turn by the threads there are, and the results stay
    /// the same as on a machine with more cores. Default 1.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>Also evaluate accuracy and loss on the whole training set after each epoch. Default true.</summary>
    public bool EvaluateTrainingSet { get; init; } = true;

    /// <summary>Report progress within an epoch about this many times. Default 50.</summary>
    public int ProgressReportsPerEpoch { get; init; } = 50;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Threads);
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be a positive finite number.");
        if (!(Momentum >= 0 && Momentum < 1))
            throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "Momentum must be in [0, 1).");
        ArgumentNullException.ThrowIfNull(Schedule);
        ArgumentOutOfRangeException.ThrowIfNegative(ProgressReportsPerEpoch);
        if (Threads > 1 && BatchSize < Threads)
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, $"{Threads} threads need batches of at least {Threads} examples (BatchSize is {BatchSize}).");
    }
}
