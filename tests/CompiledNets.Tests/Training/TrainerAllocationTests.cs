using CompiledNets.Data;
using CompiledNets.Numerics;
using CompiledNets.Training;

namespace CompiledNets.Tests.Training;

[Network(Loss = Loss.CrossEntropy, UnrollLimit = 0)]
[Input(20)]
[Dense(16, Activation.Relu)]
[Dense(4, Activation.Softmax)]
public partial class AllocationProbeNet;

/// <summary>
/// Runs alone, after the parallel tests: it counts the bytes every thread of the process allocates (the data-parallel
/// workers too), which other tests running meanwhile would add to.
/// </summary>
[CollectionDefinition(nameof(ProcessWideAllocation), DisableParallelization = true)]
public sealed class ProcessWideAllocation;

/// <summary>Training allocates its buffers once per run: nothing per step or per batch, on any thread.</summary>
[Collection(nameof(ProcessWideAllocation))]
public sealed class TrainerAllocationTests
{
    [Theory]
    [InlineData(1, 1, "sgd")]       // per-sample, fused TrainStep
    [InlineData(16, 1, "sgd")]      // mini-batch
    [InlineData(16, 1, "momentum")] // mini-batch with momentum
    [InlineData(16, 2, "momentum")] // two threads (a dense network: they share each kernel by neurons)
    [InlineData(16, 1, "nesterov")]
    [InlineData(16, 1, "adam")]
    [InlineData(16, 2, "adamw")]
    [InlineData(16, 1, "clipped")]
    [InlineData(16, 2, "clipped")]
    [InlineData(1, 1, "sgd", true)] // each input shifted as a 1 x 4 x 5 image
    [InlineData(16, 1, "momentum", true)]
    [InlineData(16, 2, "momentum", true)]
    public void Allocation_DoesNotGrowWithTheNumberOfBatches(int batchSize, int threads, string optimizer, bool shifted = false)
    {
        var options = new TrainingOptions
        {
            Epochs = 1, BatchSize = batchSize, Threads = threads, Augmentation = shifted ? new RandomShift(1, 1, 4, 5) : null,
        };
        Dataset<float> small = RandomSet(64 * batchSize), large = RandomSet(64 * 64 * batchSize);
        // Warm up with the large set, so methods are already hot: tiering them up later allocates on the JIT's side.
        Trainer.Train(new AllocationProbeNet(), large, TestOptimizers.Create(optimizer), options);
        Trainer.Train(new AllocationProbeNet(), small, TestOptimizers.Create(optimizer), options);

        (long forSmall, long forLarge) = LeastGrowth(
            () => Trainer.Train(new AllocationProbeNet(), small, TestOptimizers.Create(optimizer), options),
            () => Trainer.Train(new AllocationProbeNet(), large, TestOptimizers.Create(optimizer), options));

        // 64 times the batches (64 against 4,096); what the run allocates up front (buffers, order, report) scales with
        // the data set's count only through the int[] shuffle order (4 bytes per example), so allow exactly that much
        // more. A few KB more can come from the JIT finishing tier-up on this thread; one object per batch (24 bytes at
        // least) over the 4,032 extra batches would be 97 KB, far above the 8 KB allowed.
        long orderGrowth = (large.Count - small.Count) * sizeof(int);
        Assert.True(forLarge - forSmall <= orderGrowth + 8192,
            $"{forSmall} bytes for {small.Count / batchSize} batches, {forLarge} bytes for {large.Count / batchSize}");
    }

    [Fact]
    public void Allocation_DoesNotGrowWithTheNumberOfBatches_WhenThreadsShareTheKernels()
    {
        // TeamNet's first layer and step are large enough to be shared by neurons between the two threads.
        var options = new TrainingOptions { Epochs = 1, BatchSize = 32, Threads = 2 };
        Dataset<float> small = TrainingData.Random<MathTests.TeamNet, float>(64), large = TrainingData.Random<MathTests.TeamNet, float>(64 * 16);
        Trainer.Train(new MathTests.TeamNet(), large, new Sgd(0.01, momentum: 0.9), options);
        Trainer.Train(new MathTests.TeamNet(), small, new Sgd(0.01, momentum: 0.9), options);

        (long forSmall, long forLarge) = LeastGrowth(
            () => Trainer.Train(new MathTests.TeamNet(), small, new Sgd(0.01, momentum: 0.9), options),
            () => Trainer.Train(new MathTests.TeamNet(), large, new Sgd(0.01, momentum: 0.9), options));

        // 30 more batches, each with four shared calls: one object per call would be 2.9 KB; allow the shuffle order's growth and 2 KB.
        long orderGrowth = (large.Count - small.Count) * sizeof(int);
        Assert.True(forLarge - forSmall <= orderGrowth + 2048, $"{forSmall} bytes for {small.Count / 32} batches, {forLarge} bytes for {large.Count / 32}");
    }

    [Fact]
    public void Allocation_DoesNotGrowWithTheNumberOfBatches_WhenThreadsSplitTheExamples()
    {
        // An image network: each thread backpropagates its share of every batch on its own replica (ParallelBatchStep).
        var options = new TrainingOptions { Epochs = 1, BatchSize = 16, Threads = 2 };
        Dataset<float> small = TrainingData.Random<Networks.ConvChainFloat, float>(64), large = TrainingData.Random<Networks.ConvChainFloat, float>(64 * 16);
        var network = new Networks.ConvChainFloat();
        Trainer.Train(network, large, new Sgd(0.01, momentum: 0.9), options);
        Trainer.Train(network, small, new Sgd(0.01, momentum: 0.9), options);

        (long forSmall, long forLarge) = LeastGrowth(
            () => Trainer.Train(network, small, new Sgd(0.01, momentum: 0.9), options),
            () => Trainer.Train(network, large, new Sgd(0.01, momentum: 0.9), options));

        // 60 more batches, each with three meetings of the threads: one object per batch would be 1.4 KB at least.
        long orderGrowth = (large.Count - small.Count) * sizeof(int);
        Assert.True(forLarge - forSmall <= orderGrowth + 1024, $"{forSmall} bytes for {small.Count / 16} batches, {forLarge} bytes for {large.Count / 16}");
    }

    /// <summary>
    /// The bytes allocated while running the small and then the large run, from the attempt (of five) where the large
    /// one allocated least beyond the small one. The count covers every thread of the process, so other threads (the
    /// test runner reporting results, the JIT finishing a tier-up) can add to one attempt: run alone in a fresh process,
    /// single attempts grew by 90-670 KB, at this commit and before it alike. What the training code allocates per
    /// batch is in every attempt, so the least growth still shows it.
    /// </summary>
    private static (long Small, long Large) LeastGrowth(Action smallRun, Action largeRun)
    {
        (long Small, long Large) least = (0, long.MaxValue);
        for (int attempt = 0; attempt < 5; attempt++)
        {
            long small = AllocatedDuring(smallRun), large = AllocatedDuring(largeRun);
            if (large - small < least.Large - least.Small)
                least = (small, large);
        }

        return least;
    }

    /// <summary>Bytes allocated by every thread of the process meanwhile, the data-parallel workers included.</summary>
    private static long AllocatedDuring(Action action)
    {
        long before = GC.GetTotalAllocatedBytes(precise: true);
        action();
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    private static Dataset<float> RandomSet(int count)
    {
        var random = new SplitMix64(count);
        var inputs = new float[count * 20];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = (float)random.NextDouble();
        var labels = new int[count];
        for (int i = 0; i < count; i++)
            labels[i] = random.NextInt32(4);
        return Dataset<float>.FromLabels(inputs, 20, labels, 4);
    }
}
