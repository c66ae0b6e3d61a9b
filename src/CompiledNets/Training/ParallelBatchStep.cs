using System.Numerics;
using CompiledNets.Numerics;

namespace CompiledNets.Training;

/// <summary>
/// One mini-batch step split into parts (the Threads option), computed by worker threads that each have their own
/// replica of the network (its own parameters). Per batch: (1) each part of the examples is backpropagated into the
/// part's own gradient buffer; (2) each slice of the parameters is summed over all the parts' buffers, in part order,
/// and turned into the update; (3) every replica applies the same update to its own parameters. The replicas start
/// identical and receive identical updates, so they stay identical without copying parameters around. What is added
/// to what, and in which order, depends only on the number of parts, so the result depends only on the seed and the
/// part count, not on how many threads compute the parts: at most one thread runs per core, and a worker with several
/// parts computes them in turn (more threads than cores would only take turns on the cores, and wait for each other
/// at every meeting). The threads live for the whole run and meet at a barrier between phases: nothing is allocated
/// per batch.
/// </summary>
internal sealed class ParallelBatchStep<TNet, T> : IDisposable
    where TNet : class, INeuralNetwork<TNet, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _parts;
    private readonly TNet[] _replicas; // one per worker thread
    private readonly T[][] _gradients; // one per part
    private readonly T[] _losses; // one per part
    private readonly T[] _update;
    private readonly T[]? _velocity;
    private readonly T _momentum;
    private readonly Thread[] _threads;
    private readonly SpinningBarrier _barrier;
    private T[] _inputs = [];
    private T[] _targets = [];
    private int _count;
    private T _learningRate;
    private volatile bool _stopping;

    /// <summary>A step in <paramref name="parts"/> parts, on as many threads as the machine has cores (at most one per part).</summary>
    public ParallelBatchStep(TNet main, int parts, double momentum)
        : this(main, parts, momentum, workers: Math.Clamp(Environment.ProcessorCount, 1, parts))
    {
    }

    /// <summary>A step in <paramref name="parts"/> parts on exactly <paramref name="workers"/> threads (tests pick it).</summary>
    internal ParallelBatchStep(TNet main, int parts, double momentum, int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workers, parts);
        _parts = parts;
        _replicas = new TNet[workers];
        _gradients = new T[parts][];
        _losses = new T[parts];
        _update = new T[TNet.ParameterCount];
        _momentum = T.CreateChecked(momentum);
        _velocity = momentum > 0 ? new T[TNet.ParameterCount] : null;
        for (int w = 0; w < workers; w++)
        {
            // Replica 0 is the network being trained; the others start as copies of it, once per run.
            _replicas[w] = w == 0 ? main : TNet.Create();
            if (w > 0)
                main.Parameters.CopyTo(_replicas[w].Parameters);
        }

        for (int part = 0; part < parts; part++)
            _gradients[part] = new T[TNet.ParameterCount];

        _barrier = new SpinningBarrier(workers);
        _threads = new Thread[workers - 1];
        for (int w = 1; w < workers; w++)
        {
            int worker = w;
            _threads[w - 1] = new Thread(() => WorkerLoop(worker)) { IsBackground = true, Name = $"CompiledNets worker {worker}" };
            _threads[w - 1].Start();
        }
    }

    /// <summary>Trains on the first <paramref name="count"/> examples of the buffers; returns their summed loss.</summary>
    public T Step(T[] inputs, T[] targets, int count, T learningRate)
    {
        _inputs = inputs;
        _targets = targets;
        _count = count;
        _learningRate = learningRate;
        _barrier.SignalAndWait();
        Work(0);

        T loss = T.Zero;
        foreach (T part in _losses)
            loss += part;
        return loss;
    }

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

        // Worker w computes parts w, w + workers, w + 2 * workers, ...
        // (1) Each part's share of the examples, into the part's gradient buffer.
        for (int part = worker; part < _parts; part += workers)
            BackpropagatePart(replica, part);
        _barrier.SignalAndWait();

        // (2) Each part's slice of the summed gradient, added in part order, made into the update.
        for (int part = worker; part < _parts; part += workers)
            SumSlice(part);
        _barrier.SignalAndWait();

        // (3) Every replica takes the same step.
        T meanScale = T.One / T.CreateChecked(_count);
        if (_velocity is null)
            replica.ApplyGradient(_update, _learningRate * meanScale);
        else
            replica.ApplyGradient(_velocity, _learningRate);
        _barrier.SignalAndWait();
    }

    private void BackpropagatePart(TNet replica, int part)
    {
        int inputSize = TNet.InputSize, outputSize = TNet.OutputSize;
        int first = _count * part / _parts, last = _count * (part + 1) / _parts;
        T[] gradient = _gradients[part];
        Array.Clear(gradient);
        _losses[part] = replica.BackpropagateBatch(
            _inputs.AsSpan(first * inputSize, (last - first) * inputSize),
            _targets.AsSpan(first * outputSize, (last - first) * outputSize),
            gradient);
    }

    private void SumSlice(int part)
    {
        int parameters = TNet.ParameterCount;
        int from = parameters * part / _parts, to = parameters * (part + 1) / _parts;
        Span<T> sum = _update.AsSpan(from, to - from);
        _gradients[0].AsSpan(from, to - from).CopyTo(sum);
        for (int p = 1; p < _parts; p++)
            VectorMath.Add(sum, _gradients[p].AsSpan(from, to - from)); // value by value: the same bits at any width

        if (_velocity is not null)
            UpdateRule.AccumulateVelocity(_velocity.AsSpan(from, to - from), sum, _momentum, T.One / T.CreateChecked(_count));
    }

    public void Dispose()
    {
        _stopping = true;
        _barrier.SignalAndWait();
        foreach (Thread thread in _threads)
            thread.Join();
    }
}
