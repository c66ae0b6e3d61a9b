using System.Diagnostics;
using System.Numerics;
using CompiledNets.Data;
using CompiledNets.Numerics;
using CompiledNets.Persistence;

namespace CompiledNets.Training;

/// <summary>
/// Trains and evaluates any generated network: epochs of per-example or mini-batch steps by an
/// <see cref="Optimizer"/>, with a learning-rate schedule and data-parallel workers. Generic over the network, so
/// every call into it is direct: no reflection, no virtual call per weight.
/// </summary>
public static class Trainer
{
    /// <summary>Trains <paramref name="network"/> in place; returns one report per epoch.</summary>
    /// <param name="network">The network to train.</param>
    /// <param name="training">The examples to learn from.</param>
    /// <param name="optimizer">How each step moves the parameters, e.g. <c>new Sgd(0.05, momentum: 0.9)</c> or
    /// <c>new Adam()</c>. It keeps its state after the run, so a second call with the same network continues where this
    /// one stopped; with another network it throws <see cref="ArgumentException"/> unless <see cref="Optimizer.Reset"/>
    /// was called: the state belongs to the first.</param>
    /// <param name="options">Epochs, batch size, schedule, early stopping, callbacks, checkpoint; null for the defaults.</param>
    /// <param name="validation">Optional held-out examples, evaluated after each epoch.</param>
    /// <param name="progress">
    /// Called synchronously on the training thread, in order, within and at the end of each epoch. (A
    /// <see cref="Progress{T}"/> instead posts each report to the thread pool or the UI thread, so in a console app
    /// reports can arrive out of order and after this method returns; implement <see cref="IProgress{T}"/> yourself,
    /// or use <see cref="TrainingOptions.EpochEnded"/>, for ordered reports.)
    /// </param>
    /// <param name="cancellationToken">Checked before every step; when cancelled, the call throws
    /// <see cref="OperationCanceledException"/> and the network keeps the parameters of the last step taken (a
    /// checkpoint, if any, keeps the last whole epoch).</param>
    public static TrainingHistory Train<TNet, T>(
        TNet network, Dataset<T> training, Optimizer optimizer, TrainingOptions? options = null,
        Dataset<T>? validation = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(optimizer);
        options ??= new TrainingOptions();
        options.Validate();
        CheckSizesAndLabels<TNet, T>(training, nameof(training));
        if (validation is not null)
            CheckSizesAndLabels<TNet, T>(validation, nameof(validation));
        if (training.Count == 0)
            throw new ArgumentException("The training set is empty.", nameof(training));
        if (validation is { Count: 0 })
            throw new ArgumentException("The validation set is empty: pass null for no validation.", nameof(validation));
        CheckEarlyStopping<TNet, T>(options.EarlyStopping, validation);
        options.Augmentation?.CheckInputSize(TNet.InputSize);

        CheckValues<TNet, T>(training, nameof(training));
        if (validation is not null)
            CheckValues<TNet, T>(validation, nameof(validation));

        if (options.CheckpointPath is not null)
            AtomicFile.CheckWritableAhead(options.CheckpointPath); // now, not after the first epoch's work

        EarlyStoppingTracker<T>? stopping = options.EarlyStopping is { } settings ? new(settings, TNet.ParameterCount) : null;
        Dictionary<string, string>? identity = options.CheckpointPath is null
            ? null
            : TrainingCheckpoint<T>.Identity(TNet.Architecture, optimizer, training.Count, options);
        int firstEpoch = options.CheckpointPath is { } path && File.Exists(path)
            ? Resume(network, optimizer, stopping,
                TrainingCheckpoint<T>.Load(path, identity!, TNet.ParameterCount, optimizer.StateBuffers * TNet.ParameterCount, options))
            : 0;
        optimizer.ClaimFor(network); // after a resume, whose state replaced any other

        // The built-in schedules are monotonic, so a rate out of range shows at the first or the last epoch: refuse it
        // now rather than after the epochs before it (Step(1, 1e23) over 3 float epochs trained two, then threw).
        if (firstEpoch < options.Epochs)
        {
            EpochRate<T>(options, optimizer, firstEpoch, out _);
            EpochRate<T>(options, optimizer, options.Epochs - 1, out _);
        }

        using var run = new TrainingRun<TNet, T>(network, training, optimizer, options);
        run.SkipEpochs(firstEpoch);
        // Whether anything reads a report, or runs between epochs, before the run ends.
        bool watched = options.EvaluateTrainingSet || validation is not null || progress is not null || stopping is not null
            || options.EpochEnded is not null || options.StopWhen is not null || identity is not null;
        if (!watched)
        {
            var epochs = new UnwatchedEpochs(firstEpoch, options.Epochs, training.Count);
            RunUnwatchedEpochs(run, optimizer, options, firstEpoch, epochs, cancellationToken);
            return new TrainingHistory(epochs);
        }

        var history = new List<EpochReport>(Math.Min(options.Epochs - firstEpoch, 1024));
        string? stopReason = null;
        for (int epoch = firstEpoch; epoch < options.Epochs && stopReason is null; epoch++)
        {
            T networkRate = EpochRate<T>(options, optimizer, epoch, out double rate);
            long started = Stopwatch.GetTimestamp(); // no Stopwatch object: an epoch of a tiny data set is a few steps
            double lossSum = run.RunEpoch(epoch, networkRate, progress, started, cancellationToken);
            double seconds = SecondsBetween(started, Stopwatch.GetTimestamp());

            // Both sets were checked before the first epoch: evaluate without checking them again every epoch.
            Evaluation? trainingResult = options.EvaluateTrainingSet ? Evaluator.Run(network, training, options.Threads) : null;
            Evaluation? validationResult = validation is null ? null : Evaluator.Run(network, validation, options.Threads);
            EpochReport report = EpochReport.Of(epoch, options.Epochs, rate, lossSum, training.Count, seconds, trainingResult, validationResult);
            history.Add(report);
            stopReason = stopping?.Observe(report, network.Parameters);
            progress?.Report(new TrainingProgress(epoch + 1, options.Epochs, training.Count, training.Count,
                report.TrainingLoss, report.ExamplesPerSecond, report));
            options.EpochEnded?.Invoke(report);
            if (stopReason is null && options.StopWhen?.Invoke(report) == true)
                stopReason = $"stopped by StopWhen after epoch {epoch + 1}";
            if (identity is not null && stopReason is null && epoch + 1 < options.Epochs)
                TrainingCheckpoint<T>.Capture(identity, epoch + 1, network.Parameters, optimizer, stopping).Save(options.CheckpointPath!);
        }

        stopping?.RestoreBest(network.Parameters);
        if (options.CheckpointPath is not null)
            File.Delete(options.CheckpointPath); // the run is over: the next run with this path starts afresh
        return new TrainingHistory(history, stopReason, stopping is { BestEpoch: > 0 } ? stopping.BestEpoch : null);
    }

