using CompiledNets.Reporting;

namespace CompiledNets.Tests.Reporting;

public class ChartScaleTests
{
    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(0.12, 0.1)]
    [InlineData(0.17, 0.2)]
    [InlineData(214, 200)]
    [InlineData(3.4, 5)]
    [InlineData(8, 10)]
    [InlineData(4.5e-7, 5e-7)]
    public void Steps_are_one_two_or_five_times_a_power_of_ten(double rough, double expected) =>
        Assert.Equal(expected, ChartScale.NiceStep(rough), 12);

    [Fact]
    public void Linear_y_axis_rounds_outward_to_whole_ticks()
    {
        ChartScale scale = ChartScale.Linear(0.12, 2.31, 6, roundOutward: true, integerSteps: false);

        Assert.Equal(["0", "0.5", "1.0", "1.5", "2.0", "2.5"], scale.Labels);
        Assert.Equal(0, scale.Fraction(0), 12);
        Assert.Equal(1, scale.Fraction(2.5), 12);
    }

    [Fact]
    public void Linear_x_axis_keeps_the_data_range_and_whole_number_steps()
    {
        ChartScale scale = ChartScale.Linear(1, 3, 12, roundOutward: false, integerSteps: true);

        Assert.Equal([1.0, 2.0, 3.0], scale.Ticks);
        Assert.Equal(0, scale.Fraction(1), 12);
        Assert.Equal(1, scale.Fraction(3), 12);
    }

    [Theory]
    [InlineData(5.0, 0)]
    [InlineData(0.0, 0)]
    [InlineData(-0.003, 0)]
    [InlineData(1e8, 1e-8)] // differences far below what a tick label can show count as constant
    public void A_constant_value_sits_mid_axis(double value, double noise)
    {
        ChartScale scale = ChartScale.Linear(value, value + noise, 5, roundOutward: true, integerSteps: false);

        Assert.Equal(0.5, scale.Fraction(value), 1);
        Assert.InRange(scale.Ticks.Length, 2, 12);
        Assert.Equal(scale.Labels.Length, scale.Labels.Distinct().Count());
    }

    [Theory]
    [InlineData(96.45, "90", "100")] // one epoch's accuracy in percent: the axis stops at 100, not 110
    [InlineData(0.2526, "0.240", "0.260")]
    [InlineData(-3.7, "-4.0", "-3.5")]
    public void A_lone_value_gets_the_round_interval_it_lies_in(double value, string first, string last)
    {
        ChartScale scale = ChartScale.Linear(value, value, 5, roundOutward: true, integerSteps: false);

        Assert.Equal(first, scale.Labels[0]);
        Assert.Equal(last, scale.Labels[^1]);
        Assert.InRange(scale.Fraction(value), 0.1, 0.9);
    }

    [Fact]
    public void Logarithmic_axis_uses_one_notation_for_all_labels()
    {
        Assert.Equal(["1e-5", "1e-4", "1e-3", "1e-2", "1e-1", "1e0"], ChartScale.Logarithmic(6e-5, 0.25, 8).Labels);
        Assert.Equal(["0.01", "0.1", "1", "10"], ChartScale.Logarithmic(0.02, 7, 8).Labels);
    }

    [Fact]
    public void Logarithmic_axis_over_a_short_range_adds_two_and_five()
    {
        Assert.Equal(["0.1", "0.2", "0.5", "1", "2", "5", "10"], ChartScale.Logarithmic(0.3, 4, 8).Labels);
    }

    [Fact]
    public void Tick_count_stays_near_the_target_for_any_range()
    {
        var random = new Random(7);
        for (int i = 0; i < 1000; i++)
        {
            double min = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 9));
            double max = min + random.NextDouble() * Math.Pow(10, random.Next(-8, 9)) + 1e-12;
            ChartScale scale = ChartScale.Linear(min, max, 6, roundOutward: true, integerSteps: false);

            Assert.InRange(scale.Ticks.Length, 3, 14);
            Assert.Equal(scale.Labels.Length, scale.Labels.Distinct().Count());
            Assert.All(scale.Ticks, t => Assert.InRange(scale.Fraction(t), -1e-9, 1 + 1e-9));
            Assert.InRange(scale.Fraction(min), -1e-9, 1 + 1e-9);
            Assert.InRange(scale.Fraction(max), -1e-9, 1 + 1e-9);
        }
    }
}
