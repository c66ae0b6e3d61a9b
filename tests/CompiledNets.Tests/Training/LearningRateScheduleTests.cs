using CompiledNets.Data;
using CompiledNets.Training;

namespace CompiledNets.Tests.Training;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Constant_gives_the_initial_rate_every_epoch()
    {
        for (int epoch = 0; epoch < 5; epoch++)
            Assert.Equal(0.3, LearningRateSchedule.Constant.RateFor(0.3, epoch, 5));
    }

    [Fact]
    public void Step_multiplies_by_the_factor_every_n_epochs()
    {
        LearningRateSchedule schedule = LearningRateSchedule.Step(3, 0.5);

        double[] rates = Enumerable.Range(0, 9).Select(epoch => schedule.RateFor(0.2, epoch, 9)).ToArray();

        Assert.Equal([0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05], rates);
    }

    [Fact]
    public void Step_every_epoch_decays_geometrically()
    {
        LearningRateSchedule schedule = LearningRateSchedule.Step(1, 0.1);

        for (int epoch = 0; epoch < 6; epoch++)
            Assert.Equal(1.0 * Math.Pow(0.1, epoch), schedule.RateFor(1.0, epoch, 6), 1e-15);
    }

    [Fact]
    public void Cosine_goes_from_the_initial_rate_to_the_final_fraction_through_the_midpoint()
    {
        LearningRateSchedule schedule = LearningRateSchedule.Cosine(0.1);

        double[] rates = Enumerable.Range(0, 5).Select(epoch => schedule.RateFor(2.0, epoch, 5)).ToArray();

        // fraction = f + (1 - f) (1 + cos(pi e / (E - 1))) / 2
        double quarter = 0.1 + 0.9 * 0.5 * (1 + Math.Sqrt(0.5));
        double threeQuarters = 0.1 + 0.9 * 0.5 * (1 - Math.Sqrt(0.5));
        Assert.Equal(2.0, rates[0], 1e-15);
        Assert.Equal(2.0 * quarter, rates[1], 1e-14);
        Assert.Equal(2.0 * 0.55, rates[2], 1e-14);
        Assert.Equal(2.0 * threeQuarters, rates[3], 1e-14);
        Assert.Equal(2.0 * 0.1, rates[4], 1e-14);
        for (int epoch = 1; epoch < 5; epoch++)
            Assert.True(rates[epoch] < rates[epoch - 1]);
    }

    [Fact]
    public void Cosine_with_the_default_final_fraction_ends_at_one_percent()
    {
        // Not 0: the last epoch still learns.
        Assert.Equal(0.01, LearningRateSchedule.Cosine().RateFor(1.0, 9, 10), 1e-15);
        Assert.Equal(0.505, LearningRateSchedule.Cosine().RateFor(1.0, 1, 3), 1e-15);
    }

    [Fact]
    public void Cosine_of_a_single_epoch_is_the_initial_rate()
    {
        Assert.Equal(0.7, LearningRateSchedule.Cosine(0.1).RateFor(0.7, 0, 1));
    }

    [Fact]
    public void Train_uses_and_reports_the_scheduled_rate_of_each_epoch()
    {
        Dataset<double> data = TrainingData.Line(10);
        var options = new TrainingOptions
        {
            Epochs = 4, Schedule = LearningRateSchedule.Step(2, 0.5), Shuffle = false,
        };
        var trained = new LineNet();
        var manual = new LineNet();

        IReadOnlyList<EpochReport> reports = Trainer.Train(trained, data, new Sgd(0.2), options);

        Assert.Equal([0.2, 0.2, 0.1, 0.1], reports.Select(r => r.LearningRate));
        foreach (double rate in new[] { 0.2, 0.2, 0.1, 0.1 })
        {
            for (int n = 0; n < data.Count; n++)
                manual.TrainStep(data.Input(n), data.Target(n), rate);
        }

        Assert.Equal(manual.Parameters.ToArray(), trained.Parameters.ToArray());
    }

    [Fact]
    public void Schedules_reject_arguments_that_make_the_rate_non_positive_or_meaningless()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Step(1, -0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Step(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Step(1, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Step(0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Cosine(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Cosine(2));
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(10, 10)]
    [InlineData(0, 0)]
    public void Built_in_schedules_refuse_an_epoch_outside_the_run(int epoch, int epochs)
    {
        // Past the end, the cosine climbed back: of a 10-epoch run, "epoch 15" gave 0.75 of the initial rate, "epoch 18" all of it.
        foreach (LearningRateSchedule schedule in new[] { LearningRateSchedule.Constant, LearningRateSchedule.Step(2, 0.5), LearningRateSchedule.Cosine() })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => schedule.RateFor(0.1, epoch, epochs));
            if (epochs <= 0)
            {
                Assert.Equal("epochs", error.ParamName); // a run of no epochs has no epoch to name
            }
            else
            {
                Assert.Equal("epoch", error.ParamName);
                Assert.StartsWith($"Epoch {epoch} is not one of a run's {epochs} epochs, 0 to {epochs - 1}.", error.Message);
            }
        }
    }
}
