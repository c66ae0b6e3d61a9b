using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using CompiledNets.Benchmarks.Baseline;
using CompiledNets.Benchmarks.Networks;
using CompiledNets.Data;
using CompiledNets.Training;

namespace CompiledNets.Benchmarks.Workloads;

/// <summary>Workload 1: one weight learning 5 -> 42. Each invocation is 1000 dependent steps.</summary>
public class OneWeightBenchmarks
{
    private const int Steps = 1000;
    private readonly float[] _input = [5f];
    private readonly float[] _goal = [42f];
    private OneWeightNet _net = null!;
    private NaiveMlp _naive = null!;
    private float _weight;
    private readonly float[] _weightInMemory = [1f];

    [GlobalSetup]
    public void Setup()
    {
        _net = new OneWeightNet();
        _net.Layer1Weights[0] = 1f;
        _naive = new NaiveMlp([1, 1], [NaiveActivation.Linear], bias: false);
        _naive.Weights[0][0][0] = 1f;
        _weight = 1f;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Steps), BenchmarkCategory(Catalog.OneWeight)]
    public float Naive()
    {
        float loss = 0;
        for (int s = 0; s < Steps; s++)
            loss += _naive.TrainStep(_input, _goal, 0.01f);
        return loss;
    }

    /// <summary>The tutorial's three lines, inlined by hand: the floor for this workload.</summary>
    [Benchmark(OperationsPerInvoke = Steps), BenchmarkCategory(Catalog.OneWeight)]
    public float HandWrittenScalar()
    {
        float weight = _weight, input = _input[0], goal = _goal[0], loss = 0;
        for (int s = 0; s < Steps; s++)
        {
            float delta = weight * input - goal;
            loss += 0.5f * delta * delta;
            weight -= 0.01f * delta * input;
        }

        _weight = weight;
        return loss;
    }

    /// <summary>
    /// The same three lines with the weight kept in memory, as a network object keeps its parameters: each step stores
    /// it and the next loads it back, so the store-to-load forwarding joins the step's chain of dependent operations.
    /// The floor for any step whose weight outlives the call.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Steps), BenchmarkCategory(Catalog.OneWeight)]
    public float HandWrittenWeightInMemory()
    {
        ref float weight = ref MemoryMarshal.GetArrayDataReference(_weightInMemory);
        float input = _input[0], goal = _goal[0], loss = 0;
        for (int s = 0; s < Steps; s++)
        {
            float delta = weight * input - goal;
            loss += 0.5f * delta * delta;
            weight -= 0.01f * delta * input;
        }

        return loss;
    }

    [Benchmark(OperationsPerInvoke = Steps), BenchmarkCategory(Catalog.OneWeight)]
    public float Compiled()
    {
        float loss = 0;
        OneWeightNet net = _net;
        ReadOnlySpan<float> input = _input, goal = _goal;
        for (int s = 0; s < Steps; s++)
            loss += net.TrainStep(input, goal, 0.01f);
        return loss;
    }
}

