using CompiledNets.Tests.Shared;
using CompiledNets.Training;

namespace CompiledNets.Tests.Training;

public sealed class UpdateRuleTests
{
    [Fact]
    public void Velocity_is_the_scalar_formula_bit_for_bit_at_every_length()
    {
        var random = new Random(3);
        for (int length = 0; length <= 70; length++)
        {
            float[] velocity = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            float[] gradient = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            float[] expected = velocity.Select((v, i) => 0.9f * v + 0.0625f * gradient[i]).ToArray();

            UpdateRule.AccumulateVelocity<float>(velocity, gradient, 0.9f, 0.0625f);

            Near.AssertBitwiseEqual<float>(expected, velocity, $"length {length}");
        }
    }

    [Fact]
    public void Velocities_below_the_flush_threshold_become_zero_and_nothing_else_changes()
    {
        // A velocity with no more gradient decays by the momentum each step; below 1e-30 it is set to 0, long before
        // the subnormal floats (below 1.2e-38). Each position is checked in a vector lane and in the scalar tail.
        float[] velocity = [1.05e-30f, 1e-30f, -1.05e-30f, -1e-31f, 0.5f, float.NaN, float.PositiveInfinity, 2e-30f, 1.05e-30f];
        float[] gradient = new float[velocity.Length];

        UpdateRule.AccumulateVelocity<float>(velocity, gradient, 0.9f, 1f);

        Assert.Equal(0f, velocity[0]); // 0.9 x 1.05e-30 < 1e-30
        Assert.Equal(0f, velocity[1]);
        Assert.Equal(0f, velocity[2]);
        Assert.Equal(0f, velocity[3]);
        Assert.Equal(0.9f * 0.5f, velocity[4]);
        Assert.True(float.IsNaN(velocity[5]), "a NaN must survive, so that divergence is still reported");
        Assert.Equal(float.PositiveInfinity, velocity[6]);
        Assert.Equal(0.9f * 2e-30f, velocity[7]); // 1.8e-30 stays
        Assert.Equal(0f, velocity[8]); // the scalar tail flushes too
    }

    [Fact]
    public void A_velocity_left_without_gradient_never_becomes_subnormal()
    {
        double[] velocity = [1e-3];
        for (int step = 0; step < 2000; step++)
        {
            UpdateRule.AccumulateVelocity<double>(velocity, [0.0], 0.9, 1.0);
            Assert.False(double.IsSubnormal(velocity[0]) || (velocity[0] != 0 && Math.Abs(velocity[0]) < UpdateRule.FlushBelow), $"step {step}: {velocity[0]:R}");
        }

        Assert.Equal(0.0, velocity[0]);
    }
}
