using CompiledNets.Data;
using CompiledNets.Numerics;
using CompiledNets.Training;
using CompiledNets.Tests.Shared;

namespace CompiledNets.Tests.Training;

public sealed class SgdDeterminismTests
{
    private static double[] Train(Dataset<double> data, int threads, int seed, int batchSize = 8, bool shuffle = true)
    {
        var network = new TrainerNet();
        Trainer.Train(network, data, new Sgd(0.2),
            new TrainingOptions { Epochs = 3, BatchSize = batchSize, Threads = threads, Seed = seed, Shuffle = shuffle });
        return network.Parameters.ToArray();
    }

    [Fact]
    public void Two_runs_with_the_same_seed_and_two_threads_are_bit_identical()
    {
        Dataset<double> data = TrainingData.ForTrainerNet(101);

        double[] first = Train(data, threads: 2, seed: 7);
        double[] second = Train(data, threads: 2, seed: 7);

        Assert.Equal(first, second);
        Assert.NotEqual(new TrainerNet().Parameters.ToArray(), first);
    }

    [Fact]
    public void Two_runs_with_the_same_seed_and_one_thread_are_bit_identical_for_per_sample_training()
    {
        Dataset<double> data = TrainingData.ForTrainerNet(101);

        Assert.Equal(Train(data, threads: 1, seed: 7, batchSize: 1), Train(data, threads: 1, seed: 7, batchSize: 1));
    }

    [Theory]
    [InlineData(2, 8)]
    [InlineData(3, 8)]  // uneven split: 2 + 3 + 3
    [InlineData(4, 4)]  // the last batch (101 = 25 x 4 + 1) leaves three workers without examples
    public void More_threads_equal_one_thread_up_to_the_order_of_the_sum(int threads, int batchSize)
    {
        Dataset<double> data = TrainingData.ForTrainerNet(101);

        double[] single = Train(data, threads: 1, seed: 7, batchSize);
        double[] parallel = Train(data, threads, seed: 7, batchSize);

        Near.AssertRelativeToLargest(single, parallel, 1e-12);
    }

    [Theory]
    [InlineData("none")]   // each worker copies its own part of every shuffled batch
    [InlineData("shift")]  // and shifts it, from the generator states the training thread set aside in order
    [InlineData("custom")] // an augmentation of the user's: copied and applied on the training thread, in order
    public void An_image_network_on_two_threads_equals_one_thread_up_to_the_order_of_the_sum(string augmentation)
    {
        // An image network splits each batch's examples between threads, each on a replica (ParallelBatchStep).
        Dataset<double> data = TrainingData.Random<Networks.ConvChain, double>(44);
        var options = new TrainingOptions
        {
            Epochs = 2, BatchSize = 8, Seed = 5,
            Augmentation = augmentation switch { "shift" => new RandomShift(1, 1, 12, 12), "custom" => new Jitter(), _ => null },
        };

        var single = new Networks.ConvChain();
        Trainer.Train(single, data, new Sgd(0.05, momentum: 0.9), options);
        var parallel = new Networks.ConvChain();
        Trainer.Train(parallel, data, new Sgd(0.05, momentum: 0.9), options with { Threads = 2 });

        Assert.NotEqual(new Networks.ConvChain().Parameters.ToArray(), single.Parameters.ToArray());
        Near.AssertRelativeToLargest(single.Parameters.ToArray(), parallel.Parameters.ToArray(), 1e-12);
    }

