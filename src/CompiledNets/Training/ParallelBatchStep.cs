using System.Numerics;

namespace CompiledNets.Training;

/// <summary>
/// One mini-batch step spread over worker threads, each with its own replica of the network (its own parameters).
/// Per batch: (1) each worker backpropagates its share of the examples into its own gradient buffer; (2) each
/// worker adds up one slice of all the buffers, in worker order, and turns it into the update; (3) every
/// replica applies the same update to its own parameters. The replicas start identical and receive identical
/// updates, so they stay identical without copying parameters around, and the result depends only on the seed
/// and the thread count. The threads live for the whole run and meet at a barrier between phases: nothing is
/// allocated per batch.
/// </summary>
internal sealed class ParallelBatchStep<TNet, T> : IDisposable
    where TNet : class, INeuralNetwork<TNet, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TNet[] _replicas;
    private readonly T[][] _gradients;
    private readonly T[] _losses;
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

    public ParallelBatchStep(TNet main, int threads, double momentum)
    {
        _replicas = new TNet[threads];
        _gradients = new T[threads][];
        _losses = new T[threads];
        _update = new T[TNet.ParameterCount];
        _momentum = T.CreateChecked(momentum);
        _velocity = momentum > 0 ? new T[TNet.ParameterCount] : null;
        for (int w = 0; w < threads; w++)
        {
            // Replica 0 is the network being trained; the others start as copies of it, once per run.
            _replicas[w] = w == 0 ? main : TNet.Create();
            if (w > 0)
                main.Parameters.CopyTo(_replicas[w].Parameters);
            _gradients[w] = new T[TNet.ParameterCount];
        }

        _barrier = new SpinningBarrier(threads);
        _threads = new Thread[threads - 1];
        for (int w = 1; w < threads; w++)
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
        int inputSize = TNet.InputSize, outputSize = TNet.OutputSize;

        // (1) This worker's share of the examples.
        int first = _count * worker / workers, last = _count * (worker + 1) / workers;
        T[] gradient = _gradients[worker];
        Array.Clear(gradient);
        _losses[worker] = _replicas[worker].BackpropagateBatch(
            _inputs.AsSpan(first * inputSize, (last - first) * inputSize),
            _targets.AsSpan(first * outputSize, (last - first) * outputSize),
            gradient);
        _barrier.SignalAndWait();

        // (2) This worker's slice of the summed gradient, added in worker order, made into the update.
        int parameters = TNet.ParameterCount;
        int from = parameters * worker / workers, to = parameters * (worker + 1) / workers;
        Span<T> sum = _update.AsSpan(from, to - from);
        _gradients[0].AsSpan(from, to - from).CopyTo(sum);
        for (int w = 1; w < workers; w++)
        {
            ReadOnlySpan<T> part = _gradients[w].AsSpan(from, to - from);
            for (int i = 0; i < sum.Length; i++)
                sum[i] += part[i];
        }

        T meanScale = T.One / T.CreateChecked(_count);
        if (_velocity is not null)
            UpdateRule.AccumulateVelocity(_velocity.AsSpan(from, to - from), sum, _momentum, meanScale);
        _barrier.SignalAndWait();

        // (3) Every replica takes the same step.
        if (_velocity is null)
            _replicas[worker].ApplyGradient(_update, _learningRate * meanScale);
        else
            _replicas[worker].ApplyGradient(_velocity, _learningRate);
        _barrier.SignalAndWait();
    }

    public void Dispose()
    {
        _stopping = true;
        _barrier.SignalAndWait();
        foreach (Thread thread in _threads)
            thread.Join();
    }
}
