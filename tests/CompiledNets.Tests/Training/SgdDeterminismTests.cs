using CompiledNets.Data;
using CompiledNets.Training;

namespace CompiledNets.Tests.Training;

public sealed class SgdDeterminismTests
{
    private static double[] Train(Dataset<double> data, int threads, int seed, int batchSize = 8, bool shuffle = true)
    {
        var network = new TrainerNet();
        Sgd.Train(network, data, new TrainingOptions
        {
            Epochs = 3, BatchSize = batchSize, LearningRate = 0.2, Threads = threads, Seed = seed, Shuffle = shuffle,
            EvaluateTrainingSet = false,
        });
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

        AssertClose.Relative(single, parallel, 1e-12);
    }

    [Fact]
    public void Threads_report_the_same_training_loss_as_one_thread_up_to_rounding()
    {
        Dataset<double> data = TrainingData.ForTrainerNet(64);
        var options = new TrainingOptions { Epochs = 2, BatchSize = 16, LearningRate = 0.2, Seed = 3, EvaluateTrainingSet = false };

        IReadOnlyList<EpochReport> single = Sgd.Train(new TrainerNet(), data, options);
        IReadOnlyList<EpochReport> parallel = Sgd.Train(new TrainerNet(), data, options with { Threads = 2 });

        for (int epoch = 0; epoch < 2; epoch++)
            Assert.Equal(single[epoch].TrainingLoss, parallel[epoch].TrainingLoss, 1e-12 * single[epoch].TrainingLoss);
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
    public void Shuffling_visits_every_example_once_per_epoch()
    {
        // With a full batch the order does not change the gradient's terms, only the order of their sum.
        Dataset<double> data = TrainingData.ForTrainerNet(50);

        double[] shuffled = Train(data, threads: 1, seed: 7, batchSize: 50);
        double[] ordered = Train(data, threads: 1, seed: 7, batchSize: 50, shuffle: false);

        AssertClose.Relative(ordered, shuffled, 1e-12);
    }
}
