using System.Reflection;
using CompiledNets.Tests.MathTests;
using CompiledNets.Tests.Networks;
using CompiledNets.Training;

namespace CompiledNets.Tests.Training;

/// <summary>
/// With two threads on a dense network, each clears and updates the weight rows its share of the kernels wrote, and
/// the leader everything else; every parameter belongs to exactly one thread.
/// </summary>
public sealed class ParameterSharesTests
{
    [Fact]
    public void The_digits_shape_gives_the_helper_the_first_layers_second_half_of_rows_and_the_leader_the_rest()
    {
        ParameterShares shares = SharesOf<Mnist784>(parts: 2, examples: 32);

        // W1 is 128 rows of 784 from 0; b1 from 100,352; W2 and b2 after it, to 101,770.
        Assert.Equal([(0, 64 * 784), (100_352, 101_770)], shares.Of(0).ToArray());
        Assert.Equal([(64 * 784, 128 * 784)], shares.Of(1).ToArray());
    }

    [Fact]
    public void Products_too_small_to_share_leave_every_parameter_to_the_leader()
    {
        // One example: 784 x 128 multiply-adds, below the team's minimum, so the kernels run on the leader.
        ParameterShares shares = SharesOf<Mnist784>(parts: 2, examples: 1);

        Assert.Equal([(0, Mnist784.ParameterCount)], shares.Of(0).ToArray());
        Assert.Empty(shares.Of(1).ToArray());
    }

    [Theory]
    [InlineData(2, 32)]
    [InlineData(3, 32)]
    [InlineData(4, 8)]
    [InlineData(2, 64)]
    public void Every_parameter_belongs_to_exactly_one_thread(int parts, int examples)
    {
        AssertPartition(SharesOf<Mnist784>(parts, examples), Mnist784.ParameterCount, parts);
        AssertPartition(SharesOf<TeamNet>(parts, examples), TeamNet.ParameterCount, parts);
    }

    [Fact]
    public void The_tile_it_assumes_is_the_generated_batch_tile()
    {
        // The generator writes BatchTile into each network as a private constant; the runtime cannot reference the
        // generator, so a test keeps the two equal (a mismatch would only cost speed: shares that miss the kernels' rows).
        object? tile = typeof(Mnist784).GetField("BatchTile", BindingFlags.NonPublic | BindingFlags.Static)?.GetRawConstantValue();

        Assert.Equal(ParameterShares.TileExamples, tile);
    }

    private static ParameterShares SharesOf<TNet>(int parts, int examples)
        where TNet : class, INeuralNetwork<TNet, float>
        => ParameterShares.For(TNet.Layers, TNet.ParameterCount, parts, examples);

    private static void AssertPartition(ParameterShares shares, int parameterCount, int parts)
    {
        var owners = new int[parameterCount];
        for (int part = 0; part < parts; part++)
        {
            int previousEnd = -1;
            foreach ((int start, int end) in shares.Of(part))
            {
                Assert.True(start > previousEnd && end > start, $"part {part}: [{start}, {end}) after {previousEnd}");
                previousEnd = end;
                for (int k = start; k < end; k++)
                    owners[k]++;
            }
        }

        Assert.All(owners, count => Assert.Equal(1, count));
    }
}