/// <summary>Workload 2: the tutorial's 3-4-1 sigmoid network on its four examples.</summary>
public class Tiny341Benchmarks
{
    private const int SgdSteps = 1000;
    private const int ManyEpochs = 10_000;
    private const int Iterations = 1500;
    private const int Examples = 4;
    private const float Rate = 1f;
    private static readonly float[][] X = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]];
    private static readonly float[][] Y = [[0], [1], [1], [0]];
    private readonly float[] _flatX = X.SelectMany(r => r).ToArray();
    private readonly float[] _flatY = Y.SelectMany(r => r).ToArray();
    private readonly float[] _gradient = new float[Tiny341Net.ParameterCount];
    private Tiny341Net _net = null!;
    private NaiveMlp _naive = null!;
    private Dataset<float> _dataset = null!;
    private Dataset<float> _repeated = null!; // the 4 examples repeated into one epoch of SgdSteps

    [GlobalSetup]
    public void Setup()
    {
        _net = new Tiny341Net();
        _naive = new NaiveMlp([3, 4, 1], [NaiveActivation.Sigmoid, NaiveActivation.Sigmoid], bias: false);
        _dataset = new Dataset<float>(_flatX, 3, _flatY, 1);
        _repeated = new Dataset<float>(
            Enumerable.Range(0, SgdSteps).SelectMany(s => X[s & 3]).ToArray(), 3,
            Enumerable.Range(0, SgdSteps).SelectMany(s => Y[s & 3]).ToArray(), 1);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SgdSteps), BenchmarkCategory(Catalog.TinySgd)]
    public float NaiveTrainStep()
    {
        float loss = 0;
        for (int s = 0; s < SgdSteps; s++)
            loss += _naive.TrainStep(X[s & 3], Y[s & 3], Rate);
        return loss;
    }

    [Benchmark(OperationsPerInvoke = SgdSteps), BenchmarkCategory(Catalog.TinySgd)]
    public float CompiledTrainStep()
    {
        float loss = 0;
        Tiny341Net net = _net;
        ReadOnlySpan<float> x = _flatX, y = _flatY;
        for (int s = 0; s < SgdSteps; s++)
        {
            int n = s & 3;
            loss += net.TrainStep(x.Slice(n * 3, 3), y.Slice(n, 1), Rate);
        }

        return loss;
    }

    /// <summary>The same steps through the runtime's trainer: Trainer.Train with plain Sgd, 250 epochs of the 4 examples, no evaluation.</summary>
    [Benchmark(OperationsPerInvoke = SgdSteps), BenchmarkCategory(Catalog.TinySgd)]
    public int SgdTrainBatch1()
    {
        var options = new TrainingOptions { Epochs = SgdSteps / Examples, BatchSize = 1, Shuffle = false };
        return Trainer.Train(_net, _dataset, new Sgd(Rate), options).Count;
    }

    /// <summary>
    /// A tutorial-length run through the trainer: 10,000 epochs of the 4 examples in one call, whose epoch reports
    /// the run keeps to its end (in <see cref="SgdTrainBatch1"/> they are few and die young).
    /// </summary>
    [Benchmark(OperationsPerInvoke = ManyEpochs * Examples), BenchmarkCategory(Catalog.TinySgd)]
    public int SgdTrainBatch1ManyEpochs()
        => Trainer.Train(_net, _dataset, new Sgd(Rate), new TrainingOptions { Epochs = ManyEpochs, BatchSize = 1, Shuffle = false }).Count;

    /// <summary>
    /// The same steps through the trainer as one epoch of the 4 examples repeated: the trainer's cost per step
    /// without its cost per epoch (a report, two timestamps, the finite-parameter check), which the 4-example epochs
    /// above pay every fourth step.
    /// </summary>
    [Benchmark(OperationsPerInvoke = SgdSteps), BenchmarkCategory(Catalog.TinySgd)]
    public int SgdTrainOneLongEpoch()
        => Trainer.Train(_net, _repeated, new Sgd(Rate), new TrainingOptions { Epochs = 1, BatchSize = 1, Shuffle = false }).Count;

    [Benchmark(Baseline = true, OperationsPerInvoke = Iterations * Examples), BenchmarkCategory(Catalog.TinyFullBatch)]
    public float NaiveFullBatch()
    {
        float loss = 0;
        for (int it = 0; it < Iterations; it++)
        {
            for (int n = 0; n < Examples; n++)
                loss += _naive.Backpropagate(X[n], Y[n]);
            _naive.ApplyGradient(Rate);
        }

        return loss;
    }

    [Benchmark(OperationsPerInvoke = Iterations * Examples), BenchmarkCategory(Catalog.TinyFullBatch)]
    public float CompiledFullBatch()
    {
        float loss = 0;
        Tiny341Net net = _net;
        ReadOnlySpan<float> x = _flatX, y = _flatY;
        Span<float> gradient = _gradient;
        for (int it = 0; it < Iterations; it++)
        {
            gradient.Clear();
            for (int n = 0; n < Examples; n++)
                loss += net.Backpropagate(x.Slice(n * 3, 3), y.Slice(n, 1), gradient);
            net.ApplyGradient(gradient, Rate);
        }

        return loss;
    }

    /// <summary>The same iterations with the four examples in one BackpropagateBatch call, as code that batches them writes it.</summary>
    [Benchmark(OperationsPerInvoke = Iterations * Examples), BenchmarkCategory(Catalog.TinyFullBatch)]
    public float CompiledBatchCall()
    {
        float loss = 0;
        Tiny341Net net = _net;
        Span<float> gradient = _gradient;
        for (int it = 0; it < Iterations; it++)
        {
            gradient.Clear();
            loss += net.BackpropagateBatch(_flatX, _flatY, gradient);
            net.ApplyGradient(gradient, Rate);
        }

        return loss;
    }

    /// <summary>Mini-batches of 32 through the trainer, with momentum: one epoch of the four examples repeated.</summary>
    [Benchmark(OperationsPerInvoke = SgdSteps), BenchmarkCategory(Catalog.TinyBatch32)]
    public int MomentumTrainBatch32()
        => Trainer.Train(_net, _repeated, new Sgd(0.1, momentum: 0.9), new TrainingOptions { Epochs = 1, BatchSize = 32, Shuffle = false }).Count;

    /// <summary>Full-batch iterations through the trainer: one epoch of the four examples repeated, in batches of four.</summary>
    [Benchmark(OperationsPerInvoke = SgdSteps), BenchmarkCategory(Catalog.TinyFullBatch)]
    public int SgdTrainFullBatches()
        => Trainer.Train(_net, _repeated, new Sgd(Rate), new TrainingOptions { Epochs = 1, BatchSize = Examples, Shuffle = false }).Count;
}
