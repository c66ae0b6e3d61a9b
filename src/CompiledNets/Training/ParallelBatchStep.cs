using System.Numerics;
using CompiledNets.Numerics;

namespace CompiledNets.Training;

/// <summary>
/// One mini-batch step split into parts (the Threads option), computed by worker threads that each have their own
/// replica of the network (its own parameters). Per batch: (1) each part of the examples is copied in by the worker
/// that computes it (unless the caller gathered the batch) and backpropagated into the part's own gradient buffer; (2)
/// each slice of the parameters is summed over all the parts' buffers, in part order, and the optimizer steps that
/// slice of the trained network's parameters (an optimizer's update of a value reads only that value, its gradient and
/// its state, so slices are independent); (3) the worker that stepped a slice copies it into every other replica. With
/// clipping, the slices' sums of squares meet first, in part order, for the global norm. What is added to what, and in
/// which order, depends only on the number of parts, so the result depends only on the seed and the part count, not on
/// how many threads compute the parts: at most one thread runs per core, and a worker with several parts computes them
/// in turn (more threads than cores would only take turns on the cores, and wait for each other at every meeting). The
/// threads live for the whole run and meet at a barrier between phases: nothing is allocated per batch.
/// </summary>
internal sealed class ParallelBatchStep<TNet, T> : IDisposable
    where TNet : class, INeuralNetwork<TNet, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _parts;
    private readonly TNet[] _replicas; // one per worker thread
    private readonly ArraySegment<T>[] _gradients; // one per part, each on a 64-byte boundary (AlignedArray)
    private readonly T[] _losses; // one per part
    private readonly ArraySegment<T> _update; // the summed gradient
    private readonly double[] _squares; // one per part: its slice's share of the squared norm, for clipping
    private readonly Optimizer _optimizer;
    private readonly T[] _state;
    private readonly bool _clips;
    private readonly HelperThreads.Assignment[] _helpers;
    private readonly SpinningBarrier _barrier;
    private ArraySegment<T> _inputs = ArraySegment<T>.Empty;
    private T[] _targets = [];
    private IBatchSource<T>? _source; // when set, each worker copies its own part's examples into the buffers above
    private int _count;
    private T _learningRate;
    private T _gradientScale;
    private bool _parametersChanged; // since the last step, by something other than a step: see ParametersChanged
    private volatile bool _stopping;

    /// <summary>A step in <paramref name="parts"/> parts, on as many threads as the machine has cores (at most one per part).</summary>
    public ParallelBatchStep(TNet main, int parts, Optimizer optimizer)
        : this(main, parts, optimizer, workers: Math.Clamp(Environment.ProcessorCount, 1, parts))
    {
    }

    /// <summary>A step in <paramref name="parts"/> parts on exactly <paramref name="workers"/> threads (tests pick it).</summary>
    internal ParallelBatchStep(TNet main, int parts, Optimizer optimizer, int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workers, parts);
        _parts = parts;
        _replicas = new TNet[workers];
        _gradients = new ArraySegment<T>[parts];
        _losses = new T[parts];
        _update = AlignedBufferCache<T>.Rent(TNet.ParameterCount);
        _squares = new double[parts];
        _optimizer = optimizer;
        _state = optimizer.StateFor<T>(TNet.ParameterCount);
        _clips = !double.IsPositiveInfinity(optimizer.MaxGradientNorm);
        for (int w = 0; w < workers; w++)
        {
            // Replica 0 is the network being trained; the others start as copies of it, once per run (the replicas
            // themselves are kept with the network for its next run: ReplicaCache).
            _replicas[w] = w == 0 ? main : ReplicaCache<TNet, T>.Rent(main);
            if (w > 0)
                main.Parameters.CopyTo(_replicas[w].Parameters);
        }

        for (int part = 0; part < parts; part++)
            _gradients[part] = AlignedBufferCache<T>.Rent(TNet.ParameterCount);

        _barrier = new SpinningBarrier(workers);
        _helpers = new HelperThreads.Assignment[workers - 1];
        for (int w = 1; w < workers; w++)
        {
            int worker = w;
            _helpers[w - 1] = HelperThreads.Start(() => WorkerLoop(worker));
        }
    }

    /// <summary>
    /// Trains on the first <paramref name="count"/> examples of the buffers; returns their summed loss. With a
    /// <paramref name="source"/>, the buffers are empty until each worker copies its own part of the batch into them:
    /// the examples then come to each core from the data set, not from the core that would have gathered them all (a
    /// part of a batch of 32 digits is 50 KB, and a cache line took 0.1-0.5 us between the cores of a shared machine).
    /// </summary>
    public T Step(ArraySegment<T> inputs, T[] targets, int count, T learningRate, IBatchSource<T>? source = null)
    {
        _inputs = inputs;
        _targets = targets;
        _source = source;
        _count = count;
        _learningRate = learningRate;
        _gradientScale = T.One / T.CreateChecked(count); // the mean gradient, as single-threaded
        _optimizer.BeginStep();
        _barrier.SignalAndWait();
        Work(0);
        _parametersChanged = false; // every worker has read it: Work ends at a meeting

        T loss = T.Zero;
        foreach (T part in _losses)
            loss += part;
        return loss;
    }

    /// <summary>
    /// Says that the trained network's parameters may have been written since the last step by something other than a
    /// step (a callback of the user's, the trainer between epochs). A step leaves every replica equal to the network,
    /// but a write after it would reach the other replicas only with the next step's copies, after their examples had
    /// been computed with the old values: so before the next step's examples, they copy the network's parameters, as
    /// at the start of the run.
    /// </summary>
    public void ParametersChanged() => _parametersChanged = true;

    private void WorkerLoop(int worker)
    {
        while (true)
        {
            _barrier.SignalAndWait();
            if (_stopping)
                return;
            Work(worker);
        }
    }

    private void Work(int worker)
    {
        int workers = _replicas.Length;
        TNet replica = _replicas[worker];
        if (_parametersChanged && worker > 0)
            _replicas[0].Parameters.CopyTo(replica.Parameters);

        // Worker w computes parts w, w + workers, w + 2 * workers, ...
        // (1) Each part's share of the examples, into the part's gradient buffer.
        for (int part = worker; part < _parts; part += workers)
            BackpropagatePart(replica, part);
        _barrier.SignalAndWait();

        // (2) Each part's slice of the summed gradient, added in part order, then the optimizer's step on that slice.
        for (int part = worker; part < _parts; part += workers)
            SumSlice(part);
        T scale = _gradientScale;
        if (_clips)
        {
            _barrier.SignalAndWait();
            double squares = 0;
            foreach (double share in _squares)
                squares += share; // in part order, so every worker gets the same factor
            scale *= _optimizer.ClipFactorFromSquares(squares, _gradientScale);
        }

        // (3) The other replicas take each slice's new values from the worker that stepped it: the copy is shared out
        // like the sums, and needs no meeting of its own.
        TNet main = _replicas[0];
        for (int part = worker; part < _parts; part += workers)
        {
            (int from, int length) = Slice(part);
            Span<T> stepped = main.Parameters.Slice(from, length);
            _optimizer.UpdateRange(stepped, _update.AsSpan(from, length), scale, _learningRate, _state, from);
            for (int other = 1; other < workers; other++)
                stepped.CopyTo(_replicas[other].Parameters.Slice(from, length));
        }

        _barrier.SignalAndWait();
    }

    private void BackpropagatePart(TNet replica, int part)
    {
        int inputSize = TNet.InputSize, outputSize = TNet.OutputSize;
        int first = _count * part / _parts, last = _count * (part + 1) / _parts;
        Span<T> inputs = _inputs.AsSpan(first * inputSize, (last - first) * inputSize);
        Span<T> targets = _targets.AsSpan(first * outputSize, (last - first) * outputSize);
        _source?.Gather(first, last, inputs, targets);
        ArraySegment<T> gradient = _gradients[part];
        gradient.AsSpan().Clear();
        _losses[part] = replica.BackpropagateBatch(inputs, targets, gradient);
    }

    private void SumSlice(int part)
    {
        (int from, int length) = Slice(part);
        Span<T> sum = _update.AsSpan(from, length);
        _gradients[0].AsSpan(from, length).CopyTo(sum);
        for (int p = 1; p < _parts; p++)
            VectorMath.Add(sum, _gradients[p].AsSpan(from, length)); // value by value: the same bits at any width
        if (_clips)
            _squares[part] = GradientNorms.SumOfSquares<T>(sum);
    }

    /// <summary>The parameters part <paramref name="part"/> sums and steps.</summary>
    private (int From, int Length) Slice(int part)
    {
        int parameters = TNet.ParameterCount;
        int from = parameters * part / _parts, to = parameters * (part + 1) / _parts;
        return (from, to - from);
    }

    public void Dispose()
    {
        _stopping = true;
        _barrier.SignalAndWait();
        foreach (HelperThreads.Assignment helper in _helpers)
            helper.Dispose(); // returns once the worker has left WorkerLoop (and parked for the next run)
        for (int w = 1; w < _replicas.Length; w++)
            ReplicaCache<TNet, T>.Return(_replicas[0], _replicas[w]);
        AlignedBufferCache<T>.Return(_update);
        foreach (ArraySegment<T> gradient in _gradients)
            AlignedBufferCache<T>.Return(gradient);
    }
}
