using System.Text.RegularExpressions;
using CompiledNets.Generator.Emit;
using CompiledNets.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CompiledNets.Generator.Tests.Emitting;

/// <summary>
/// Layers of equal sizes call the runtime's kernels with one shape type, so the JIT compiles each kernel once for all
/// of them (the benchmarks' --startup measures the time saved). The SharedShapes sample network checks that such a
/// network computes what the reference computes.
/// </summary>
public sealed class SharedShapeTests
{
    [Fact]
    public void EqualDenseLayers_DeclareOneShapeType_AndEachCallsTheKernelsWithIt()
    {
        string all = GeneratedText("""
            using CompiledNets;
            namespace Samples;

            [Network(Loss = Loss.CrossEntropy)]
            [Input(784)]
            [Dense(256, Activation.Relu)]
            [Dense(256, Activation.Relu)]
            [Dense(256, Activation.Relu)]
            [Dense(256, Activation.Relu)]
            [Dense(10, Activation.Softmax)]
            public partial class DeepNet;
            """);

        Assert.Equal(["Layer1Shape", "Layer2Shape", "Layer5Shape"], DeclaredShapeTypes(all));
        Assert.Contains("/// <summary>The sizes of layers 2 to 4, as one type: the runtime kernels compile once for all 3.</summary>", all);
        // Every kernel call on W3 and W4 or their gradients names layer 2's type: per example the product, the
        // transposed product, the update and the gradient; in tiles the same three products.
        foreach (int layer in new[] { 3, 4 })
        {
            string[] calls = KernelCallsOn(all, layer);
            Assert.Equal(7, calls.Length);
            Assert.All(calls, call => Assert.Contains("<Layer2Shape, float>", call));
        }
    }

    [Fact]
    public void LayersOfEqualSizesApart_ShareTheFirstOnesType()
    {
        // 16 -> 8, 8 -> 16, 16 -> 8: layers 1 and 3 have equal sizes.
        string all = GeneratedText("""
            using CompiledNets;
            namespace Samples;

            [Network(UnrollLimit = 16)]
            [Input(16)]
            [Dense(8, Activation.Tanh)]
            [Dense(16, Activation.Tanh)]
            [Dense(8)]
            public partial class HourglassNet;
            """);

        Assert.Equal(["Layer1Shape", "Layer2Shape"], DeclaredShapeTypes(all));
        Assert.Contains("/// <summary>The sizes of layers 1 and 3, as one type: the runtime kernels compile once for both.</summary>", all);
        string[] layer3 = KernelCallsOn(all, 3);
        Assert.NotEmpty(layer3);
        Assert.All(layer3, call => Assert.Contains("<Layer1Shape, float>", call));
    }

    [Theory]
    [InlineData(new[] { 2, 3 }, "layers 2 and 3")]
    [InlineData(new[] { 1, 3, 5 }, "layers 1, 3 and 5")]
    [InlineData(new[] { 2, 3, 4 }, "layers 2 to 4")]
    [InlineData(new[] { 1, 3, 5, 7, 9 }, "layers 1, 3, 5, 7 and 9")]
    [InlineData(new[] { 1, 3, 5, 7, 9, 11 }, "the 6 layers from layer 1")]
    public void LayerNumbers_ReadAsAPhrase(int[] numbers, string phrase)
        => Assert.Equal(phrase, LayerNames.Layers(numbers));

    private static string GeneratedText(string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.AllDiagnostics.Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning));
        return string.Join("\n", run.Sources.Values);
    }

    private static string[] DeclaredShapeTypes(string text)
        => Regex.Matches(text, @"private readonly struct (\w+Shape) ").Select(match => match.Groups[1].Value).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Each kernel call on a layer's weights (W3) or their gradient (from Layer3WeightsOffset), to its end.</summary>
    private static string[] KernelCallsOn(string text, int layer)
        => Regex.Matches(text, $@"Kernels\.\w+<\w+, \w+>\([^;]*?(_parameters\.W{layer}\b|Layer{layer}WeightsOffset)[^;]*;")
            .Select(match => match.Value)
            .ToArray();
}
