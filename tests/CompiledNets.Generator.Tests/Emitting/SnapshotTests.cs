using CompiledNets.Generator.Tests.Infrastructure;

namespace CompiledNets.Generator.Tests.Emitting;

/// <summary>
/// The generated code is product surface, read by people learning the math: each representative network's
/// output is kept as approved files under Snapshots/{Name}/ and compared byte for byte.
/// </summary>
public sealed class SnapshotTests
{
    [Theory]
    [MemberData(nameof(SampleNetworks.Names), MemberType = typeof(SampleNetworks))]
    public void Generated_MatchesSnapshot(string name)
    {
        SampleNetwork network = SampleNetworks.Named(name);

        GeneratorRun run = GeneratorHarness.Run(network.Source);

        Assert.Empty(run.GeneratorDiagnostics);
        string stem = network.TypeName.Replace('+', '.');
        Assert.Equal([stem + ".Backward.g.cs", stem + ".Batch.g.cs", stem + ".Forward.g.cs", stem + ".Network.g.cs"], run.Sources.Keys);
        Snapshot.Match(run, name);
    }

    [Fact]
    public void TwoNetworksInOneCompilation_GetSeparateFiles()
    {
        GeneratorRun run = GeneratorHarness.Run(SampleNetworks.Xor.Source, SampleNetworks.OneWeight.Source);

        Assert.Equal(
            [
                "Samples.Tutorial.OneWeightNet.Backward.g.cs", "Samples.Tutorial.OneWeightNet.Batch.g.cs", "Samples.Tutorial.OneWeightNet.Forward.g.cs", "Samples.Tutorial.OneWeightNet.Network.g.cs",
                "Samples.Xor.XorNetwork.Backward.g.cs", "Samples.Xor.XorNetwork.Batch.g.cs", "Samples.Xor.XorNetwork.Forward.g.cs", "Samples.Xor.XorNetwork.Network.g.cs",
            ],
            run.Sources.Keys);
        Assert.Equal(GeneratorHarness.Run(SampleNetworks.Xor.Source).Sources["Samples.Xor.XorNetwork.Forward.g.cs"], run.Sources["Samples.Xor.XorNetwork.Forward.g.cs"]);
    }

    [Fact]
    public void GeneratedText_UsesLineFeedsOnly()
    {
        GeneratorRun run = GeneratorHarness.Run(SampleNetworks.Xor.Source);

        Assert.All(run.Sources.Values, text => Assert.DoesNotContain('\r', text));
    }
}
