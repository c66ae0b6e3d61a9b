using CompiledNets.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CompiledNets.Generator.Tests.Emitting;

/// <summary>
/// Names that are legal C# must not take the build down: Roslyn compares hint names without case and accepts only some
/// characters, and a duplicate or invalid hint name throws inside the generator (CS8785), which drops the generated
/// code of every network in the project. Each case here compiles with every network's members in place.
/// </summary>
public sealed class NamingTests
{
    [Fact]
    public void NetworksWhoseNamesDifferOnlyInCase_EachKeepTheirCode()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using CompiledNets;
            namespace Samples;

            [Network][Input(2)][Dense(1)]
            public partial class Model;

            [Network][Input(3)][Dense(1)]
            public partial class MODEL;

            public static class Use
            {
                public static int Sizes() => Model.InputSize + MODEL.InputSize;
            }
            """);

        AssertCompilesWithoutCrash(run);
        Assert.Equal(8, run.Sources.Count);
        Assert.Equal(8, run.Sources.Keys.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void NamespacesWhoseNamesDifferOnlyInCase_EachKeepTheirCode()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using CompiledNets;

            namespace Samples.Nets
            {
                [Network][Input(2)][Dense(1)]
                public partial class Net;
            }

            namespace Samples.NETS
            {
                [Network][Input(2)][Dense(1)]
                public partial class Net;
            }
            """);

        AssertCompilesWithoutCrash(run);
        Assert.Equal(8, run.Sources.Keys.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void LongNames_GetShortDistinctFileNames_ThatKeepTheTypesName()
    {
        // A build that writes the generated files names them by their hint names, and a file name holds at most 255
        // bytes: a network in a namespace of 294 characters failed the build (CS0016, "the path is too long").
        string longNamespace = string.Join(".", Enumerable.Range(0, 5).Select(i => $"Segment{i}" + new string('A', 50)));
        GeneratorRun run = GeneratorHarness.Run($$"""
            using CompiledNets;

            namespace First.{{longNamespace}}
            {
                /// <summary>A network.</summary>
                [Network][Input(2)][Dense(1)]
                public partial class ScoringNetwork;
            }

            namespace Second.{{longNamespace}}
            {
                /// <summary>A network of the same name whose full name differs only at its start.</summary>
                [Network][Input(2)][Dense(1)]
                public partial class ScoringNetwork;
            }
            """);

        AssertCompilesWithoutCrash(run);
        Assert.Equal(8, run.Sources.Keys.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(run.Sources.Keys, hint =>
        {
            Assert.InRange(hint.Length, 1, 100 + ".Backward.g.cs".Length);
            Assert.Matches(@"^Segment4A+\.ScoringNetwork\.[0-9a-f]{8}\.(Network|Forward|Backward|Batch)\.g\.cs$", hint);
        });
    }

    [Theory]
    [InlineData("namespace @event.Nets;", "Net", "event.Nets")]
    [InlineData("namespace Samples;", "@class", "Samples")]
    [InlineData("namespace Samples;", "var", "Samples")]
    [InlineData("namespace Samples;", "nameof", "Samples")]
    [InlineData("namespace Samples;", "@checked", "Samples")]
    public void KeywordNames_Compile_AndTheNetworkRuns(string namespaceDeclaration, string className, string metadataNamespace)
    {
        GeneratorRun run = GeneratorHarness.Run($$"""
            using CompiledNets;
            {{namespaceDeclaration}}

            // The user's own declaration of a lower-case type name warns (CS8981); the generated code must add nothing.
            #pragma warning disable CS8981
            /// <summary>A network.</summary>
            [Network(Loss = Loss.CrossEntropy)][Input(3)][Dense(4, Activation.Tanh)][Dense(2, Activation.Softmax)]
            public partial class {{className}};
            #pragma warning restore CS8981

            /// <summary>Calls it.</summary>
            public static class Use
            {
                /// <summary>The sum of the probabilities.</summary>
                public static float Run()
                {
                    var network = new {{className}}();
                    System.Span<float> output = stackalloc float[2];
                    network.Predict(new float[] { 1, 2, 3 }, output);
                    return output[0] + output[1];
                }
            }
            """);

        AssertCompilesWithoutCrash(run);
        Assert.Equal(4, run.Sources.Count);
        Assert.All(run.Sources.Keys, hint => Assert.DoesNotContain("@", hint));
        using CompiledNet net = CompiledNet.Load(run);
        object? probabilitySum = net.Type(metadataNamespace + ".Use").GetMethod("Run")!.Invoke(null, null);
        Assert.Equal(1f, (float)probabilitySum!, 5);
    }

    [Theory]
    [InlineData("class")]
    [InlineData("struct")]
    [InlineData("record")]
    [InlineData("record class")]
    [InlineData("record struct")]
    [InlineData("interface")]
    public void EveryKindOfContainingType_Compiles_AndTheNetworkRuns(string containerKind)
    {
        // The generated code re-opens the containing type with the keyword it was declared with: 'partial struct' for a
        // 'record struct' does not compile (CS0261).
        GeneratorRun run = GeneratorHarness.Run($$"""
            using CompiledNets;
            namespace Samples;

            /// <summary>Holds a network.</summary>
            public partial {{containerKind}} Holder
            {
                /// <summary>A network.</summary>
                [Network(Loss = Loss.CrossEntropy)][Input(3)][Dense(4, Activation.Tanh)][Dense(2, Activation.Softmax)]
                public partial class Net;
            }

            /// <summary>Calls it.</summary>
            public static class Use
            {
                /// <summary>The sum of the probabilities.</summary>
                public static float Run()
                {
                    var network = new Holder.Net();
                    System.Span<float> output = stackalloc float[2];
                    network.Predict(new float[] { 1, 2, 3 }, output);
                    return output[0] + output[1];
                }
            }
            """);

        AssertCompilesWithoutCrash(run);
        Assert.Equal(4, run.Sources.Count);
        using CompiledNet net = CompiledNet.Load(run);
        object? probabilitySum = net.Type("Samples.Use").GetMethod("Run")!.Invoke(null, null);
        Assert.Equal(1f, (float)probabilitySum!, 5);
    }

    [Fact]
    public void NetworkAttributeOnBothPartialDeclarations_GeneratesOnce()
    {
        GeneratorRun run = GeneratorHarness.Run(
            """
            using CompiledNets;
            namespace Samples;

            [Network][Input(2)][Dense(1)]
            public partial class Net;
            """,
            """
            using CompiledNets;
            namespace Samples;

            [Network]
            public partial class Net;
            """);

        Assert.Null(run.Result.Exception);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "CS8785");
        Assert.Equal(4, run.Sources.Count);
        // The compiler's own error for the repeated attribute remains; nothing of the generator's is added to it.
        Assert.Contains(run.OutputDiagnostics, d => d.Id == "CS0579");
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS0579");
    }

    private static void AssertCompilesWithoutCrash(GeneratorRun run)
    {
        Assert.Null(run.Result.Exception);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "CS8785");
        Assert.Empty(run.OutputDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
