using CompiledNets.Generator.Emit;
using CompiledNets.Generator.Tests.Infrastructure;

namespace CompiledNets.Generator.Tests.Emitting;

/// <summary>
/// Each per-example method's scratch is a stack local up to <see cref="ScratchCode.StackLimitBytes"/> and this thread's
/// ThreadScratch above it, the boundary exact; the batched methods' tiles are always this thread's (the runtime tests
/// prove both places are thread-safe).
/// </summary>
public sealed class ScratchPlacementTests
{
    private const string StackScratch = "Scratch scratch = default;";
    private const string ThreadScratch = "ref Scratch scratch = ref global::CompiledNets.Numerics.ThreadScratch<Scratch>.Value;";
    private const string StackTiles = "TileScratch tiles = default;";
    private const string ThreadTiles = "ref TileScratch tiles = ref global::CompiledNets.Numerics.ThreadScratch<TileScratch>.Value;";

    [Fact]
    public void SmallNetwork_KeepsExampleScratchOnTheStack_AndTilesPerThread()
    {
        string code = AllCode(SampleNetworks.Xor.Source);

        Assert.Contains(StackScratch, code, StringComparison.Ordinal);
        Assert.Contains(ThreadTiles, code, StringComparison.Ordinal); // sigmoid layers: batches run in tiles
        Assert.DoesNotContain(ThreadScratch, code, StringComparison.Ordinal);
        Assert.DoesNotContain(StackTiles, code, StringComparison.Ordinal);
    }

    [Fact]
    public void DigitsNetwork_KeepsExampleScratchOnTheStack_AndTilesPerThread()
    {
        string code = AllCode(SampleNetworks.Digits.Source);

        Assert.Contains(StackScratch, code, StringComparison.Ordinal);
        Assert.Contains(ThreadTiles, code, StringComparison.Ordinal);
        Assert.DoesNotContain(ThreadScratch, code, StringComparison.Ordinal);
        Assert.DoesNotContain(StackTiles, code, StringComparison.Ordinal);
    }

    // 1023 + 1 outputs, a and d each: 2048 doubles = 16384 bytes, exactly the limit.
    [Theory]
    [InlineData(1023, StackScratch)]
    [InlineData(1024, ThreadScratch)]
    public void ScratchAtTheLimit_StaysOnTheStack_AndOneValueMoreMovesToTheThread(int units, string expected)
    {
        string code = AllCode($$"""
            using CompiledNets;
            namespace Samples;

            [Network(Precision = Precision.Double)]
            [Input(1)]
            [Dense({{units}})]
            [Dense(1)]
            public partial class Wide;
            """);

        Assert.Contains(expected, code, StringComparison.Ordinal);
    }

    private static string AllCode(string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        using CompiledNet compiled = CompiledNet.Load(run); // compiles warning-free and loads
        return string.Join("\n", run.Sources.Values);
    }
}
