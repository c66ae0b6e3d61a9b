using CompiledNets.Data;
using CompiledNets.Training;
using CompiledNets.Tests.Shared;

namespace CompiledNets.Tests.Training;

/// <summary>Without shuffling, Trainer.Train with plain Sgd is exactly the loop a user would write by hand.</summary>
public sealed class SgdEquivalenceTests
{
    private const int Count = 37; // not a multiple of any batch size below: the last batch is short

    [Fact]
    public void Per_sample_training_equals_a_manual_TrainStep_loop_bit_for_bit()
    {
        Dataset<double> data = TrainingData.ForTrainerNet(Count);
        var options = new TrainingOptions
        {
            Epochs = 3, BatchSize = 1, Shuffle = false,
        };
        var trained = new TrainerNet();
        var manual = new TrainerNet();

        IReadOnlyList<EpochReport> reports = Trainer.Train(trained, data, new Sgd(0.05), options);

        for (int epoch = 0; epoch < 3; epoch++)
        {
            double lossSum = 0;
            for (int n = 0; n < data.Count; n++)
                lossSum += manual.TrainStep(data.Input(n), data.Target(n), 0.05);
            Assert.Equal(lossSum / data.Count, reports[epoch].TrainingLoss);
        }

        Assert.Equal(manual.Parameters.ToArray(), trained.Parameters.ToArray());
    }

    [Theory]
    [InlineData(4)]  // 9 batches of 4 and one of 1; lr / 4 is exact
    [InlineData(8)]  // 4 of 8 and one of 5
    [InlineData(37)] // full batch
    [InlineData(100)] // larger than the data: one batch of 37
    public void Mini_batch_training_equals_manual_BackpropagateBatch_and_ApplyGradient_with_lr_over_B(int batchSize)
    {
        Dataset<double> data = TrainingData.ForTrainerNet(Count);
        var options = new TrainingOptions
        {
            Epochs = 2, BatchSize = batchSize, Shuffle = false,
        };
        var trained = new TrainerNet();
        var manual = new TrainerNet();

        IReadOnlyList<EpochReport> reports = Trainer.Train(trained, data, new Sgd(0.5), options);

        var gradient = new double[TrainerNet.ParameterCount];
        for (int epoch = 0; epoch < 2; epoch++)
        {
            double lossSum = 0;
            for (int start = 0; start < Count; start += batchSize)
            {
                int count = Math.Min(batchSize, Count - start);
                Array.Clear(gradient);
                lossSum += manual.BackpropagateBatch(
                    data.Inputs.Slice(start * 3, count * 3), data.Targets.Slice(start * 2, count * 2), gradient);
                // The trainer scales by lr * (1 / count); for these batch sizes that rounds the same as lr / count
                // only when count is a power of two, so mirror its formula for a bit-exact comparison.
                manual.ApplyGradient(gradient, 0.5 * (1.0 / count));
            }

            Assert.Equal(lossSum / Count, reports[epoch].TrainingLoss);
        }

        Assert.Equal(manual.Parameters.ToArray(), trained.Parameters.ToArray());
    }

    [Fact]
    public void Mini_batch_training_with_B_a_power_of_two_equals_ApplyGradient_with_exactly_lr_over_B()
    {
        Dataset<double> data = TrainingData.ForTrainerNet(32);
        var options = new TrainingOptions { Epochs = 2, BatchSize = 8, Shuffle = false };
        var trained = new TrainerNet();
        var manual = new TrainerNet();

        Trainer.Train(trained, data, new Sgd(0.3), options);

        var gradient = new double[TrainerNet.ParameterCount];
        for (int epoch = 0; epoch < 2; epoch++)
        {
            for (int start = 0; start < 32; start += 8)
            {
                Array.Clear(gradient);
                manual.BackpropagateBatch(data.Inputs.Slice(start * 3, 24), data.Targets.Slice(start * 2, 16), gradient);
                manual.ApplyGradient(gradient, 0.3 / 8);
            }
        }

        Assert.Equal(manual.Parameters.ToArray(), trained.Parameters.ToArray());
    }

    [Fact]
    public void Mini_batch_training_with_any_B_is_within_rounding_of_ApplyGradient_with_lr_over_B()
    {
        Dataset<double> data = TrainingData.ForTrainerNet(Count);
        var options = new TrainingOptions { Epochs = 2, BatchSize = 5, Shuffle = false };
        var trained = new TrainerNet();
        var manual = new TrainerNet();

        Trainer.Train(trained, data, new Sgd(0.3), options);

        var gradient = new double[TrainerNet.ParameterCount];
        for (int epoch = 0; epoch < 2; epoch++)
        {
            for (int start = 0; start < Count; start += 5)
            {
                int count = Math.Min(5, Count - start);
                Array.Clear(gradient);
                manual.BackpropagateBatch(data.Inputs.Slice(start * 3, count * 3), data.Targets.Slice(start * 2, count * 2), gradient);
                manual.ApplyGradient(gradient, 0.3 / count);
            }
        }

        Near.AssertRelativeToLargest(manual.Parameters, trained.Parameters, 1e-12);
    }

    [Fact]
    public void A_batch_of_one_without_momentum_uses_the_fused_step_and_a_batch_of_one_with_it_the_same_numbers_to_rounding()
    {
        // With momentum the trainer goes through BackpropagateBatch + the optimizer even for B = 1; at step one v = g.
        // The batched pass runs in tiles (TrainerNet has tanh), which sum in another order than the fused step.
        Dataset<double> data = TrainingData.ForTrainerNet(1);
        var plain = new TrainerNet();
        var viaBatch = new TrainerNet();

        Trainer.Train(plain, data, new Sgd(0.1), new TrainingOptions { Epochs = 1, Shuffle = false });
        Trainer.Train(viaBatch, data, new Sgd(0.1, momentum: 0.9), new TrainingOptions { Epochs = 1, Shuffle = false });

        Near.AssertRelativeToLargest(plain.Parameters, viaBatch.Parameters, 1e-15);
    }
}
