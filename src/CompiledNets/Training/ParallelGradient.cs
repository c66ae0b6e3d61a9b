using System.Numerics;

namespace CompiledNets.Training;

/// <summary>
/// Splits a mini-batch over worker threads. Each worker has its own copy of the network (its own scratch) and
/// its own gradient buffer; the parts are added in worker order, so a run is deterministic for a given seed and
/// thread count. The threads live for the whole training run and meet at a barrier per batch: nothing is
/// allocated per batch.
/// </summary>
internal sealed class ParallelGradient<TNet, T> : IDisposable
    where TNet : class, INeuralNetwork<TNet, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TNet _main;
    private readonly TNet[] _replicas;
    private readonly T[][] _gradients;
    private readonly T[] _losses;
    private readonly Thread[] _threads;
    private readonly Barrier _start;
    private readonly Barrier _done;
    private T[] _inputs = [];
    private T[] _targets = [];
    private int _count;
    private volatile bool _stopping;

    public ParallelGradient(TNet main, int threads)
    {
        _main = main;
        _replicas = new TNet[threads];
        _gradients = new T[threads][];
        _losses = new T[threads];
        for (int w = 0; w < threads; w++)
        {
            _replicas[w] = w == 0 ? main : TNet.Create();
            _gradients[w] = new T[TNet.ParameterCount];
        }

        _start = new Barrier(threads);
        _done = new Barrier(threads);
        _threads = new Thread[threads - 1];
        for (int w = 1; w < threads; w++)
        {
            int worker = w;
            _threads[w - 1] = new Thread(() => WorkerLoop(worker)) { IsBackground = true, Name = $"CompiledNets worker {worker}" };
            _threads[w - 1].Start();
        }
    }

    /// <summary>Adds the gradient of the first <paramref name="count"/> examples into <paramref name="gradient"/>; returns their summed loss.</summary>
    public T Backpropagate(T[] inputs, T[] targets, int count, T[] gradient)
    {
        _inputs = inputs;
        _targets = targets;
        _count = count;
        for (int w = 1; w < _replicas.Length; w++)
            _main.Parameters.CopyTo(_replicas[w].Parameters);

        _start.SignalAndWait();
        Work(0);
        _done.SignalAndWait();

        T loss = T.Zero;
        for (int w = 0; w < _replicas.Length; w++)
        {
            loss += _losses[w];
            ReadOnlySpan<T> part = _gradients[w];
            for (int i = 0; i < gradient.Length; i++)
                gradient[i] += part[i];
        }

        return loss;
    }

    private void WorkerLoop(int worker)
    {
        while (true)
        {
            _start.SignalAndWait();
            if (_stopping)
                return;
            Work(worker);
            _done.SignalAndWait();
        }
    }

    private void Work(int worker)
    {
        int workers = _replicas.Length;
        int first = _count * worker / workers;
        int last = _count * (worker + 1) / workers;
        Array.Clear(_gradients[worker]);
        int inputSize = TNet.InputSize, outputSize = TNet.OutputSize;
        _losses[worker] = _replicas[worker].BackpropagateBatch(
            _inputs.AsSpan(first * inputSize, (last - first) * inputSize),
            _targets.AsSpan(first * outputSize, (last - first) * outputSize),
            _gradients[worker]);
    }

    public void Dispose()
    {
        _stopping = true;
        _start.SignalAndWait();
        foreach (Thread thread in _threads)
            thread.Join();
        _start.Dispose();
        _done.Dispose();
    }
}
