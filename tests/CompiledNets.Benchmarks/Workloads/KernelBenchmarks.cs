using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using CompiledNets.Numerics;

namespace CompiledNets.Benchmarks.Workloads;

/// <summary>
/// The two kernels that take most of a batch-32 training step of the digits network, alone: its first layer's forward
/// product (MatrixTimesMatrix) and weight gradient (AddDeltasTimesInputs), 784 x 128 over 32 examples, with every
/// buffer on a 64-byte boundary as the generated network and the trainer keep them. Issue 8 asks these to reach 55% of
/// the Vector512 FMA peak that the summary prints. No naive baseline: the other workloads compare whole steps.
/// </summary>
public unsafe class KernelBenchmarks
{
    private const int Inputs = 784, Neurons = 128, Examples = 32;
    private float* _weights, _biases, _inputs, _outputs, _deltas, _gradient;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        _weights = AlignedValues.Random(Neurons * Inputs, random);
        _biases = AlignedValues.Random(Neurons, random);
        _inputs = AlignedValues.Random(Examples * Inputs, random);
        _outputs = AlignedValues.Random(Examples * Neurons, random);
        _deltas = AlignedValues.Random(Examples * Neurons, random);
        _gradient = AlignedValues.Random(Neurons * Inputs, random);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        NativeMemory.AlignedFree(_weights);
        NativeMemory.AlignedFree(_biases);
        NativeMemory.AlignedFree(_inputs);
        NativeMemory.AlignedFree(_outputs);
        NativeMemory.AlignedFree(_deltas);
        NativeMemory.AlignedFree(_gradient);
    }

    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory(Catalog.KernelForward)]
    public void Forward()
        => DenseKernels.MatrixTimesMatrix<Shape, float>(
            new ReadOnlySpan<float>(_weights, Neurons * Inputs), new ReadOnlySpan<float>(_biases, Neurons),
            new ReadOnlySpan<float>(_inputs, Examples * Inputs), new Span<float>(_outputs, Examples * Neurons), Examples);

    [Benchmark(OperationsPerInvoke = Examples), BenchmarkCategory(Catalog.KernelGradient)]
    public void WeightGradient()
        => DenseKernels.AddDeltasTimesInputs<Shape, float>(
            new Span<float>(_gradient, Neurons * Inputs), new ReadOnlySpan<float>(_deltas, Examples * Neurons),
            new ReadOnlySpan<float>(_inputs, Examples * Inputs), Examples);

    /// <summary>The digits network's first layer, as the generator declares a layer's shape.</summary>
    private readonly struct Shape : IDenseShape
    {
        public static int Inputs => KernelBenchmarks.Inputs;
        public static int Outputs => Neurons;
    }
}