    /// <summary>
    /// Epochs shorter than this (10 us), in a run that nothing watches, are timed in groups
    /// (<see cref="RunUnwatchedEpochs"/>): reading the clock then costs under half a percent of the time it measures.
    /// </summary>
    private const double ShortestTimedSeconds = 10e-6;

    /// <summary>
    /// The epochs of a run that nothing watches (no evaluation, progress, callback, early stopping or checkpoint), so
    /// that no report is read before the run ends. Reading the clock costs 25-40 ns (measured on a 2-core AMD EPYC
    /// guest, whose clock is kvm-clock), a sixth of an epoch of the tutorial's four examples at batch 1. So a group of
    /// epochs shorter than <see cref="ShortestTimedSeconds"/> is followed by one twice as large, and each epoch of a
    /// group reports the group's mean time; an epoch that long or longer is timed alone, as in a watched run.
    /// </summary>
    private static void RunUnwatchedEpochs<TNet, T>(
        TrainingRun<TNet, T> run, Optimizer optimizer, TrainingOptions options, int firstEpoch, UnwatchedEpochs epochs,
        CancellationToken cancellationToken)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int LargestGroup = 1024;
        int groupSize = 1, firstOfGroup = firstEpoch;
        long started = Stopwatch.GetTimestamp();
        for (int epoch = firstEpoch; epoch < options.Epochs; epoch++)
        {
            T networkRate = EpochRate<T>(options, optimizer, epoch, out double rate);
            epochs.Ran(epoch, rate, run.RunEpoch(epoch, networkRate, progress: null, started, cancellationToken));
            int inGroup = epoch + 1 - firstOfGroup;
            if (inGroup < groupSize && epoch + 1 < options.Epochs)
                continue;

            long ended = Stopwatch.GetTimestamp();
            double seconds = SecondsBetween(started, ended);
            epochs.Timed(firstOfGroup, epoch, seconds / inGroup);
            if (seconds < ShortestTimedSeconds)
                groupSize = Math.Min(2 * groupSize, LargestGroup);
            firstOfGroup = epoch + 1;
            started = ended;
        }
    }

    /// <summary>
    /// The seconds between two <see cref="Stopwatch.GetTimestamp"/> readings, at the clock's own resolution: not
    /// rounded down to <see cref="TimeSpan"/>'s 100 ns ticks, 40% of an epoch of the tutorial's four examples.
    /// </summary>
    internal static double SecondsBetween(long started, long ended) => (ended - started) / (double)Stopwatch.Frequency;

    /// <summary>Examples per second; a time too short to measure counts as a nanosecond, not as zero.</summary>
    internal static double PerSecond(int examples, double seconds) => examples / Math.Max(seconds, 1e-9);

    /// <summary>The schedule's rate for <paramref name="epoch"/> in the network's precision; throws unless finite and not negative.</summary>
    private static T EpochRate<T>(TrainingOptions options, Optimizer optimizer, int epoch, out double rate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        rate = options.Schedule.RateFor(optimizer.LearningRate, epoch, options.Epochs);
        T networkRate = T.CreateSaturating(rate);
        if (!T.IsFinite(networkRate) || networkRate < T.Zero)
        {
            throw new ArgumentException(
                $"The learning rate of epoch {epoch + 1} is {rate:R}, which is not a finite, non-negative {typeof(T).Name} " +
                $"(the network's precision). Use a smaller learning rate or schedule.", nameof(options));
        }

        return networkRate;
    }

    /// <summary>Puts a checkpoint's state into the network, optimizer and early stopping; returns the epochs it had done.</summary>
    private static int Resume<TNet, T>(TNet network, Optimizer optimizer, EarlyStoppingTracker<T>? stopping, TrainingCheckpoint<T> checkpoint)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        checkpoint.Parameters.CopyTo(network.Parameters);
        optimizer.ImportState<T>(checkpoint.OptimizerState, TNet.ParameterCount, checkpoint.OptimizerSteps);
        if (stopping is not null)
        {
            stopping.Best = checkpoint.BestMetric;
            stopping.BestEpoch = checkpoint.BestMetricEpoch;
            stopping.EpochsWithoutImprovement = checkpoint.EpochsWithoutImprovement;
            checkpoint.BestParameters.CopyTo(stopping.BestParameters);
        }

        return checkpoint.Epochs;
    }

    private static void CheckEarlyStopping<TNet, T>(EarlyStopping? settings, Dataset<T>? validation)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (settings is null)
            return;
        if (validation is null)
            throw new ArgumentException("Early stopping watches the validation set: pass one (validation: ...).", nameof(validation));
        bool hasAccuracy = validation.HasLabels || TNet.Loss is Loss.CrossEntropy or Loss.BinaryCrossEntropy;
        if (settings.Metric == StoppingMetric.ValidationAccuracy && !hasAccuracy)
            throw new ArgumentException(
                $"Early stopping on validation accuracy needs a classifier; this network's loss is {TNet.Loss} and the validation set has no labels. " +
                "Watch StoppingMetric.ValidationLoss instead.", nameof(validation));
    }

    /// <summary>Mean loss and (for classification) accuracy and confusion matrix of <paramref name="network"/> on <paramref name="data"/>.</summary>
    /// <remarks>Labels name one class per output, or 0 and 1 for a network of one output, which predicts class 1 from 0.5 up.</remarks>
    /// <exception cref="ArgumentException">The data's sizes are not the network's, a label is not one of its classes, the
    /// data set is empty, or it holds a value training refuses: a NaN or infinite input or target, a binary cross-entropy
    /// target outside [0, 1], or a cross-entropy target that is not a distribution.</exception>
    public static Evaluation Evaluate<TNet, T>(TNet network, Dataset<T> data)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
        => Evaluate(network, data, threads: 1);

    /// <summary>
    /// <see cref="Evaluate{TNet, T}(TNet, Dataset{T})"/> on <paramref name="threads"/> threads, which share the examples
    /// (the network only reads its parameters): the same result, bit for bit, as on one thread. Training evaluates on
    /// the threads it trains on (<see cref="TrainingOptions.Threads"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The data's sizes are not the network's, a label is not one of its classes, the
    /// data set is empty, or it holds a value training refuses: a NaN or infinite input or target, a binary cross-entropy
    /// target outside [0, 1], or a cross-entropy target that is not a distribution.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is not 1 or more.</exception>
    public static Evaluation Evaluate<TNet, T>(TNet network, Dataset<T> data, int threads)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        CheckSizesAndLabels<TNet, T>(data, nameof(data));
        // A mean over no examples would read as a loss of 0, a perfect score: refuse, as training does.
        if (data.Count == 0)
            throw new ArgumentException("The data set is empty: there is nothing to evaluate.", nameof(data));
        // As training does: a NaN input can vanish in a ReLU and score as a wrong prediction, and an all-zero
        // cross-entropy target scores as a perfect one. The checks take about 3% of an evaluation (2,000 MNIST examples).
        CheckValues<TNet, T>(data, nameof(data));
        return Evaluator.Run(network, data, threads);
    }

    /// <summary>
    /// The index of the largest value (the first, on ties). A NaN counts as the largest, as in NumPy's
    /// <c>argmax</c> and <c>TensorPrimitives.IndexOfMax</c>: the first NaN's index, wherever it is.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty: no index names its largest value.</exception>
    public static int ArgMax<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (values.IsEmpty)
            throw new ArgumentException("The span is empty: it has no largest value.", nameof(values));
        int best = 0;
        for (int k = 0; k < values.Length; k++)
        {
            if (T.IsNaN(values[k]))
                return k;
            if (values[k] > values[best])
                best = k;
        }

        return best;
    }

    /// <summary>
    /// Every input and target finite, for binary cross-entropy every target in [0, 1], and for cross-entropy every target
    /// a distribution (values in [0, 1] summing to 1):
    /// otherwise the gradient is not the gradient of the reported loss, and training learns garbage while reporting
    /// a loss of 0.
    /// </summary>
    private static void CheckValues<TNet, T>(Dataset<T> data, string name)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckFinite(data.Inputs, data.InputSize, "input", name);
        CheckFinite(data.Targets, data.TargetSize, "target", name);
        // Both losses read targets as probabilities: outside [0, 1] (a 2, or a pixel's 255 left unscaled) the loss has no
        // minimum, which the network chases until it diverges. Cross-entropy's targets are also one distribution each.
        if (TNet.Loss is not (Loss.CrossEntropy or Loss.BinaryCrossEntropy))
            return;
        bool distribution = TNet.Loss == Loss.CrossEntropy;
        for (int n = 0; n < data.Count; n++)
        {
            ReadOnlySpan<T> target = data.Target(n);
            double sum = 0;
            for (int k = 0; k < target.Length; k++)
            {
                double p = double.CreateChecked(target[k]);
                if (p < 0 || p > 1)
                {
                    throw new ArgumentException(distribution
                        ? $"The target of example {n} has {p:R}; cross-entropy targets are probabilities in [0, 1]."
                        : $"The target of example {n} has {p:R} at position {k}; binary cross-entropy targets are probabilities in [0, 1].", name);
                }

                sum += p;
            }

            if (distribution && Math.Abs(sum - 1) > 1e-3)
                throw new ArgumentException($"The target of example {n} sums to {sum:R}; cross-entropy targets must sum to 1 (a one-hot label, or a distribution).", name);
        }
    }

    /// <summary>Refuses the first NaN or infinity among examples of <paramref name="size"/> values each, naming its example and position.</summary>
    private static void CheckFinite<T>(ReadOnlySpan<T> values, int size, string what, string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int bad = VectorMath.IndexOfNonFinite(values);
        if (bad >= 0)
            throw new ArgumentException($"The {what} of example {bad / size} has {values[bad]} at position {bad % size}; every value must be a finite number.", name);
    }

    /// <summary>The data set fits the network: its input and target sizes, and every label one of its classes.</summary>
    private static void CheckSizesAndLabels<TNet, T>(Dataset<T> data, string name)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (data.InputSize != TNet.InputSize || data.TargetSize != TNet.OutputSize)
        {
            throw new ArgumentException(
                $"The data set has inputs of {data.InputSize} and targets of {data.TargetSize} values; " +
                $"the network ({TNet.Architecture}) takes {TNet.InputSize} and gives {TNet.OutputSize}.", name);
        }

        int classes = ClassCount<TNet, T>();
        ReadOnlySpan<int> labels = data.Labels;
        for (int n = 0; n < labels.Length; n++)
        {
            if ((uint)labels[n] >= (uint)classes)
            {
                throw new ArgumentException(
                    $"Label {labels[n]} of example {n} is not a class of the network ({TNet.Architecture}), whose classes are 0 to " +
                    $"{classes - 1}{(TNet.OutputSize == 1 ? " (its one output is the probability of class 1)" : ", one per output")}.", name);
            }
        }
    }

    /// <summary>The classes labels may name: one per output, or 0 and 1 for a network of one output.</summary>
    private static int ClassCount<TNet, T>()
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
        => TNet.OutputSize == 1 ? 2 : TNet.OutputSize;
}
