using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using CompiledNets.Benchmarks.Networks;
using CompiledNets.Benchmarks.Workloads;

namespace CompiledNets.Benchmarks.Baseline.HandWrittenC;

/// <summary>
/// Issue 8's hand-written C (baseline.c beside this file) in the same run as the generated code: per-example SGD and
/// batch-1 inference of 784-128-10 (workloads 3 and 4) and per-example SGD of the 3-4-1 tutorial network (workload 2).
/// Each row sits in its workload's category, so the summary puts it beside the naive C# and the generated code. The
/// library is built by this project where gcc is installed; without it these rows fail and say how to get them.
/// </summary>
public unsafe class HandWrittenCBenchmarks
{
    private const string Library = "compilednets_c_baseline";
    private const int SgdExamples = 256, PredictExamples = 256, TinySteps = 1000;

    private SyntheticData _data = null!;
    private float* _digits; // W1, b1, W2, b2 of 784-128-10, from a 64-byte boundary, as the generated network's are
    private float* _tiny;   // W1 (4 x 3), W2 (1 x 4)
    private readonly float[] _outputs = new float[PredictExamples * 10];
    private readonly float[] _tinyX = [0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1];
    private readonly float[] _tinyY = [0, 1, 1, 0];

    [GlobalSetup]
    public void Setup()
    {
        if (!NativeLibrary.TryLoad(Library, typeof(HandWrittenCBenchmarks).Assembly, null, out nint handle))
            throw new InvalidOperationException($"lib{Library}.so is missing: install gcc and rebuild the benchmark project to measure the C rows.");
        NativeLibrary.Free(handle);
        _data = new SyntheticData(SgdExamples, 784, 10, oneHot: true);
        _digits = Allocate(new Digit128Net().Parameters);
        _tiny = Allocate(new Tiny341Net().Parameters);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        NativeMemory.AlignedFree(_digits);
        NativeMemory.AlignedFree(_tiny);
    }

    [Benchmark(OperationsPerInvoke = SgdExamples), BenchmarkCategory(Catalog.DigitSgd)]
    public float HandWrittenC()
    {
        float* w1 = _digits, b1 = w1 + 784 * 128, w2 = b1 + 128, b2 = w2 + 128 * 10;
        fixed (float* inputs = _data.Inputs, targets = _data.Targets)
            return DigitsTrain(w1, b1, w2, b2, inputs, targets, SgdExamples, 0.01f);
    }

    [Benchmark(OperationsPerInvoke = PredictExamples), BenchmarkCategory(Catalog.DigitPredict1)]
    public float HandWrittenCPredict()
    {
        float* w1 = _digits, b1 = w1 + 784 * 128, w2 = b1 + 128, b2 = w2 + 128 * 10;
        fixed (float* inputs = _data.Inputs, outputs = _outputs)
        {
            DigitsPredict(w1, b1, w2, b2, inputs, PredictExamples, outputs);
            return outputs[0];
        }
    }

    [Benchmark(OperationsPerInvoke = TinySteps), BenchmarkCategory(Catalog.TinySgd)]
    public float HandWrittenCTrainStep()
    {
        fixed (float* x = _tinyX, y = _tinyY)
            return Tiny341Train(_tiny, _tiny + 12, x, y, TinySteps, 1f);
    }

    private static float* Allocate(ReadOnlySpan<float> initial)
    {
        var values = (float*)NativeMemory.AlignedAlloc((nuint)(initial.Length * sizeof(float)), 64);
        initial.CopyTo(new Span<float>(values, initial.Length));
        return values;
    }

    [DllImport(Library, EntryPoint = "digits_train")]
    private static extern float DigitsTrain(float* w1, float* b1, float* w2, float* b2, float* inputs, float* targets, int count, float rate);

    [DllImport(Library, EntryPoint = "digits_predict")]
    private static extern void DigitsPredict(float* w1, float* b1, float* w2, float* b2, float* inputs, int count, float* outputs);

    [DllImport(Library, EntryPoint = "tiny341_train")]
    private static extern float Tiny341Train(float* w1, float* w2, float* inputs, float* targets, int steps, float rate);
}
