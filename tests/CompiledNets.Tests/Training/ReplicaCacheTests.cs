using CompiledNets.Data;
using CompiledNets.Tests.Networks;
using CompiledNets.Training;

namespace CompiledNets.Tests.Training;

/// <summary>
/// Threads that split an image network's examples each train a replica of it; the replicas are kept with the network
/// for its next run. Each test uses a network instance of its own, so tests running meanwhile cannot take its spares.
/// </summary>
public sealed class ReplicaCacheTests
{
    private static readonly TrainingOptions TwoThreads = new() { Epochs = 1, BatchSize = 8, Threads = 2, Seed = 4 };

    [Fact]
    public void A_kept_replica_serves_the_next_run_and_its_stale_parameters_change_nothing()
    {
        Dataset<double> data = TrainingData.Random<ConvChain, double>(40);
        ConvChain network = new(), twin = new();
        ConvChain stale = new();
        stale.Parameters.Fill(double.NaN); // what a kept replica holds must be overwritten before any use
        ReplicaCache<ConvChain, double>.Return(network, stale);

        Trainer.Train(network, data, new Sgd(0.05, momentum: 0.9), TwoThreads);
        Trainer.Train(twin, data, new Sgd(0.05, momentum: 0.9), TwoThreads);

        Assert.Equal(twin.Parameters.ToArray(), network.Parameters.ToArray());
        Assert.NotEqual(new ConvChain().Parameters.ToArray(), network.Parameters.ToArray());
        Assert.Same(stale, ReplicaCache<ConvChain, double>.Rent(network)); // the run took it and gave it back
    }

    [Fact]
    public void Replicas_are_kept_per_network()
    {
        ConvChain first = new(), second = new();
        ConvChain kept = ReplicaCache<ConvChain, double>.Rent(first);
        ReplicaCache<ConvChain, double>.Return(first, kept);

        Assert.NotSame(kept, ReplicaCache<ConvChain, double>.Rent(second));
        Assert.Same(kept, ReplicaCache<ConvChain, double>.Rent(first));
        Assert.NotSame(kept, ReplicaCache<ConvChain, double>.Rent(first)); // taken: the next one is new
    }
}