    [Theory]
    [InlineData("batch")]
    [InlineData("epoch")]
    public void A_callback_that_writes_the_parameters_is_seen_by_every_thread(string after)
    {
        // Each thread steps a replica of its own; parameters written between steps (here, a user's decay after every
        // batch or epoch) must reach the replicas before the next batch, or the threads would compute gradients elsewhere.
        Dataset<double> data = TrainingData.Random<Networks.ConvChain, double>(44);
        var single = new Networks.ConvChain();
        var parallel = new Networks.ConvChain();
        TrainingOptions Shrinking(Networks.ConvChain network, int threads) => new()
        {
            Epochs = 3, BatchSize = 8, Seed = 5, Threads = threads,
            BatchEnded = after == "batch" ? _ => Shrink(network) : null,
            EpochEnded = after == "epoch" ? _ => Shrink(network) : null,
        };
        static void Shrink(Networks.ConvChain network)
        {
            foreach (ref double value in network.Parameters)
                value *= 0.9;
        }

        Trainer.Train(single, data, new Sgd(0.05, momentum: 0.9), Shrinking(single, threads: 1));
        Trainer.Train(parallel, data, new Sgd(0.05, momentum: 0.9), Shrinking(parallel, threads: 2));

        Near.AssertRelativeToLargest(single.Parameters.ToArray(), parallel.Parameters.ToArray(), 1e-12);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Replicas_copy_parameters_written_between_steps_when_told(bool told)
    {
        // The same two-part steps on one thread (one network, no replica) and on two (a replica of the network for the
        // second part), with the network's parameters halved between steps: told, the replica copies them before the
        // next step and the two runs agree bit for bit; not told, it computes its part with the values of before.
        const int parts = 2, batch = 10, batches = 4;
        Dataset<double> data = TrainingData.ForTrainerNet(batch * batches);
        double[][] results = new double[2][];
        for (int workers = 1; workers <= 2; workers++)
        {
            var network = new TrainerNet();
            using (var step = new ParallelBatchStep<TrainerNet, double>(network, parts, new Sgd(0.2, momentum: 0.9), workers))
            {
                for (int b = 0; b < batches; b++)
                {
                    double[] inputs = data.Inputs.Slice(b * batch * TrainerNet.InputSize, batch * TrainerNet.InputSize).ToArray();
                    double[] targets = data.Targets.Slice(b * batch * TrainerNet.OutputSize, batch * TrainerNet.OutputSize).ToArray();
                    step.Step(inputs, targets, batch, 0.2);
                    foreach (ref double value in network.Parameters)
                        value *= 0.5;
                    if (told)
                        step.ParametersChanged();
                }
            }

            results[workers - 1] = network.Parameters.ToArray();
        }

        if (told)
            Assert.Equal(results[0], results[1]);
        else
            Assert.NotEqual(results[0], results[1]);
    }

    /// <summary>Adds noise in [-0.05, 0.05) to every input value: an augmentation the trainer knows nothing of.</summary>
    private sealed class Jitter : Augmentation
    {
        public override void Apply<T>(Span<T> input, ref Numerics.SplitMix64 random)
        {
            for (int i = 0; i < input.Length; i++)
                input[i] += T.CreateChecked((random.NextDouble() - 0.5) * 0.1);
        }
    }

    [Fact]
    public void Threads_report_the_same_training_loss_as_one_thread_up_to_rounding()
    {
        Dataset<double> data = TrainingData.ForTrainerNet(64);
        var options = new TrainingOptions { Epochs = 2, BatchSize = 16, Seed = 3 };

        IReadOnlyList<EpochReport> single = Trainer.Train(new TrainerNet(), data, new Sgd(0.2), options);
        IReadOnlyList<EpochReport> parallel = Trainer.Train(new TrainerNet(), data, new Sgd(0.2), options with { Threads = 2 });

        for (int epoch = 0; epoch < 2; epoch++)
            Assert.Equal(single[epoch].TrainingLoss, parallel[epoch].TrainingLoss, 1e-12 * single[epoch].TrainingLoss);
    }

    [Theory]
    [MemberData(nameof(TestOptimizers.All), MemberType = typeof(TestOptimizers))]
    public void Parts_computed_by_fewer_threads_than_parts_give_bit_identical_parameters(string optimizer)
    {
        // Threads beyond the cores do not start: their parts are computed in turn by the threads that do. Every
        // worker count must add the same numbers in the same order as one thread per part.
        const int parts = 5, batch = 13, batches = 6;
        Dataset<double> data = TrainingData.ForTrainerNet(batch * batches);

        double[][] results = new double[parts][];
        for (int workers = 1; workers <= parts; workers++)
        {
            var network = new TrainerNet();
            using (var step = new ParallelBatchStep<TrainerNet, double>(network, parts, TestOptimizers.Create(optimizer, 0.2), workers))
            {
                for (int b = 0; b < batches; b++)
                {
                    double[] inputs = new double[batch * TrainerNet.InputSize], targets = new double[batch * TrainerNet.OutputSize];
                    for (int n = 0; n < batch; n++)
                    {
                        data.Input(b * batch + n).CopyTo(inputs.AsSpan(n * TrainerNet.InputSize));
                        data.Target(b * batch + n).CopyTo(targets.AsSpan(n * TrainerNet.OutputSize));
                    }

                    step.Step(inputs, targets, batch, 0.2);
                }
            }

            results[workers - 1] = network.Parameters.ToArray();
        }

        Assert.NotEqual(new TrainerNet().Parameters.ToArray(), results[0]);
        for (int workers = 2; workers <= parts; workers++)
            Assert.Equal(results[0], results[workers - 1]);
    }

    [Fact]
    public void Different_seeds_shuffle_differently()
    {
        Dataset<double> data = TrainingData.ForTrainerNet(101);

        Assert.NotEqual(Train(data, threads: 1, seed: 7), Train(data, threads: 1, seed: 8));
    }

    [Fact]
    public void Without_shuffling_the_seed_does_not_matter()
    {
        Dataset<double> data = TrainingData.ForTrainerNet(101);

        Assert.Equal(Train(data, threads: 1, seed: 7, shuffle: false), Train(data, threads: 1, seed: 8, shuffle: false));
    }

    [Fact]
    public void Each_epoch_draws_a_new_order_and_every_order_is_as_likely()
    {
        // Three examples whose input is their index, one per step: an augmentation that changes nothing records the
        // order each epoch visits them in. Over 600 epochs each of the 6 orders should come about 100 times; a shuffle
        // that never leaves an example in place (Sattolo's) gives only 2 of them, and one seeded alike every epoch gives 1.
        var visited = new List<int>();
        var data = new Dataset<double>([0, 1, 2], 1, [0, 0, 0], 1);
        var options = new TrainingOptions { Epochs = 600, BatchSize = 1, Seed = 3, Augmentation = new Recorder(visited) };

        Trainer.Train(new LineNet(), data, new Sgd(1e-3), options);

        int[][] orders = visited.Chunk(3).ToArray();
        Assert.Equal(600, orders.Length);
        Assert.All(orders, order => Assert.Equal([0, 1, 2], order.Order()));
        Dictionary<string, int> counts = orders.GroupBy(order => string.Join("", order)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(6, counts.Count);
        Assert.All(counts, count => Assert.InRange(count.Value, 70, 130));
    }

    /// <summary>Records the first input value of every example the trainer visits, in order, and changes nothing.</summary>
    private sealed class Recorder(List<int> visited) : Augmentation
    {
        public override void Apply<T>(Span<T> input, ref SplitMix64 random) => visited.Add(int.CreateTruncating(input[0]));
    }

    [Fact]
    public void Shuffling_visits_every_example_once_per_epoch()
    {
        // With a full batch the order does not change the gradient's terms, only the order of their sum.
        Dataset<double> data = TrainingData.ForTrainerNet(50);

        double[] shuffled = Train(data, threads: 1, seed: 7, batchSize: 50);
        double[] ordered = Train(data, threads: 1, seed: 7, batchSize: 50, shuffle: false);

        Near.AssertRelativeToLargest(ordered, shuffled, 1e-12);
    }
}
