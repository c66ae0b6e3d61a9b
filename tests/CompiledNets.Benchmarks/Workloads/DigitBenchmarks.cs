using BenchmarkDotNet.Attributes;
using CompiledNets.Benchmarks.Baseline;
using CompiledNets.Benchmarks.Networks;
using CompiledNets.Data;
using CompiledNets.Training;

namespace CompiledNets.Benchmarks.Workloads;

/// <summary>Workloads 3 and 4: 784-128-10 tanh / softmax + cross-entropy on random MNIST-shaped data.</summary>
public class DigitBenchmarks
{
    private const int SgdExamples = 256;
    private const int NaiveBatchExamples = 128;
    private const int BatchExamples = 1024;
    private const int Batch = 32;
    private const int PredictExamples = 256;
    private const float Rate = 0.01f;
    private SyntheticData _data = null!;
    private Dataset<float> _dataset = null!;
    private Digit128Net _net = null!;
    private NaiveMlp _naive = null!;
    private readonly float[] _gradient = new float[Digit128Net.ParameterCount];
    private readonly Optimizer _sgd = new Sgd(Rate), _momentum = new Sgd(Rate, momentum: 0.9),
        _nesterov = new Sgd(Rate, momentum: 0.9, nesterov: true), _adam = new Adam(), _adamW = new AdamW();
    private readonly float[] _outputs = new float[PredictExamples * 10];
    private readonly float[] _naiveOutputs = new float[PredictExamples * 10];

    [GlobalSetup]
    public void Setup()
    {
        _data = new SyntheticData(BatchExamples, 784, 10, oneHot: true);
        _dataset = _data.ToDataset();
        _net = new Digit128Net();
        _naive = new NaiveMlp([784, 128, 10], [NaiveActivation.Tanh, NaiveActivation.Softmax]);
    }

    // ---- Workload 3: training -----------------------------------------------------------------------------------

    [Benchmark(Baseline = true, OperationsPerInvoke = SgdExamples), BenchmarkCategory(Catalog.DigitSgd)]
    public float NaiveTrainStep()
    {
        float loss = 0;
        for (int n = 0; n < SgdExamples; n++)
            loss += _naive.TrainStep(_data.InputRows[n], _data.TargetRows[n], Rate);
        return loss;
    }

