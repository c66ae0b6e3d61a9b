using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using CompiledNets.Data;
using CompiledNets.Numerics;

namespace CompiledNets.Training;

/// <summary>
/// The state of one <see cref="Trainer.Train"/> call: every buffer is allocated (or taken from the last run,
/// <see cref="AlignedBufferCache{T}"/>) here, once, so steps and batches allocate nothing.
/// </summary>
internal sealed class TrainingRun<TNet, T> : IDisposable, IBatchSource<T>
    where TNet : class, INeuralNetwork<TNet, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TNet _network;
    private readonly Dataset<T> _data;
    private readonly TrainingOptions _options;
    private readonly Optimizer _optimizer;
    private readonly bool _fused; // per-example plain SGD: the network's own fused TrainStep
    private readonly int[] _order;
    private readonly ArraySegment<T> _batchInputs; // on a 64-byte boundary, as the kernels stream it (AlignedArray)
    private readonly T[] _batchTargets;
    private readonly ArraySegment<T> _gradient; // likewise
    private readonly ParallelBatchStep<TNet, T>? _parallel; // threads for image networks: examples split between replicas
    private readonly KernelTeam? _team; // threads for dense networks: every large kernel and the step split by neurons
    private readonly ArraySegment<T>[] _helperBatches; // with _team and no augmentation: each helper's own copy of the batch's inputs
    private readonly ParameterShares? _shares; // with _team: the parameters each thread clears and updates
    private SplitMix64 _augmentationRandom; // restarted every epoch
    private readonly bool _workersGather; // with _parallel: each worker copies (and augments) its own examples
    private readonly SplitMix64[] _exampleRandoms; // with augmentation, each example's generator state, set aside in order
    private int _batchStart; // where the batch being stepped starts in _order
    private readonly int _batches; // per epoch
    private readonly int _examplesPerProgressReport;

    public TrainingRun(TNet network, Dataset<T> data, Optimizer optimizer, TrainingOptions options)
    {
        _network = network;
        _data = data;
        _options = options;
        _optimizer = optimizer;
        _fused = options.BatchSize == 1 && optimizer is Sgd { IsPlain: true };
        optimizer.StateFor<T>(TNet.ParameterCount); // made now, not in the first step: a mismatch fails before any training
        _order = Enumerable.Range(0, data.Count).ToArray();
        _batches = (int)(((long)data.Count + options.BatchSize - 1) / options.BatchSize); // in long: BatchSize may be int.MaxValue, one batch
        _examplesPerProgressReport = Math.Max(1, data.Count / Math.Max(1, options.ProgressReportsPerEpoch));
        int batch = Math.Min(options.BatchSize, data.Count);
        _batchInputs = AlignedBufferCache<T>.Rent(batch * TNet.InputSize);
        _batchTargets = new T[batch * TNet.OutputSize];
        if (options.Threads > 1 && !IsDense)
            _parallel = new ParallelBatchStep<TNet, T>(network, options.Threads, optimizer);
        else if (options.Threads > 1 && Environment.ProcessorCount > 1)
            _team = new KernelTeam(Math.Min(options.Threads, Environment.ProcessorCount));
        // (A dense network on one core trains on this thread alone: its results do not depend on the thread count.)
        _workersGather = _parallel is not null && options.Augmentation is null or { CanSkipDraws: true };
        _exampleRandoms = _workersGather && options.Augmentation is not null ? new SplitMix64[batch] : [];
        _gradient = _parallel is null ? AlignedBufferCache<T>.Rent(TNet.ParameterCount) : ArraySegment<T>.Empty;
        _helperBatches = _team is not null && options.Augmentation is null ? RentHelperBatches(_team, batch * TNet.InputSize) : [];
        _shares = _team is null ? null : ParameterShares.For(TNet.Layers, TNet.ParameterCount, _team.Parts, batch);
    }

    /// <summary>
    /// A batch buffer for each helper of <paramref name="team"/>, which the shared kernels read the batch's inputs from
    /// instead of the leader's (<see cref="KernelTeam.SetBatchCopies"/>): each thread gathers its own copy from the data
    /// set (<see cref="GatherAndClearOnEveryThread"/>).
    /// </summary>
    private unsafe ArraySegment<T>[] RentHelperBatches(KernelTeam team, int values)
    {
        var buffers = new ArraySegment<T>[team.Parts - 1];
        var copies = new void*[team.Parts];
        for (int helper = 0; helper < buffers.Length; helper++)
        {
            buffers[helper] = AlignedBufferCache<T>.Rent(values);
            copies[helper + 1] = Unsafe.AsPointer(ref buffers[helper].Array![buffers[helper].Offset]); // pinned
        }

        team.SetBatchCopies(Unsafe.AsPointer(ref _batchInputs.Array![_batchInputs.Offset]), (nint)values * sizeof(T), copies);
        return buffers;
    }

    /// <summary>
    /// Whether every layer is dense, so that threads share each step's work by neurons (<see cref="KernelTeam"/>) rather
    /// than by examples (<see cref="ParallelBatchStep{TNet, T}"/>). A dense network's time goes to products whose weights
    /// are read once per batch: split by neurons, each thread reads and updates only its own rows, and nothing is summed
    /// or copied (the digits sample at batch 16: 1.1-1.3x one thread's speed, against 0.4-0.5x split by examples). A
    /// convolution reuses its few weights at every position, so there each thread takes its own examples, with a copy
    /// of the weights (ConvDigits: 1.5-1.7x).
    /// </summary>
    private static bool IsDense => TNet.Layers.All(layer => layer.Kind == LayerKind.Dense);

    /// <summary>One pass over the data; returns the sum of the examples' losses.</summary>
    public double RunEpoch(
        int epoch, T learningRate, IProgress<TrainingProgress>? progress, long started, CancellationToken cancellationToken)
    {
        if (_options.Shuffle)
            Shuffle(_order, ShuffleRandom(epoch));
        _augmentationRandom = AugmentationRandom(epoch);
        _parallel?.ParametersChanged(); // between epochs the user's callbacks had the network
        int nextReport = _examplesPerProgressReport;
        double lossSum = 0;
        for (int start = 0; start < _data.Count; start += _options.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(_options.BatchSize, _data.Count - start);
            double loss = _fused
                ? double.CreateChecked(_network.TrainStep(InputToTrainOn(_order[start]), _data.Target(_order[start]), learningRate))
                : TrainBatch(start, count, learningRate);
            // A non-finite loss means the parameters it was computed with already were (or the data is): stop here
            // rather than train on, and report NaN accuracy, and save NaN weights.
            if (!double.IsFinite(loss))
                throw Diverged(epoch, start / _options.BatchSize + 1, _batches, learningRate, $"the batch's loss is {loss}");
            lossSum += loss;
            if (_options.BatchEnded is { } batchEnded)
            {
                batchEnded(new BatchReport(epoch + 1, start / _options.BatchSize + 1, _batches, count, loss / count));
                _parallel?.ParametersChanged(); // the callback had the network: it may have written the parameters
            }
            int done = start + count;
            if (progress is not null && done >= nextReport && done < _data.Count)
            {
                nextReport += _examplesPerProgressReport;
                progress.Report(new TrainingProgress(epoch + 1, _options.Epochs, done, _data.Count,
                    lossSum / done, Trainer.PerSecond(done, Trainer.SecondsBetween(started, Stopwatch.GetTimestamp())), null));
                _parallel?.ParametersChanged(); // a synchronous IProgress is the user's code too
            }
        }

        // The last batch's update is seen by no loss: check the parameters it left.
        int bad = VectorMath.IndexOfNonFinite<T>(_network.Parameters);
        if (bad >= 0)
            throw Diverged(epoch, _batches, _batches, learningRate, $"parameter {bad} is {_network.Parameters[bad]} after the epoch's last update");
        return lossSum;
    }

    /// <summary>Replays the shuffles of the first <paramref name="epochs"/> epochs, so a resumed run visits the examples in the same order.</summary>
    public void SkipEpochs(int epochs)
    {
        for (int epoch = 0; epoch < epochs && _options.Shuffle; epoch++)
            Shuffle(_order, ShuffleRandom(epoch));
    }

    private SplitMix64 ShuffleRandom(int epoch) => new(_options.Seed * 1_000_003L + epoch);

    // Its own sequence per epoch (the shuffle's seed, complemented), so resuming at any epoch replays it exactly.
    private SplitMix64 AugmentationRandom(int epoch) => new(~(_options.Seed * 1_000_003L + epoch));

    /// <summary>An example's input as this step sees it: the data set's own, or an augmented copy.</summary>
    private ReadOnlySpan<T> InputToTrainOn(int example)
    {
        if (_options.Augmentation is not { } augmentation)
            return _data.Input(example);
        Span<T> copy = _batchInputs.AsSpan(0, TNet.InputSize);
        _data.Input(example).CopyTo(copy);
        Augment(augmentation, copy, ref _augmentationRandom, example);
        return copy;
    }

    /// <summary>Applies the augmentation to one example's copy, and refuses a NaN or infinity it wrote.</summary>
    private static void Augment(Augmentation augmentation, Span<T> input, ref SplitMix64 random, int example)
    {
        augmentation.Apply(input, ref random);
        if (augmentation.KeepsValuesFinite)
            return;
        // The data was checked before training; a NaN here would otherwise surface as divergence, with the wrong advice.
        int bad = VectorMath.IndexOfNonFinite<T>(input);
        if (bad >= 0)
        {
            throw new InvalidOperationException(
                $"The augmentation {augmentation} wrote {input[bad]} into value {bad} of example {example}'s input; an augmentation must keep every " +
                "value a finite number. The network keeps the parameters of the last step before this example.");
        }
    }

    private TrainingDivergedException Diverged(int epoch, int batch, int batches, T learningRate, string what)
        => new(epoch + 1, batch, batches, double.CreateChecked(learningRate), what, _optimizer.DivergenceAdvice);

    private double TrainBatch(int start, int count, T learningRate)
    {
        _batchStart = start;
        if (_workersGather)
        {
            // Each worker copies its own part of the batch (Gather below), so the examples reach its core directly. The
            // augmentation's draws run here, in order, as on one thread; each worker replays its examples' own.
            if (_options.Augmentation is { } augmentation)
            {
                for (int k = 0; k < count; k++)
                {
                    _exampleRandoms[k] = _augmentationRandom;
                    augmentation.SkipDraws(ref _augmentationRandom);
                }
            }

            return double.CreateChecked(_parallel!.Step(_batchInputs, _batchTargets, count, learningRate, source: this));
        }

        if (_helperBatches.Length > 0)
            GatherAndClearOnEveryThread(count);
        else
            CopyExamples(0, count, _batchInputs, _batchTargets);
        if (_parallel is not null)
            return double.CreateChecked(_parallel.Step(_batchInputs, _batchTargets, count, learningRate));

        ReadOnlySpan<T> inputs = _batchInputs.AsSpan(0, count * TNet.InputSize);
        ReadOnlySpan<T> targets = _batchTargets.AsSpan(0, count * TNet.OutputSize);
        // With a team (a dense network on several threads) this thread leads it, and the kernels and the two steps
        // below share out whatever is large enough; without, they run here.
        using KernelTeam.Leadership leading = KernelTeam.Lead(_team);
        if (_helperBatches.Length == 0)
            SharedStep.Clear<T>(_team, _shares, _gradient); // else cleared with the gather
        T loss = _network.BackpropagateBatch(inputs, targets, _gradient);

        // The step follows the batch's mean gradient, so the learning rate means the same for any batch size.
        SharedStep.Update<T>(_team, _shares, _optimizer, _network.Parameters, _gradient, T.One / T.CreateChecked(count), learningRate);
        return double.CreateChecked(loss);
    }

    void IBatchSource<T>.Gather(int first, int last, Span<T> inputs, Span<T> targets) => CopyExamples(first, last, inputs, targets);

    /// <summary>
    /// Every thread of the team copies the batch's inputs from the data set into its own buffer at once: the leader into
    /// the batch buffer (with the targets), each helper into its copy. A helper reading the leader's buffer instead would
    /// pull every line from the other core: on the 2-core AMD EPYC, the digits network's shared first layer then took as
    /// long on two threads as on one. In the same meeting each thread clears its share of the gradient.
    /// </summary>
    private unsafe void GatherAndClearOnEveryThread(int count)
    {
        _team!.Arguments = new KernelArguments { Owner = this, Examples = count };
        _team.Run(&GatherAndClearPart);
    }

    private static void GatherAndClearPart(KernelTeam team, int part)
    {
        var run = (TrainingRun<TNet, T>)team.Arguments.Owner!;
        int count = team.Arguments.Examples;
        if (part == 0)
            run.CopyExamples(0, count, run._batchInputs, run._batchTargets);
        else
            run.CopyExamples(0, count, run._helperBatches[part - 1], targets: []);
        foreach ((int first, int end) in run._shares!.Of(part))
            run._gradient.AsSpan(first, end - first).Clear();
    }

    /// <summary>
    /// Copies examples <paramref name="first"/> to <paramref name="last"/> - 1 of the batch being stepped, augmented, one
    /// after another; their targets too, unless <paramref name="targets"/> is empty.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // no slow first epochs: see DenseKernelBodies
    private void CopyExamples(int first, int last, Span<T> inputs, Span<T> targets)
    {
        int inputSize = TNet.InputSize, outputSize = TNet.OutputSize;
        for (int k = first; k < last; k++)
        {
            int example = _order[_batchStart + k];
            Span<T> input = inputs.Slice((k - first) * inputSize, inputSize);
            _data.Input(example).CopyTo(input);
            if (_options.Augmentation is { } augmentation)
            {
                if (_workersGather)
                {
                    SplitMix64 random = _exampleRandoms[k]; // a copy of the state set aside: workers share nothing they write
                    Augment(augmentation, input, ref random, example);
                }
                else
                {
                    Augment(augmentation, input, ref _augmentationRandom, example); // one sequence through the batch, on this thread
                }
            }

            if (!targets.IsEmpty)
                _data.Target(example).CopyTo(targets.Slice((k - first) * outputSize, outputSize));
        }
    }

    private static void Shuffle(int[] order, SplitMix64 random)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.NextInt32(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    public void Dispose()
    {
        _parallel?.Dispose();
        _team?.Dispose(); // the helpers have stopped: nothing reads the buffers below any more
        AlignedBufferCache<T>.Return(_batchInputs);
        AlignedBufferCache<T>.Return(_gradient);
        foreach (ArraySegment<T> copy in _helperBatches)
            AlignedBufferCache<T>.Return(copy);
    }
}
