using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using CompiledNets.Benchmarks.Networks;

namespace CompiledNets.Benchmarks.Workloads;

/// <summary>
/// The UnrollLimit study: each shape inputs-hidden-1 (tanh hidden, linear output, MSE) compiled with UnrollLimit = 0
/// (every layer as kernel calls; the baseline of its category) and UnrollLimit = 256, the most the generator unrolls (a
/// network's unrolled layers hold at most 256 values, so 16-16-1's hidden layer is kernel calls there too).
/// Each invocation runs 256 examples. Category names are "U {shape} {operation} ({hidden weights} w)".
/// </summary>
public class UnrollLimitBenchmarks
{
    private const int Examples = 256;
    private const float Rate = 0.01f;
    private readonly float[] _output = new float[1];
    private readonly SyntheticData _data4x8 = new(Examples, 4, 1, oneHot: false, seed: 408);
    private readonly U4x8Loops _loops4x8 = new();
    private readonly U4x8Unrolled _unrolled4x8 = new();
    private readonly SyntheticData _data8x8 = new(Examples, 8, 1, oneHot: false, seed: 808);
    private readonly U8x8Loops _loops8x8 = new();
    private readonly U8x8Unrolled _unrolled8x8 = new();
    private readonly SyntheticData _data8x16 = new(Examples, 8, 1, oneHot: false, seed: 816);
    private readonly U8x16Loops _loops8x16 = new();
    private readonly U8x16Unrolled _unrolled8x16 = new();
    private readonly SyntheticData _data16x16 = new(Examples, 16, 1, oneHot: false, seed: 1616);
    private readonly U16x16Loops _loops16x16 = new();
    private readonly U16x16Unrolled _unrolled16x16 = new();

    [Benchmark(Baseline = true, OperationsPerInvoke = Examples), BenchmarkCategory("U 4-8-1 TrainStep (32 w)")]
    public float TrainStep_4x8_Loops() => TrainSteps(_loops4x8, _data4x8);

    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory("U 4-8-1 TrainStep (32 w)")]
    public float TrainStep_4x8_Unrolled() => TrainSteps(_unrolled4x8, _data4x8);

    [Benchmark(Baseline = true, OperationsPerInvoke = Examples), BenchmarkCategory("U 4-8-1 Predict (32 w)")]
    public float Predict_4x8_Loops() => Predictions(_loops4x8, _data4x8);

    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory("U 4-8-1 Predict (32 w)")]
    public float Predict_4x8_Unrolled() => Predictions(_unrolled4x8, _data4x8);

    [Benchmark(Baseline = true, OperationsPerInvoke = Examples), BenchmarkCategory("U 8-8-1 TrainStep (64 w)")]
    public float TrainStep_8x8_Loops() => TrainSteps(_loops8x8, _data8x8);

    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory("U 8-8-1 TrainStep (64 w)")]
    public float TrainStep_8x8_Unrolled() => TrainSteps(_unrolled8x8, _data8x8);

    [Benchmark(Baseline = true, OperationsPerInvoke = Examples), BenchmarkCategory("U 8-8-1 Predict (64 w)")]
    public float Predict_8x8_Loops() => Predictions(_loops8x8, _data8x8);

    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory("U 8-8-1 Predict (64 w)")]
    public float Predict_8x8_Unrolled() => Predictions(_unrolled8x8, _data8x8);

    [Benchmark(Baseline = true, OperationsPerInvoke = Examples), BenchmarkCategory("U 8-16-1 TrainStep (128 w)")]
    public float TrainStep_8x16_Loops() => TrainSteps(_loops8x16, _data8x16);

    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory("U 8-16-1 TrainStep (128 w)")]
    public float TrainStep_8x16_Unrolled() => TrainSteps(_unrolled8x16, _data8x16);

    [Benchmark(Baseline = true, OperationsPerInvoke = Examples), BenchmarkCategory("U 8-16-1 Predict (128 w)")]
    public float Predict_8x16_Loops() => Predictions(_loops8x16, _data8x16);

    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory("U 8-16-1 Predict (128 w)")]
    public float Predict_8x16_Unrolled() => Predictions(_unrolled8x16, _data8x16);

    [Benchmark(Baseline = true, OperationsPerInvoke = Examples), BenchmarkCategory("U 16-16-1 TrainStep (256 w)")]
    public float TrainStep_16x16_Loops() => TrainSteps(_loops16x16, _data16x16);

    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory("U 16-16-1 TrainStep (256 w)")]
    public float TrainStep_16x16_Unrolled() => TrainSteps(_unrolled16x16, _data16x16);

    [Benchmark(Baseline = true, OperationsPerInvoke = Examples), BenchmarkCategory("U 16-16-1 Predict (256 w)")]
    public float Predict_16x16_Loops() => Predictions(_loops16x16, _data16x16);

    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory("U 16-16-1 Predict (256 w)")]
    public float Predict_16x16_Unrolled() => Predictions(_unrolled16x16, _data16x16);

    // Inlined into each benchmark, so every call below is made on the concrete network type: direct, not through
    // the interface.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float TrainSteps<TNet>(TNet net, SyntheticData data) where TNet : class, INeuralNetwork<TNet, float>
    {
        float sum = 0;
        for (int n = 0; n < Examples; n++)
            sum += net.TrainStep(data.Input(n), data.Target(n), Rate);
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float Predictions<TNet>(TNet net, SyntheticData data) where TNet : class, INeuralNetwork<TNet, float>
    {
        float sum = 0;
        for (int n = 0; n < Examples; n++)
        {
            net.Predict(data.Input(n), _output);
            sum += _output[0];
        }

        return sum;
    }
}
