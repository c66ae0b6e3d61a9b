using System.Numerics;
using CompiledNets.Tests.Networks;

namespace CompiledNets.Tests.MathTests;

/// <summary>
/// After warm-up, no call allocates: parameters live inside the instance, and each call's scratch is a stack local or,
/// when large, the calling thread's ThreadScratch (allocated once per thread, during warm-up).
/// </summary>
public sealed class AllocationTests
{
    private const int Calls = 1000;

    [Fact] public void Small_unrolled_double_network_does_not_allocate() => AssertNoAllocation<PropUnrolledDouble, double>();
    [Fact] public void Small_unrolled_float_network_does_not_allocate() => AssertNoAllocation<PropUnrolledFloat, float>();
    [Fact] public void Mnist_784_128_10_loop_network_does_not_allocate() => AssertNoAllocation<Mnist784, float>();
    [Fact] public void Loop_double_network_does_not_allocate() => AssertNoAllocation<PropLoopDouble, double>();
    [Fact] public void Wide_network_with_thread_scratch_does_not_allocate() => AssertNoAllocation<WideFloat, float>();
    [Fact] public void Convolution_chain_does_not_allocate() => AssertNoAllocation<ConvChainFloat, float>();
    [Fact] public void Convolution_digits_network_does_not_allocate() => AssertNoAllocation<ConvDigitsShape, float>();

    private static void AssertNoAllocation<TNet, T>()
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(3);
        TNet network = TNet.Create();
        T[] input = TestValues.Convert<T>(TestValues.Uniform(random, TNet.InputSize, 1));
        T[] target = TestValues.Convert<T>(TestValues.Target(random, TNet.Loss, TNet.OutputSize));
        var output = new T[TNet.OutputSize];
        T[] inputs = [.. input, .. input, .. input];
        var outputs = new T[3 * TNet.OutputSize];
        var losses = new T[3];
        T[] targets = [.. target, .. target, .. target];
        var gradient = new T[TNet.ParameterCount];
        T rate = T.CreateChecked(1e-6);
        T sink = T.Zero;

        // Warm-up: past tiering, so that what is measured is the steady state.
        for (int round = 0; round < 3; round++)
        {
            for (int k = 0; k < 200; k++)
            {
                network.Predict(input, output);
                sink += network.TrainStep(input, target, rate);
                sink += network.Backpropagate(input, target, gradient);
                network.ApplyGradient(gradient, rate);
                sink += network.ComputeLoss(input, target);
                network.ComputeLossBatch(inputs, targets, outputs, losses);
                network.PredictBatch(inputs, outputs);
                sink += network.BackpropagateBatch(inputs, targets, gradient);
            }

            Thread.Sleep(50);
        }

        long predict = Least(() =>
        {
            for (int k = 0; k < Calls; k++)
                network.Predict(input, output);
        });
        long trainStep = Least(() =>
        {
            for (int k = 0; k < Calls; k++)
                sink += network.TrainStep(input, target, rate);
        });
        long backpropagate = Least(() =>
        {
            for (int k = 0; k < Calls; k++)
                sink += network.Backpropagate(input, target, gradient);
        });
        long applyGradient = Least(() =>
        {
            for (int k = 0; k < Calls; k++)
                network.ApplyGradient(gradient, rate);
        });
        long computeLoss = Least(() =>
        {
            for (int k = 0; k < Calls; k++)
            {
                sink += network.ComputeLoss(input, target);
                network.ComputeLossBatch(inputs, targets, outputs, losses);
                sink += losses[0];
            }
        });
        long batches = Least(() =>
        {
            for (int k = 0; k < Calls; k++)
            {
                network.PredictBatch(inputs, outputs);
                sink += network.BackpropagateBatch(inputs, targets, gradient);
            }
        });

        Assert.Equal(
            "Predict 0, TrainStep 0, Backpropagate 0, ApplyGradient 0, ComputeLoss 0, PredictBatch and BackpropagateBatch 0",
            $"Predict {predict}, TrainStep {trainStep}, Backpropagate {backpropagate}, ApplyGradient {applyGradient}, ComputeLoss {computeLoss}, PredictBatch and BackpropagateBatch {batches}");
    }

    /// <summary>
    /// The least this thread allocated over three runs of <paramref name="calls"/>. A collection that another test's
    /// thread sets off during a run can add up to an allocation quantum (about 8 KB) to this thread's count: CI once
    /// saw 9,560 bytes for the batched calls of a network that allocates nothing. An allocation per call shows in
    /// every run, as <see cref="Calls"/> times its size.
    /// </summary>
    private static long Least(Action calls)
    {
        long least = long.MaxValue;
        for (int run = 0; run < 3; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            calls();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
