using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using CompiledNets.Training;

namespace CompiledNets.Benchmarks.Workloads;

/// <summary>
/// Each optimizer's update alone: one step over the digits network's 101,770 parameters from a gradient, every buffer
/// on a 64-byte boundary and warm in cache, per example of a batch of 32 (a step's time / 32), so that each row reads
/// against the "mini-batch 32" rows' time per example. The difference from plain SGD's row is the least an optimizer
/// can add to a training step: Adam's extra is a square root and a division per value, which no ordering of the
/// memory traffic removes.
/// </summary>
public unsafe class OptimizerStepBenchmarks
{
    private const int Parameters = Catalog.DigitParameters, Batch = 32;
    private float* _parameters, _gradient;
    private Optimizer _sgd = null!, _momentum = null!, _nesterov = null!, _adam = null!, _adamW = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _parameters = AlignedValues.Random(Parameters, random);
        _gradient = AlignedValues.Random(Parameters, random);
        // Rates small enough that a benchmark's many steps leave the parameters near where they started.
        _sgd = new Sgd(1e-6);
        _momentum = new Sgd(1e-6, momentum: 0.9);
        _nesterov = new Sgd(1e-6, momentum: 0.9, nesterov: true);
        _adam = new Adam(1e-6);
        _adamW = new AdamW(1e-6);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        NativeMemory.AlignedFree(_parameters);
        NativeMemory.AlignedFree(_gradient);
    }

    [Benchmark(OperationsPerInvoke = Batch), BenchmarkCategory(Catalog.OptimizerStep)]
    public void SgdStep() => Step(_sgd);

    [Benchmark(OperationsPerInvoke = Batch), BenchmarkCategory(Catalog.OptimizerStep)]
    public void MomentumStep() => Step(_momentum);

    [Benchmark(OperationsPerInvoke = Batch), BenchmarkCategory(Catalog.OptimizerStep)]
    public void NesterovStep() => Step(_nesterov);

    [Benchmark(OperationsPerInvoke = Batch), BenchmarkCategory(Catalog.OptimizerStep)]
    public void AdamStep() => Step(_adam);

    [Benchmark(OperationsPerInvoke = Batch), BenchmarkCategory(Catalog.OptimizerStep)]
    public void AdamWStep() => Step(_adamW);

    private void Step(Optimizer optimizer)
        => optimizer.Step(new Span<float>(_parameters, Parameters), new ReadOnlySpan<float>(_gradient, Parameters), 1f / Batch);
}
