using CompiledNets.Generator.Tests.Infrastructure;

namespace CompiledNets.Generator.Tests.Emitting;

/// <summary>
/// The tutorials' tiny networks: each neuron's activation applied where its sum is made, as the tutorials write it, and
/// the two passes inlined into their callers up to 32 values (weights, biases and outputs), where the calls cost more
/// than the math (the boundary is exact).
/// </summary>
public sealed class SmallNetworkFormTests
{
    private const string Inlined = "global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining";

    [Fact]
    public void AFloatSigmoidLayerOfFourNeurons_AppliesEachNeuronsSigmoidToItsSum()
    {
        (string forward, _) = Passes(Declaration("Input(3)", "Dense(4, Activation.Sigmoid, Bias = false)", "Dense(1, Activation.Sigmoid, Bias = false)"));

        Assert.Contains("""
            z = w1[0] * x[0] + w1[1] * x[1] + w1[2] * x[2];
            a1[0] = 1f / (1f + global::System.MathF.Exp(-z));
            z = w1[3] * x[0] + w1[4] * x[1] + w1[5] * x[2];
            a1[1] = 1f / (1f + global::System.MathF.Exp(-z));
            """, Unindented(forward), StringComparison.Ordinal);
        Assert.DoesNotContain("for (int k", forward, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sigmoid", "global::CompiledNets.Numerics.VectorMath.Sigmoid(a1, a1);")]
    [InlineData("Tanh", "global::CompiledNets.Numerics.VectorMath.Tanh(a1, a1);")]
    public void AFloatLayerOfEightNeurons_AppliesItsActivationInVectorsAfterTheSums(string activation, string call)
    {
        (string forward, _) = Passes(Declaration("Input(2)", $"Dense(8, Activation.{activation})", "Dense(1)"));

        Assert.Contains("a1[7] = b1[7] + w1[14] * x[0] + w1[15] * x[1];", forward, StringComparison.Ordinal);
        Assert.Contains(call, forward, StringComparison.Ordinal);
    }

    // A loop layer computes each example's sums as its tiles do, so its activation takes the tiles' vector formula at
    // any size: the same bits one example at a time and in a batch (the runtime's BatchTests check the values).
    [Theory]
    [InlineData("Sigmoid", "global::CompiledNets.Numerics.VectorMath.Sigmoid(a1, a1);")]
    [InlineData("Tanh", "global::CompiledNets.Numerics.VectorMath.Tanh(a1, a1);")]
    public void AFloatLoopLayerOfFewerThanEightNeurons_AppliesItsActivationInVectorsAsItsTilesDo(string activation, string call)
    {
        (string forward, _) = Passes(Declaration("Input(2)", $"Dense(5, Activation.{activation})", "Dense(1)")
            .Replace("[Network]", "[Network(UnrollLimit = 0)]"));

        Assert.Contains(call, forward, StringComparison.Ordinal);
        Assert.DoesNotContain("global::System.MathF", forward, StringComparison.Ordinal);
    }

    // Input(n) -> Dense(4, tanh) -> Dense(1): 4n + 4 + 4 values, then 4 + 1 + 1: 30 for n = 4, 34 for n = 5.
    [Theory]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void ThePassesOfANetworkOfAtMost32Values_AreInlined(int inputs, bool inlined)
    {
        (string forward, string backward) = Passes(Declaration($"Input({inputs})", "Dense(4, Activation.Tanh)", "Dense(1)"));

        Assert.Equal(inlined, forward.Contains(Inlined, StringComparison.Ordinal));
        Assert.Equal(inlined, backward.Contains(Inlined, StringComparison.Ordinal));
    }

    [Fact]
    public void ATinyNetworkWithALayerOfKernelCalls_KeepsItsPassesAsCalls()
    {
        (string forward, string backward) = Passes(Declaration("Input(2)", "Dense(2, Activation.Tanh)", "Dense(1)").Replace("[Network]", "[Network(UnrollLimit = 0)]"));

        Assert.DoesNotContain(Inlined, forward, StringComparison.Ordinal);
        Assert.DoesNotContain(Inlined, backward, StringComparison.Ordinal);
    }

    private static string Declaration(params string[] attributes)
        => "using CompiledNets;\nnamespace Samples;\n\n[Network]\n" + string.Concat(attributes.Select(a => "[" + a + "]\n")) + "public partial class Net;\n";

    private static string Unindented(string code) => string.Join("\n", code.Split('\n').Select(line => line.TrimStart()));

    private static (string Forward, string Backward) Passes(string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        return (File(run, ".Forward.g.cs"), File(run, ".Backward.g.cs"));
    }

    private static string File(GeneratorRun run, string suffix)
        => Assert.Single(run.Sources, pair => pair.Key.EndsWith(suffix, StringComparison.Ordinal)).Value;
}
