using CompiledNets.Data;
using CompiledNets.Training;
using CompiledNets.Tests.Shared;

namespace CompiledNets.Tests.Training;

/// <summary>Classical momentum: v = mu * v + g, w -= lr * v (g the batch's mean gradient).</summary>
public sealed class MomentumTests
{
    private const double Mu = 0.9, Rate = 0.1;

    private static TrainingOptions Options(int batchSize = 1)
        => new() { Epochs = 1, BatchSize = batchSize, Shuffle = false };

    private static Sgd WithMomentum() => new(Rate, momentum: Mu);

    [Fact]
    public void The_first_step_with_momentum_equals_plain_SGD()
    {
        Dataset<double> data = TrainingData.ForTrainerNet(1);
        var withMomentum = new TrainerNet();
        var plain = new TrainerNet();

        Trainer.Train(withMomentum, data, WithMomentum(), Options());
        plain.TrainStep(data.Input(0), data.Target(0), Rate);

        // The trainer's gradient comes from BackpropagateBatch, whose tiles sum in another order than TrainStep.
        Near.AssertRelativeToLargest(plain.Parameters, withMomentum.Parameters, 1e-15);
    }

    [Fact]
    public void The_second_step_adds_mu_times_the_first_steps_velocity()
    {
        Dataset<double> data = TrainingData.ForTrainerNet(2);
        var withMomentum = new TrainerNet();
        var manual = new TrainerNet();
        var plain = new TrainerNet();

        Trainer.Train(withMomentum, data, WithMomentum(), Options());

        var gradient = new double[TrainerNet.ParameterCount];
        var velocity = new double[TrainerNet.ParameterCount];
        var firstVelocity = new double[TrainerNet.ParameterCount];
        for (int n = 0; n < 2; n++)
        {
            Array.Clear(gradient);
            manual.BackpropagateBatch(data.Input(n), data.Target(n), gradient); // a batch of one, as the trainer computes it
            for (int i = 0; i < velocity.Length; i++)
                velocity[i] = Mu * velocity[i] + 1.0 * gradient[i];
            manual.ApplyGradient(velocity, Rate);
            if (n == 0)
                velocity.CopyTo(firstVelocity, 0);
            plain.TrainStep(data.Input(n), data.Target(n), Rate);
        }

        Assert.Equal(manual.Parameters.ToArray(), withMomentum.Parameters.ToArray());
        Assert.NotEqual(plain.Parameters.ToArray(), withMomentum.Parameters.ToArray());

        // Both took the same first step and then computed the same gradient g2; momentum moved further by lr * mu * v1.
        var expected = new double[TrainerNet.ParameterCount];
        for (int i = 0; i < expected.Length; i++)
            expected[i] = plain.Parameters[i] - Rate * Mu * firstVelocity[i];
        Near.AssertRelativeToLargest(expected, withMomentum.Parameters, 1e-12);
    }

    [Fact]
    public void Mini_batch_momentum_keeps_a_velocity_of_mean_gradients()
    {
        Dataset<double> data = TrainingData.ForTrainerNet(12);
        var trained = new TrainerNet();
        var manual = new TrainerNet();

        Trainer.Train(trained, data, WithMomentum(), Options(batchSize: 3) with { Epochs = 2 });

        var gradient = new double[TrainerNet.ParameterCount];
        var velocity = new double[TrainerNet.ParameterCount];
        for (int epoch = 0; epoch < 2; epoch++)
        {
            for (int start = 0; start < 12; start += 3)
            {
                Array.Clear(gradient);
                manual.BackpropagateBatch(data.Inputs.Slice(start * 3, 9), data.Targets.Slice(start * 2, 6), gradient);
                for (int i = 0; i < velocity.Length; i++)
                    velocity[i] = Mu * velocity[i] + (1.0 / 3) * gradient[i];
                manual.ApplyGradient(velocity, Rate);
            }
        }

        Assert.Equal(manual.Parameters.ToArray(), trained.Parameters.ToArray());
    }

    [Fact]
    public void The_velocity_carries_over_from_one_epoch_to_the_next()
    {
        Dataset<double> data = TrainingData.ForTrainerNet(1);
        var twoEpochs = new TrainerNet();
        var manual = new TrainerNet();

        Trainer.Train(twoEpochs, data, WithMomentum(), Options() with { Epochs = 2 });

        var gradient = new double[TrainerNet.ParameterCount];
        var velocity = new double[TrainerNet.ParameterCount];
        for (int step = 0; step < 2; step++)
        {
            Array.Clear(gradient);
            manual.BackpropagateBatch(data.Input(0), data.Target(0), gradient); // a batch of one, as the trainer computes it
            for (int i = 0; i < velocity.Length; i++)
                velocity[i] = Mu * velocity[i] + 1.0 * gradient[i];
            manual.ApplyGradient(velocity, Rate);
        }

        Assert.Equal(manual.Parameters.ToArray(), twoEpochs.Parameters.ToArray());
    }
}
