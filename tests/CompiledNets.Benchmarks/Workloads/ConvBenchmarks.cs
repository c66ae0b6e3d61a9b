using BenchmarkDotNet.Attributes;
using CompiledNets.Benchmarks.Networks;
using CompiledNets.Data;
using CompiledNets.Training;

namespace CompiledNets.Benchmarks.Workloads;

/// <summary>
/// Issue 9's convolution rows, C1 and C2 on MNIST-shaped random data: per-example SGD (TrainStep), mini-batches of 32
/// with momentum 0.9 (BackpropagateBatch and the optimizer's step, as the trainer runs them; and through
/// Trainer.Train on one thread and on two, for issue 9's two-thread speed-up), one-example inference latency and
/// batches of 256.
/// </summary>
public class ConvBenchmarks
{
    private const int TrainExamples = 64;
    private const int BatchExamples = 256;
    private const int Batch = 32;
    private const int PredictExamples = 256;
    private const float Rate = 0.01f;
    private SyntheticData _data = null!;
    private Dataset<float> _dataset = null!;
    private ConvC1Net _c1 = null!;
    private ConvC2Net _c2 = null!;
    private Sgd _c1Optimizer = null!, _c2Optimizer = null!;
    private readonly float[] _c1Gradient = new float[ConvC1Net.ParameterCount];
    private readonly float[] _c2Gradient = new float[ConvC2Net.ParameterCount];
    private readonly float[] _outputs = new float[PredictExamples * 10];

    [GlobalSetup]
    public void Setup()
    {
        _data = new SyntheticData(BatchExamples, 784, 10, oneHot: true);
        _dataset = _data.ToDataset();
        _c1 = new ConvC1Net();
        _c2 = new ConvC2Net();
        _c1Optimizer = new Sgd(Rate, momentum: 0.9);
        _c2Optimizer = new Sgd(Rate, momentum: 0.9);
    }

    [Benchmark(OperationsPerInvoke = TrainExamples), BenchmarkCategory(Catalog.C1Train1)]
    public float C1TrainStep()
    {
        float loss = 0;
        for (int n = 0; n < TrainExamples; n++)
            loss += _c1.TrainStep(_data.Input(n), _data.Target(n), Rate);
        return loss;
    }

    [Benchmark(OperationsPerInvoke = BatchExamples), BenchmarkCategory(Catalog.C1Train32)]
    public float C1MiniBatch()
    {
        float loss = 0;
        for (int start = 0; start < BatchExamples; start += Batch)
        {
            Array.Clear(_c1Gradient);
            loss += _c1.BackpropagateBatch(_data.Inputs.AsSpan(start * 784, Batch * 784), _data.Targets.AsSpan(start * 10, Batch * 10), _c1Gradient);
            _c1Optimizer.Step<float>(_c1.Parameters, _c1Gradient, 1f / Batch);
        }

        return loss;
    }

    /// <summary>The same batches through Trainer.Train on one thread, with the same optimizer: one epoch of 256 examples, no shuffling, no evaluation.</summary>
    [Benchmark(OperationsPerInvoke = BatchExamples), BenchmarkCategory(Catalog.C1Train32)]
    public int C1Train1Thread() => Trainer.Train(_c1, _dataset, _c1Optimizer, TrainerOptions(1)).Count;

    /// <summary>The same on two threads: each takes half of every batch on its own replica (see ParallelBatchStep).</summary>
    [Benchmark(OperationsPerInvoke = BatchExamples), BenchmarkCategory(Catalog.C1Train32)]
    public int C1Train2Threads() => Trainer.Train(_c1, _dataset, _c1Optimizer, TrainerOptions(2)).Count;

    [Benchmark, BenchmarkCategory(Catalog.C1Predict1)]
    public float C1Predict()
    {
        _c1.Predict(_data.Input(0), _outputs.AsSpan(0, 10));
        return _outputs[0];
    }

    [Benchmark(OperationsPerInvoke = PredictExamples), BenchmarkCategory(Catalog.C1Predict256)]
    public float C1PredictBatch()
    {
        _c1.PredictBatch(_data.Inputs.AsSpan(0, PredictExamples * 784), _outputs);
        return _outputs[0];
    }

    [Benchmark(OperationsPerInvoke = TrainExamples), BenchmarkCategory(Catalog.C2Train1)]
    public float C2TrainStep()
    {
        float loss = 0;
        for (int n = 0; n < TrainExamples; n++)
            loss += _c2.TrainStep(_data.Input(n), _data.Target(n), Rate);
        return loss;
    }

    [Benchmark(OperationsPerInvoke = BatchExamples), BenchmarkCategory(Catalog.C2Train32)]
    public float C2MiniBatch()
    {
        float loss = 0;
        for (int start = 0; start < BatchExamples; start += Batch)
        {
            Array.Clear(_c2Gradient);
            loss += _c2.BackpropagateBatch(_data.Inputs.AsSpan(start * 784, Batch * 784), _data.Targets.AsSpan(start * 10, Batch * 10), _c2Gradient);
            _c2Optimizer.Step<float>(_c2.Parameters, _c2Gradient, 1f / Batch);
        }

        return loss;
    }

    /// <summary>The same batches through Trainer.Train on one thread, with the same optimizer: one epoch of 256 examples, no shuffling, no evaluation.</summary>
    [Benchmark(OperationsPerInvoke = BatchExamples), BenchmarkCategory(Catalog.C2Train32)]
    public int C2Train1Thread() => Trainer.Train(_c2, _dataset, _c2Optimizer, TrainerOptions(1)).Count;

    /// <summary>The same on two threads: each takes half of every batch on its own replica (see ParallelBatchStep).</summary>
    [Benchmark(OperationsPerInvoke = BatchExamples), BenchmarkCategory(Catalog.C2Train32)]
    public int C2Train2Threads() => Trainer.Train(_c2, _dataset, _c2Optimizer, TrainerOptions(2)).Count;

    [Benchmark, BenchmarkCategory(Catalog.C2Predict1)]
    public float C2Predict()
    {
        _c2.Predict(_data.Input(0), _outputs.AsSpan(0, 10));
        return _outputs[0];
    }

    [Benchmark(OperationsPerInvoke = PredictExamples), BenchmarkCategory(Catalog.C2Predict256)]
    public float C2PredictBatch()
    {
        _c2.PredictBatch(_data.Inputs.AsSpan(0, PredictExamples * 784), _outputs);
        return _outputs[0];
    }

    private static TrainingOptions TrainerOptions(int threads) => new() { Epochs = 1, BatchSize = Batch, Threads = threads, Shuffle = false };
}
