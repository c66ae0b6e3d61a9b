using CompiledNets.Generator.Model;
using CompiledNets.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CompiledNets.Generator.Tests.Incremental;

/// <summary>What the pipeline recomputes after an edit: only what the edit can change.</summary>
public sealed class IncrementalTests
{
    private const string Unrelated = """
        namespace Samples.Other;

        public static class Helpers
        {
            public static int Answer() => 41;
        }
        """;

    [Fact]
    public void SameCompilation_Rerun_IsCached()
    {
        CSharpCompilationFor(out Compilation compilation, SampleNetworks.Xor.Source);
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);

        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation);

        Assert.All(IncrementalAssert.Reasons(second, TrackingNames.Parse), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.All(IncrementalAssert.Reasons(second, TrackingNames.Spec), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.All(IncrementalAssert.OutputReasons(second), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void AddingUnrelatedFile_SpecAndOutputsCached()
    {
        CSharpCompilationFor(out Compilation compilation, SampleNetworks.Xor.Source);
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);

        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.AddSyntaxTrees(GeneratorHarness.Parse(Unrelated, "Other.cs")));

        AssertSpecUnchangedAndOutputsCached(second);
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void EditingMethodBodyElsewhere_SpecAndOutputsCached()
    {
        CSharpCompilationFor(out Compilation compilation, SampleNetworks.Xor.Source, Unrelated);
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);
        SyntaxTree other = compilation.SyntaxTrees.Last();

        Compilation edited = compilation.ReplaceSyntaxTree(other, GeneratorHarness.Parse(Unrelated.Replace("41", "42"), other.FilePath));
        GeneratorRun second = GeneratorHarness.Run(first.Driver, edited);

        AssertSpecUnchangedAndOutputsCached(second);
    }

    [Fact]
    public void CommentsAndWhitespaceInTheNetworkFile_SpecUnchanged_OutputsCached()
    {
        CSharpCompilationFor(out Compilation compilation, SampleNetworks.Xor.Source);
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        string edited = "// The XOR network of the tutorial.\n\n" + SampleNetworks.Xor.Source.Replace("[Input(3)]", "[Input( 3 )]   // three inputs, the third is a bias\n");

        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(tree, GeneratorHarness.Parse(edited, tree.FilePath)));

        // The Parse step reran (its tree changed) and produced an equal result, so everything after it is cached.
        Assert.Equal([IncrementalStepRunReason.Unchanged], IncrementalAssert.Reasons(second, TrackingNames.Parse));
        AssertSpecUnchangedAndOutputsCached(second);
    }

    [Fact]
    public void UnrollLimitChangeThatUnrollsNothingNew_SpecUnchanged_OutputsCached()
    {
        // Xor's layers have 12 and 4 weights: limits 32 and 12 unroll both, so the emitted code is the same and the
        // spec, which records each layer's choice rather than the limit, compares equal.
        string source = SampleNetworks.Xor.Source.Replace("Precision = Precision.Double)]", "Precision = Precision.Double, UnrollLimit = 32)]");
        Assert.NotEqual(SampleNetworks.Xor.Source, source);
        CSharpCompilationFor(out Compilation compilation, source);
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();

        GeneratorRun second = GeneratorHarness.Run(first.Driver,
            compilation.ReplaceSyntaxTree(tree, GeneratorHarness.Parse(source.Replace("UnrollLimit = 32", "UnrollLimit = 12"), tree.FilePath)));

        AssertSpecUnchangedAndOutputsCached(second);
    }

    [Fact]
    public void ChangingOneNetworksLayerSize_RegeneratesOnlyThatNetwork()
    {
        CSharpCompilationFor(out Compilation compilation, SampleNetworks.Xor.Source, SampleNetworks.OneWeight.Source);
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);
        SyntaxTree xor = compilation.SyntaxTrees.First();
        string wider = SampleNetworks.Xor.Source.Replace("[Dense(4, ", "[Dense(5, ");

        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(xor, GeneratorHarness.Parse(wider, xor.FilePath)));

        (object Value, IncrementalStepRunReason Reason)[] specs = second.StepOutputs(TrackingNames.Spec).ToArray();
        Assert.Equal(2, specs.Length);
        var xorSpec = Assert.Single(specs, output => ((NetworkSpec)output.Value).Type.Name == "XorNetwork");
        var oneWeightSpec = Assert.Single(specs, output => ((NetworkSpec)output.Value).Type.Name == "OneWeight");
        Assert.Equal(IncrementalStepRunReason.Modified, xorSpec.Reason);
        Assert.Contains(oneWeightSpec.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged });

        IncrementalStepRunReason[] outputs = IncrementalAssert.OutputReasons(second).Select(output => output.Reason).Order().ToArray();
        Assert.Equal([IncrementalStepRunReason.Modified, IncrementalStepRunReason.Cached], outputs);
        Assert.Equal(5, ((NetworkSpec)xorSpec.Value).Layers[0].OutputSize);
        string[] oneWeightFiles = first.Sources.Keys.Where(name => name.StartsWith("Samples.SimplestNetwork.OneWeight.", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, oneWeightFiles.Length);
        foreach (string hintName in oneWeightFiles)
            Assert.Equal(first.Sources[hintName], second.Sources[hintName]);
        Assert.NotEqual(first.Sources["Samples.Xor.XorNetwork.Forward.g.cs"], second.Sources["Samples.Xor.XorNetwork.Forward.g.cs"]);
    }

    [Fact]
    public void ChangingOneNetworksLayerKind_RegeneratesOnlyThatNetwork()
    {
        // MaxPool2D -> AveragePool2D: same sizes, another kind. The specs must differ by kind, not just by shape.
        CSharpCompilationFor(out Compilation compilation, SampleNetworks.ConvDigits.Source, SampleNetworks.OneWeight.Source);
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);
        SyntaxTree conv = compilation.SyntaxTrees.First();
        string averaged = SampleNetworks.ConvDigits.Source.Replace("[MaxPool2D(2)]                              // 32 x 4 x 4",
            "[AveragePool2D(2)]                          // 32 x 4 x 4");
        Assert.NotEqual(SampleNetworks.ConvDigits.Source, averaged);

        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(conv, GeneratorHarness.Parse(averaged, conv.FilePath)));

        (object Value, IncrementalStepRunReason Reason)[] specs = second.StepOutputs(TrackingNames.Spec).ToArray();
        var convSpec = Assert.Single(specs, output => ((NetworkSpec)output.Value).Type.Name == "ConvDigitNet");
        var oneWeightSpec = Assert.Single(specs, output => ((NetworkSpec)output.Value).Type.Name == "OneWeight");
        Assert.Equal(IncrementalStepRunReason.Modified, convSpec.Reason);
        Assert.Contains(oneWeightSpec.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged });
        Assert.Equal(PoolKind.Average, Assert.IsType<Pool2DLayerSpec>(((NetworkSpec)convSpec.Value).Layers[3]).Kind);
        Assert.Contains("Pool2DKernels.AverageForward<Layer4Shape, float>", second.Sources["Samples.ConvDigits.ConvDigitNet.Forward.g.cs"]);
        string[] oneWeightFiles = first.Sources.Keys.Where(name => name.StartsWith("Samples.SimplestNetwork.OneWeight.", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, oneWeightFiles.Length);
        foreach (string hintName in oneWeightFiles)
            Assert.Equal(first.Sources[hintName], second.Sources[hintName]);
    }

    [Theory]
    [MemberData(nameof(SampleNetworks.Names), MemberType = typeof(SampleNetworks))]
    public void Spec_HoldsNoSymbolsSyntaxOrCompilation(string name)
    {
        GeneratorRun run = GeneratorHarness.Run(SampleNetworks.Named(name).Source);

        (object Value, IncrementalStepRunReason Reason) spec = Assert.Single(run.StepOutputs(TrackingNames.Spec));
        IncrementalAssert.HoldsNoCompilationObjects(spec.Value);
    }

    [Fact]
    public void ObjectGraphWalk_FindsASymbol()
    {
        // The walk itself must work: a record holding a symbol fails it.
        GeneratorRun run = GeneratorHarness.Run(SampleNetworks.Xor.Source);
        ISymbol symbol = run.Input.GetTypeByMetadataName(SampleNetworks.Xor.TypeName)!;

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => IncrementalAssert.HoldsNoCompilationObjects(new[] { new { Inner = (object)symbol } }));
    }

    [Fact]
    public void SpecsFromTwoCompilations_AreEqual_NotSame_SameHash()
    {
        NetworkSpec first = Assert.Single(GeneratorHarness.Run(SampleNetworks.DeepMixed.Source).Specs);
        NetworkSpec second = Assert.Single(GeneratorHarness.Run(SampleNetworks.DeepMixed.Source).Specs);

        Assert.Equal(first, second);
        Assert.NotSame(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotSame(first.Layers[0], second.Layers[0]);
        Assert.Equal(first.Layers, second.Layers);
    }

    [Fact]
    public void EditingTheBaseClassInAnotherFile_ReportsAndClearsCN0017()
        // The check reads the base class's members, which live in another file: an edit there must reach it both ways.
        => AnEditInAnotherFile_ReportsAndClears("CN0017", """
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Net : Model;
            """, """
            namespace Samples;

            public class Model
            {
                public int Epochs;
            }
            """, model => model.Replace("Epochs", "Parameters"));

    [Fact]
    public void AGlobalTypeNamedSystemInAnotherFile_ReportsAndClearsCN0021()
        // The check looks at the whole compilation's global namespace: adding or moving that type anywhere must reach it.
        => AnEditInAnotherFile_ReportsAndClears("CN0021", """
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Net;
            """, """
            namespace Game;

            public class System;
            """, other => other.Replace("namespace Game;", ""));

    /// <summary>
    /// The network generates; <paramref name="edit"/> to the other file makes the generator report <paramref name="id"/>
    /// and generate nothing; undoing the edit generates the first run's files again.
    /// </summary>
    private static void AnEditInAnotherFile_ReportsAndClears(string id, string network, string other, Func<string, string> edit)
    {
        CSharpCompilationFor(out Compilation compilation, network, other);
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);
        SyntaxTree otherTree = compilation.SyntaxTrees.Last();

        Compilation edited = compilation.ReplaceSyntaxTree(otherTree, GeneratorHarness.Parse(edit(other), otherTree.FilePath));
        GeneratorRun second = GeneratorHarness.Run(first.Driver, edited);
        GeneratorRun third = GeneratorHarness.Run(second.Driver, compilation);

        Assert.Empty(first.GeneratorDiagnostics);
        Assert.Equal(4, first.Sources.Count);
        Assert.Equal(id, Assert.Single(second.GeneratorDiagnostics).Id);
        Assert.Empty(second.Sources);
        Assert.Empty(third.GeneratorDiagnostics);
        Assert.Equal(first.Sources, third.Sources);
    }

    [Fact]
    public void DiagnosticWithTypeNameOnly_IsCachedOnIdenticalRerun()
    {
        // CN0001's only argument is the type name, the same string instance on every run: compares equal.
        GeneratorRun run = GeneratorHarness.Run("""
            using CompiledNets;
            [Network][Input(2)][Dense(1)]
            public class Net;
            """);

        Assert.Equal("CN0001", Assert.Single(run.GeneratorDiagnostics).Id);
    }

    [Theory]
    [InlineData("[Network][Input(2)][Dense(3, (Activation)42)]")]
    [InlineData("[Network(UnrollLimit = -1)][Input(2)][Dense(1)]")]
    [InlineData("[Network(Loss = Loss.CrossEntropy)][Input(2)][Dense(3, Activation.Sigmoid)]")]
    [InlineData("[Network(Loss = Loss.CrossEntropy)][Input(4)][Dense(3, Activation.Softmax)][Dense(2, Activation.Softmax)]")]
    public void DiagnosticWithComputedArguments_IsCachedOnIdenticalRerun(string attributes)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compile($$"""
            using CompiledNets;
            {{attributes}}
            public partial class Net;
            """), assertCached: false);

        Assert.Single(run.GeneratorDiagnostics);
        IncrementalAssert.RerunIsCached(run);
    }

    private static void CSharpCompilationFor(out Compilation compilation, params string[] sources)
        => compilation = GeneratorHarness.Compile(sources);

    private static void AssertSpecUnchangedAndOutputsCached(GeneratorRun run)
    {
        IReadOnlyList<IncrementalStepRunReason> specs = IncrementalAssert.Reasons(run, TrackingNames.Spec);
        Assert.NotEmpty(specs);
        Assert.All(specs, reason => Assert.Contains(reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.NotEmpty(IncrementalAssert.OutputReasons(run));
        Assert.All(IncrementalAssert.OutputReasons(run), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }
}
