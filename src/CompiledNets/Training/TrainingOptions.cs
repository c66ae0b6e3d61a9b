namespace CompiledNets.Training;

/// <summary>
/// How <see cref="Trainer.Train"/> loops: epochs, batch size, the learning-rate schedule, shuffling, threads, what is
/// evaluated. How each step moves the parameters (learning rate, momentum, Adam's betas) is the optimizer's.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training set. Default 10.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>
    /// Examples per update. Larger sizes sum the batch's gradient with <c>BackpropagateBatch</c> and give the
    /// optimizer its mean. At 1, plain <see cref="Sgd"/> runs the network's fused <c>TrainStep</c>. Default 1.
    /// </summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>
    /// How the optimizer's learning rate changes over the epochs: epoch e steps at
    /// <c>Schedule.RateFor(optimizer.LearningRate, e, Epochs)</c>. Default constant.
    /// </summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>Visit the examples in a new random order each epoch. Default true.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Seed of the shuffling: the same seed (and thread count) gives the same training run.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Threads for mini-batch steps, at most one per core (<see cref="Environment.ProcessorCount"/>). Default 1.
    /// <list type="bullet">
    /// <item>A network of dense layers shares each step by neurons: every thread computes the large products and the
    /// optimizer's update for its own block of neurons, over the whole batch. The results are the same bits as on one
    /// thread, whatever the thread count and the machine.</item>
    /// <item>A network with convolution or pooling layers splits each batch into this many parts by examples: each
    /// part's gradient is computed on a copy of the network, and the parts are summed in a fixed order, so results depend
    /// on the seed and this number only. Beyond one thread per core, the parts are computed in turn by the threads
    /// there are, with the same results as on a machine with more cores.</item>
    /// </list>
    /// What two threads gain depends on the network and the batch size (README, Performance): measure yours. The
    /// helper threads ("CompiledNets helper") outlive the call: they wait, blocked, for the next call's work, at most one
    /// per core, since starting a thread costs more than a short call's training.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// Changes each training example's input afresh every epoch, for example <c>new RandomShift(2, 1, 28, 28)</c>;
    /// the data set itself is not changed, and the running loss is over the changed inputs. Default: none.
    /// </summary>
    public Augmentation? Augmentation { get; init; }

    /// <summary>
    /// Also evaluate loss and accuracy on the whole training set after each epoch: a second pass over the data.
    /// Default false: each report carries the running loss, the mean of the losses the epoch's examples had just
    /// before their updates.
    /// </summary>
    public bool EvaluateTrainingSet { get; init; }

    /// <summary>Report progress within an epoch about this many times. Default 50.</summary>
    public int ProgressReportsPerEpoch { get; init; } = 50;

    /// <summary>Stop when the validation metric stops improving (needs a validation set). Default: none.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>
    /// Called after every step, on the training thread, in order, before the next step: keep it short. The report is
    /// a struct, so a callback that allocates nothing keeps the step allocation-free. It may change the network's
    /// parameters (a constraint on the weights, say), and so may <see cref="EpochEnded"/>: the next step trains from
    /// the changed values on every thread.
    /// </summary>
    public Action<BatchReport>? BatchEnded { get; init; }

    /// <summary>Called after every epoch's report (validation included), on the training thread, in order, before the next epoch.</summary>
    public Action<EpochReport>? EpochEnded { get; init; }

    /// <summary>Called after every epoch's report (after <see cref="EpochEnded"/>): return true to stop training there.</summary>
    public Func<EpochReport, bool>? StopWhen { get; init; }

    /// <summary>
    /// A file to keep the run's state in, so that an interrupted run (a crash, a cancellation, a stopped machine) can
    /// continue. After every epoch the parameters, the optimizer's state, the epochs done and early stopping's
    /// progress are saved there atomically. If the file exists when training starts, the run resumes from it,
    /// after checking that it was saved by the same network, optimizer settings, data size and options; the result
    /// is then bit for bit what the uninterrupted run would have given. <see cref="Epochs"/> alone may change when the
    /// schedule does not depend on the run's length (Constant, Step): the resumed run then ends where an uninterrupted
    /// run of the new length would. When the run ends normally (all epochs, early stopping or <see cref="StopWhen"/>),
    /// the file is deleted. A path in a folder that does not exist or takes no new files, a path that is a folder, or
    /// a read-only file, is refused before the first epoch. Default: none.
    /// </summary>
    public string? CheckpointPath { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Threads);
        ArgumentNullException.ThrowIfNull(Schedule);
        ArgumentOutOfRangeException.ThrowIfNegative(ProgressReportsPerEpoch);
        if (Threads > 1 && BatchSize < Threads)
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, $"{Threads} threads need batches of at least {Threads} examples (BatchSize is {BatchSize}).");
    }
}
