using BenchmarkDotNet.Attributes;
using CompiledNets.Benchmarks.Networks;
using CompiledNets.Data;
using CompiledNets.Training;

namespace CompiledNets.Benchmarks.Workloads;

/// <summary>
/// Workload 6: the digits sample's settings (its network, batches of 16, SGD with momentum 0.9, shuffled), so the
/// sample's examples/s per epoch can be held against the same work measured here: the kernels and optimizer called
/// directly, and the trainer as the sample calls it.
/// </summary>
public class DigitSampleBenchmarks
{
    private const int Examples = 1024;
    private const int Batch = 16;
    private SyntheticData _data = null!;
    private Dataset<float> _dataset = null!;
    private DigitSampleNet _net = null!;
    private readonly float[] _gradient = new float[DigitSampleNet.ParameterCount];
    private Sgd _optimizer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = new SyntheticData(Examples, 784, 10, oneHot: true);
        _dataset = _data.ToDataset();
        _net = new DigitSampleNet();
        _optimizer = new Sgd(0.05, momentum: 0.9);
    }

    /// <summary>BackpropagateBatch and the optimizer's step, on examples already in order in memory.</summary>
    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory(Catalog.SampleSettings)]
    public float DirectMiniBatch()
    {
        float loss = 0;
        for (int start = 0; start < Examples; start += Batch)
        {
            Array.Clear(_gradient);
            loss += _net.BackpropagateBatch(_data.Inputs.AsSpan(start * 784, Batch * 784), _data.Targets.AsSpan(start * 10, Batch * 10), _gradient);
            _optimizer.Step<float>(_net.Parameters, _gradient, 1f / Batch);
        }

        return loss;
    }

    /// <summary>One shuffled epoch through the trainer, as the sample trains (without its per-epoch evaluation of the test set).</summary>
    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory(Catalog.SampleSettings)]
    public int TrainerEpoch()
        => Trainer.Train(_net, _dataset, _optimizer, new TrainingOptions { Epochs = 1, BatchSize = Batch, Seed = 1 }).Count;
}
