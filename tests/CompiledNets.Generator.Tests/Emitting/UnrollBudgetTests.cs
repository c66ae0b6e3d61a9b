using CompiledNets.Generator.Tests.Infrastructure;

namespace CompiledNets.Generator.Tests.Emitting;

/// <summary>
/// A network's unrolled layers hold at most 256 values together (weights, biases and outputs): past about 400 the JIT
/// stops inlining in the long straight-line methods and they run 5-170x slower (README, UnrollLimit). Over the budget,
/// the largest unrolled layers are written as kernel calls; the boundary is exact.
/// </summary>
public sealed class UnrollBudgetTests
{
    // 14 x 16 weights + 16 biases + 16 outputs = 256 values: unrolled. 15 x 16 + 16 + 16 = 272: kernel calls.
    [Theory]
    [InlineData(14, "Dense 14 -> 16, relu, unrolled")]
    [InlineData(15, "Dense 15 -> 16, relu, kernels")]
    public void ALayerAtTheBudget_IsUnrolled_AndOneInputMoreIsWrittenAsKernelCalls(int inputs, string expectedBanner)
    {
        string forward = Forward($$"""
            using CompiledNets;
            namespace Samples;

            [Network(UnrollLimit = 256)]
            [Input({{inputs}})]
            [Dense(16, Activation.Relu)]
            public partial class Net;
            """);

        Assert.Contains(expectedBanner, forward, StringComparison.Ordinal);
    }

    [Fact]
    public void OverTheBudget_TheLargestLayersGoFirst_AndTheFirstOfEqualLayers()
    {
        // Five 8 x 8 layers of 80 values each and an 8 x 1 layer of 10: 410 in all. Moving layers 1 and 2 to the
        // kernels leaves 250.
        string forward = Forward("""
            using CompiledNets;
            namespace Samples;

            [Network(UnrollLimit = 64)]
            [Input(8)]
            [Dense(8, Activation.Relu)]
            [Dense(8, Activation.Relu)]
            [Dense(8, Activation.Relu)]
            [Dense(8, Activation.Relu)]
            [Dense(8, Activation.Relu)]
            [Dense(1)]
            public partial class Deep;
            """);

        Assert.Contains("Layer 1 forward: Dense 8 -> 8, relu, kernels", forward, StringComparison.Ordinal);
        Assert.Contains("Layer 2 forward: Dense 8 -> 8, relu, kernels", forward, StringComparison.Ordinal);
        Assert.Equal(2, Occurrences(forward, BudgetNote)); // the code says why, for each of the two
        Assert.Contains("Layer 3 forward: Dense 8 -> 8, relu, unrolled", forward, StringComparison.Ordinal);
        Assert.Contains("Layer 5 forward: Dense 8 -> 8, relu, unrolled", forward, StringComparison.Ordinal);
        Assert.Contains("Layer 6 forward: Dense 8 -> 1, linear, unrolled", forward, StringComparison.Ordinal);
    }

    [Fact]
    public void ASmallLayerAfterLargeOnes_StaysUnrolled()
    {
        // 16 x 16 (288 values) alone is over the budget and goes to the kernels; 16 x 4 (84) fits.
        string forward = Forward("""
            using CompiledNets;
            namespace Samples;

            [Network(UnrollLimit = 256)]
            [Input(16)]
            [Dense(16, Activation.Tanh)]
            [Dense(4)]
            public partial class Net;
            """);

        Assert.Contains("Layer 1 forward: Dense 16 -> 16, tanh, kernels", forward, StringComparison.Ordinal);
        Assert.Contains("Layer 2 forward: Dense 16 -> 4, linear, unrolled", forward, StringComparison.Ordinal);
    }

    [Fact]
    public void ALayerAboveUnrollLimit_IsKernelCalls_WithoutTheBudgetsNote()
    {
        string forward = Forward("""
            using CompiledNets;
            namespace Samples;

            [Network(UnrollLimit = 32)]
            [Input(8)]
            [Dense(8, Activation.Relu)]
            [Dense(1)]
            public partial class Net;
            """);

        Assert.Contains("Layer 1 forward: Dense 8 -> 8, relu, kernels", forward, StringComparison.Ordinal);
        Assert.Equal(0, Occurrences(forward, BudgetNote));
    }

    private const string BudgetNote = "// Within UnrollLimit, but kernel calls: a network's unrolled layers hold at most 256 values";

    private static int Occurrences(string text, string part) => text.Split(part).Length - 1;

    private static string Forward(string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        return Assert.Single(run.Sources, pair => pair.Key.EndsWith(".Forward.g.cs", StringComparison.Ordinal)).Value;
    }
}
