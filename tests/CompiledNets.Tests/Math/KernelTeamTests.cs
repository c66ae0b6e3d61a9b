using CompiledNets.Data;
using CompiledNets.Numerics;
using CompiledNets.Tests.Training;
using CompiledNets.Training;

namespace CompiledNets.Tests.MathTests;

/// <summary>A dense network whose first layer's products and whose step are large enough for a team to share.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 4)]
[Input(200)]
[Dense(96, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class TeamNet;

/// <summary>Kernels and steps shared by neurons between threads give exactly what one thread gives.</summary>
public sealed class KernelTeamTests
{
    [Theory]
    [InlineData(128, 784, 32, 2)]
    [InlineData(130, 100, 17, 2)] // neurons not a multiple of four, odd examples and columns
    [InlineData(130, 100, 17, 3)] // three uneven shares
    [InlineData(64, 2048, 5, 2)]
    public void Shared_products_give_the_bits_of_one_thread(int rows, int columns, int examples, int parts)
    {
        float[] weights = Values(rows * columns, 1), biases = Values(rows, 2), inputs = Values(examples * columns, 3);
        float[] deltas = Values(examples * rows, 4), gradientStart = Values(rows * columns, 5);
        float[] outputs = new float[examples * rows], gradient = (float[])gradientStart.Clone();
        DenseKernels.MatrixTimesMatrix<float>(weights, biases, inputs, outputs, examples);
        DenseKernels.AddDeltasTimesInputs<float>(gradient, deltas, inputs, examples);

        float[] sharedOutputs = new float[examples * rows], sharedGradient = (float[])gradientStart.Clone();
        long before = KernelTeam.SharedCalls;
        using (var team = new KernelTeam(parts))
        using (KernelTeam.Lead(team))
        {
            DenseKernels.MatrixTimesMatrix<float>(weights, biases, inputs, sharedOutputs, examples);
            DenseKernels.AddDeltasTimesInputs<float>(sharedGradient, deltas, inputs, examples);
        }

        Assert.True(KernelTeam.SharedCalls >= before + 2, "both calls were shared");
        Assert.Equal(outputs, sharedOutputs);
        Assert.Equal(gradient, sharedGradient);
    }

    [Fact]
    public async Task A_helper_that_blocked_while_idle_wakes_for_the_next_call()
    {
        // An idle helper blocks after 200 microseconds; each pause here is longer, so every call must wake it.
        float[] weights = Values(128 * 256, 1), inputs = Values(8 * 256, 2), expected = new float[8 * 128];
        DenseKernels.MatrixTimesMatrix<float>(weights, biases: default, inputs, expected, 8);
        var calls = Task.Run(() =>
        {
            using var team = new KernelTeam(2);
            using KernelTeam.Leadership leading = KernelTeam.Lead(team);
            for (int call = 0; call < 20; call++)
            {
                Thread.Sleep(2);
                float[] outputs = new float[8 * 128];
                DenseKernels.MatrixTimesMatrix<float>(weights, biases: default, inputs, outputs, 8);
                Assert.Equal(expected, outputs);
            }
        });

        // A lost wake-up would hang the call: give up after 30 s instead (WaitAsync throws a TimeoutException).
        await calls.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData(100, 2, 4)]
    [InlineData(101, 3, 16)]
    [InlineData(7, 3, 4)]   // fewer granules than parts: some shares are empty
    [InlineData(0, 2, 1)]
    [InlineData(101_770, 2, 16)]
    public void Shares_cover_every_item_once_and_start_on_granules(int count, int parts, int granule)
    {
        int next = 0;
        for (int part = 0; part < parts; part++)
        {
            (int first, int end) = KernelTeam.Share(count, part, parts, granule);
            Assert.Equal(next, first);
            Assert.True(end >= first);
            Assert.True(first % granule == 0 || first == count, $"part {part} starts at {first}");
            next = end;
        }

        Assert.Equal(count, next);
    }

    [Theory]
    [MemberData(nameof(TestOptimizers.All), MemberType = typeof(TestOptimizers))]
    public void Two_threads_train_a_dense_network_to_the_bits_of_one_thread(string optimizer)
    {
        Dataset<float> data = TrainingData.Random<TeamNet, float>(96);
        var options = new TrainingOptions { Epochs = 2, BatchSize = 32, Seed = 3 };
        var single = new TeamNet();
        var shared = new TeamNet();

        EpochReport one = Trainer.Train(single, data, TestOptimizers.Create(optimizer, 0.05), options)[^1];
        long before = KernelTeam.SharedCalls;
        EpochReport two = Trainer.Train(shared, data, TestOptimizers.Create(optimizer, 0.05), options with { Threads = 2 })[^1];

        if (Environment.ProcessorCount > 1)
            Assert.True(KernelTeam.SharedCalls >= before + 2 * 3 * 4, "clear, forward, gradient and step of every batch were shared");
        Assert.Equal(single.Parameters.ToArray(), shared.Parameters.ToArray());
        Assert.Equal(one.TrainingLoss, two.TrainingLoss);
        Assert.NotEqual(new TeamNet().Parameters.ToArray(), shared.Parameters.ToArray());
    }

    private static float[] Values(int count, int seed)
    {
        var random = new SplitMix64(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
            values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}