    [Benchmark(OperationsPerInvoke = SgdExamples), BenchmarkCategory(Catalog.DigitSgd)]
    public float CompiledTrainStep()
    {
        float loss = 0;
        Digit128Net net = _net;
        for (int n = 0; n < SgdExamples; n++)
            loss += net.TrainStep(_data.Input(n), _data.Target(n), Rate);
        return loss;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = NaiveBatchExamples), BenchmarkCategory(Catalog.DigitBatch32)]
    public float NaiveMiniBatch()
    {
        float loss = 0;
        for (int start = 0; start < NaiveBatchExamples; start += Batch)
        {
            for (int n = start; n < start + Batch; n++)
                loss += _naive.Backpropagate(_data.InputRows[n], _data.TargetRows[n]);
            _naive.ApplyGradient(Rate / Batch);
        }

        return loss;
    }

    /// <summary>What Sgd does per batch (without its copy of the batch into a buffer): BackpropagateBatch + ApplyGradient.</summary>
    [Benchmark(OperationsPerInvoke = BatchExamples), BenchmarkCategory(Catalog.DigitBatch32)]
    public float CompiledMiniBatch()
    {
        float loss = 0;
        Digit128Net net = _net;
        for (int start = 0; start < BatchExamples; start += Batch)
        {
            Array.Clear(_gradient);
            loss += net.BackpropagateBatch(_data.Inputs.AsSpan(start * 784, Batch * 784), _data.Targets.AsSpan(start * 10, Batch * 10), _gradient);
            net.ApplyGradient(_gradient, Rate / Batch);
        }

        return loss;
    }

    /// <summary>
    /// The runtime's trainer, one epoch of 1024 examples in batches of 32, 1 thread, no shuffling or evaluation. Each
    /// optimizer is made once, as by a user who trains epoch by epoch: a new momentum or Adam per call would allocate
    /// its 0.4-0.8 MB of state on the pinned heap every 32 steps, and the collections that set off (one every 5-7 calls)
    /// would be measured instead of the optimizer's steps.
    /// </summary>
    [Benchmark(OperationsPerInvoke = BatchExamples), BenchmarkCategory(Catalog.DigitBatch32)]
    public int SgdTrain1Thread() => Trainer.Train(_net, _dataset, _sgd, Options(1)).Count;

    /// <summary>The same with classical momentum 0.9 (the digits sample's optimizer).</summary>
    [Benchmark(OperationsPerInvoke = BatchExamples), BenchmarkCategory(Catalog.DigitBatch32)]
    public int MomentumTrain1Thread() => Trainer.Train(_net, _dataset, _momentum, Options(1)).Count;

    /// <summary>The same with Nesterov momentum 0.9.</summary>
    [Benchmark(OperationsPerInvoke = BatchExamples), BenchmarkCategory(Catalog.DigitBatch32)]
    public int NesterovTrain1Thread() => Trainer.Train(_net, _dataset, _nesterov, Options(1)).Count;

    /// <summary>The same with Adam (PyTorch's defaults).</summary>
    [Benchmark(OperationsPerInvoke = BatchExamples), BenchmarkCategory(Catalog.DigitBatch32)]
    public int AdamTrain1Thread() => Trainer.Train(_net, _dataset, _adam, Options(1)).Count;

    /// <summary>The same with AdamW (PyTorch's defaults: weight decay 0.01).</summary>
    [Benchmark(OperationsPerInvoke = BatchExamples), BenchmarkCategory(Catalog.DigitBatch32)]
    public int AdamWTrain1Thread() => Trainer.Train(_net, _dataset, _adamW, Options(1)).Count;

    /// <summary>The same as SgdTrain1Thread with Threads = 2 (each call takes a parked helper thread and leads it, as Trainer.Train does).</summary>
    [Benchmark(OperationsPerInvoke = BatchExamples), BenchmarkCategory(Catalog.DigitBatch32)]
    public int SgdTrain2Threads() => Trainer.Train(_net, _dataset, _sgd, Options(2)).Count;

    /// <summary>
    /// The same with twice as many threads as the machine has cores: the trainer runs one thread per core (this
    /// dense network's step is shared by neurons, so more threads would only take turns on the cores).
    /// </summary>
    [Benchmark(OperationsPerInvoke = BatchExamples), BenchmarkCategory(Catalog.DigitBatch32)]
    public int SgdTrainTwiceTheCores() => Trainer.Train(_net, _dataset, _sgd, Options(2 * Environment.ProcessorCount)).Count;

    private static TrainingOptions Options(int threads) => new() { Epochs = 1, BatchSize = Batch, Threads = threads, Shuffle = false };

    // ---- Workload 4: inference ----------------------------------------------------------------------------------

    [Benchmark(Baseline = true, OperationsPerInvoke = PredictExamples), BenchmarkCategory(Catalog.DigitPredict1)]
    public float NaivePredict()
    {
        float sum = 0;
        for (int n = 0; n < PredictExamples; n++)
            sum += _naive.Forward(_data.InputRows[n])[0];
        return sum;
    }

    [Benchmark(OperationsPerInvoke = PredictExamples), BenchmarkCategory(Catalog.DigitPredict1)]
    public float CompiledPredict()
    {
        float sum = 0;
        Digit128Net net = _net;
        Span<float> output = _outputs.AsSpan(0, 10);
        for (int n = 0; n < PredictExamples; n++)
        {
            net.Predict(_data.Input(n), output);
            sum += output[0];
        }

        return sum;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = PredictExamples), BenchmarkCategory(Catalog.DigitPredict256)]
    public float NaivePredictBatch()
    {
        for (int n = 0; n < PredictExamples; n++)
            Array.Copy(_naive.Forward(_data.InputRows[n]), 0, _naiveOutputs, n * 10, 10);
        return _naiveOutputs[0];
    }

    [Benchmark(OperationsPerInvoke = PredictExamples), BenchmarkCategory(Catalog.DigitPredict256)]
    public float CompiledPredictBatch()
    {
        _net.PredictBatch(_data.Inputs.AsSpan(0, PredictExamples * 784), _outputs);
        return _outputs[0];
    }

    // What the trainer runs on the validation set after every epoch (the digits sample: 2,000 test images, 20 times).
    [Benchmark(OperationsPerInvoke = BatchExamples), BenchmarkCategory(Catalog.DigitEvaluate)]
    public double Evaluate() => Trainer.Evaluate(_net, _dataset).Loss;
}

/// <summary>Workload 5: 784-256-128-10 ReLU, softmax + cross-entropy, mini-batches of 64.</summary>
public class DeepBenchmarks
{
    private const int NaiveExamples = 128;
    private const int Examples = 1024;
    private const int Batch = 64;
    private const float Rate = 0.01f;
    private SyntheticData _data = null!;
    private Dataset<float> _dataset = null!;
    private Deep256Net _net = null!;
    private NaiveMlp _naive = null!;
    private readonly float[] _gradient = new float[Deep256Net.ParameterCount];

    [GlobalSetup]
    public void Setup()
    {
        _data = new SyntheticData(Examples, 784, 10, oneHot: true, seed: 7);
        _dataset = _data.ToDataset();
        _net = new Deep256Net();
        _naive = new NaiveMlp([784, 256, 128, 10], [NaiveActivation.Relu, NaiveActivation.Relu, NaiveActivation.Softmax]);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = NaiveExamples), BenchmarkCategory(Catalog.DeepBatch64)]
    public float NaiveMiniBatch()
    {
        float loss = 0;
        for (int start = 0; start < NaiveExamples; start += Batch)
        {
            for (int n = start; n < start + Batch; n++)
                loss += _naive.Backpropagate(_data.InputRows[n], _data.TargetRows[n]);
            _naive.ApplyGradient(Rate / Batch);
        }

        return loss;
    }

    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory(Catalog.DeepBatch64)]
    public float CompiledMiniBatch()
    {
        float loss = 0;
        Deep256Net net = _net;
        for (int start = 0; start < Examples; start += Batch)
        {
            Array.Clear(_gradient);
            loss += net.BackpropagateBatch(_data.Inputs.AsSpan(start * 784, Batch * 784), _data.Targets.AsSpan(start * 10, Batch * 10), _gradient);
            net.ApplyGradient(_gradient, Rate / Batch);
        }

        return loss;
    }

    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory(Catalog.DeepBatch64)]
    public int SgdTrain2Threads()
        => Trainer.Train(_net, _dataset, new Sgd(Rate), new TrainingOptions { Epochs = 1, BatchSize = Batch, Threads = 2, Shuffle = false }).Count;
}
