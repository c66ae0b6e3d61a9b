using System.Numerics;
using Microsoft.CodeAnalysis;

namespace CompiledNets.Generator.Tests.Infrastructure;

/// <summary>Helpers for [Network(Weights = ...)]: a weights file in text form, and a run with it among the AdditionalFiles.</summary>
internal static class Baking
{
    public const string TypeName = "Samples.Baked.BakedNet";
    public const string FilePath = "/src/App/Models/baked.weights.txt";

    /// <summary>A network of 3 inputs, <paramref name="layers"/>, then Dense(1, Sigmoid); Weights marked as the diagnostic span.</summary>
    public static string Declaration(string layers = "[Dense(4, Activation.Sigmoid)]", string precision = "Double", string? weights = "Models/baked.weights.txt")
        => $$"""
            using CompiledNets;
            namespace Samples.Baked;

            [Network(Loss = Loss.SquaredError, Precision = Precision.{{precision}}{{(weights is null ? "" : $", [|Weights = \"{weights}\"|]")}})]
            [Input(3)]
            {{layers}}
            [Dense(1, Activation.Sigmoid)]
            public partial class BakedNet;
            """;

    /// <summary>Compiles <paramref name="declaration"/> (without Weights), sets its parameters and returns what NetworkWeights.SaveText writes.</summary>
    public static string SavedText<T>(string declaration, T[] parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using CompiledNet compiled = CompiledNet.Load(GeneratorHarness.Run(declaration));
        INetwork<T> network = compiled.Create<T>(TypeName);
        network.Parameters = parameters;
        string path = Path.Combine(Path.GetTempPath(), "compilednets-baking-" + Guid.NewGuid().ToString("N") + ".weights.txt");
        try
        {
            network.SaveText(path);
            return File.ReadAllText(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Runs the generator on the marked declaration with <paramref name="files"/> as AdditionalFiles; asserts a rerun is cached.</summary>
    public static (GeneratorRun Run, MarkedSource Source) RunWith(string marked, params (string Path, string Text)[] files)
    {
        MarkedSource source = MarkedSource.Parse(marked);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(files.Select(file => (AdditionalText)new InMemoryAdditionalText(file.Path, file.Text)));
        GeneratorRun run = GeneratorHarness.Run(driver, GeneratorHarness.Compile(source.Source));
        IncrementalAssert.RerunIsCached(run);
        return (run, source);
    }

    /// <summary>
    /// Exactly one diagnostic, an error with this ID and message on the Weights argument; the network's own files are
    /// still generated, its Pretrained file is not.
    /// </summary>
    public static Diagnostic AssertReports((GeneratorRun Run, MarkedSource Source) result, string id, string? message)
    {
        Diagnostic diagnostic = Assert.Single(result.Run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        if (message is not null)
            Assert.Equal(message, diagnostic.GetMessage());
        // Baking runs after parsing, on values that cache across edits: the location is the declaration's file and span.
        Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(result.Source.Span, diagnostic.Location.SourceSpan);
        Assert.Contains("Samples.Baked.BakedNet.Network.g.cs", result.Run.Sources.Keys);
        Assert.DoesNotContain("Samples.Baked.BakedNet.Pretrained.g.cs", result.Run.Sources.Keys);
        return diagnostic;
    }
}
