using CompiledNets.Generator.Tests.Infrastructure;

namespace CompiledNets.Generator.Tests.Emitting;

/// <summary>
/// PredictBatch and BackpropagateBatch run in tiles through the runtime's kernels when a layer calls kernels or computes
/// an exponential (sigmoid, tanh, softmax), whose vector math then serves many examples at once: a 3-4-1 sigmoid
/// network's batches took a third of the time per example (README, Batches). An unrolled network of linear and relu
/// layers is about as fast one example at a time, and keeps that loop. Either way, an unrolled network's per-example
/// methods stay the tutorials' straight-line code, with its weights in the object.
/// </summary>
public sealed class BatchFormTests
{
    private const string PerExample = "// Every layer is unrolled and computes no exponential: one example at a time is about as fast as tiles, and simpler.";
    private const string Tiles = "private const int BatchTile = 32;";

    [Theory]
    [InlineData("[Dense(1)]", PerExample)]
    [InlineData("[Dense(4, Activation.Relu)][Dense(1)]", PerExample)]
    [InlineData("[Dense(4, Activation.LeakyRelu)][Dense(2)]", PerExample)]
    [InlineData("[Dense(4, Activation.Sigmoid)][Dense(1)]", Tiles)]
    [InlineData("[Dense(4, Activation.Relu)][Dense(1, Activation.Tanh)]", Tiles)]
    [InlineData("[Dense(3, Activation.Softmax)]", Tiles, "CrossEntropy")]
    public void UnrolledNetworks_BatchInTiles_ExactlyWhenALayerComputesAnExponential(string layers, string expected, string loss = "SquaredError")
    {
        string batch = File($$"""
            using CompiledNets;
            namespace Samples;

            [Network(Loss = Loss.{{loss}})][Input(2)]{{layers}}
            public partial class Net;
            """, "Batch");

        Assert.Contains(expected, batch, StringComparison.Ordinal);
        Assert.DoesNotContain(expected == Tiles ? PerExample : Tiles, batch, StringComparison.Ordinal);
    }

    [Fact]
    public void ALinearNetworkOfKernelCalls_BatchesInTiles()
        => Assert.Contains(Tiles, File("""
            using CompiledNets;
            namespace Samples;

            [Network(UnrollLimit = 0)][Input(2)][Dense(1)]
            public partial class Net;
            """, "Batch"), StringComparison.Ordinal);

    [Fact]
    public void AnUnrolledNetworkThatBatchesInTiles_KeepsItsStraightLineSteps_AndItsWeightsInTheObject()
    {
        const string source = """
            using CompiledNets;
            namespace Samples;

            [Network][Input(2)][Dense(2, Activation.Sigmoid, Bias = false)][Dense(1, Bias = false)]
            public partial class Net;
            """;

        Assert.Contains("w1[3] -= learningRate * (d1[1] * x[1]);", File(source, "Backward"), StringComparison.Ordinal);
        string members = File(source, "Network");
        Assert.Contains("private ParameterStorage _parameters;", members, StringComparison.Ordinal);
        Assert.DoesNotContain("AlignedStorage", members, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Single", 16)] // 1,000,002 values of 4 bytes per example: 16 make 64,000,128 bytes
    [InlineData("Double", 8)]
    public void TilesShrinkToTheLargestPowerOfTwoWhoseWorkingMemoryFitsInOneStruct(string precision, int tile)
    {
        string batch = File($$"""
            using CompiledNets;
            namespace Samples;

            [Network(Precision = Precision.{{precision}})][Input(1)][Dense(500000)][Dense(1)]
            public partial class Net;
            """, "Batch");

        Assert.Contains(
            "// Not 32: that many examples' outputs and deltas would take more than the 64 MiB one struct can hold." + Environment.NewLine +
            "        /// <summary>Examples per tile of the batched passes.</summary>" + Environment.NewLine +
            $"        private const int BatchTile = {tile};", batch, StringComparison.Ordinal);
    }

    private static string File(string source, string part)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        using CompiledNet compiled = CompiledNet.Load(run); // compiles warning-free and loads
        return run.Sources.Single(pair => pair.Key.EndsWith("." + part + ".g.cs", StringComparison.Ordinal)).Value;
    }
}
