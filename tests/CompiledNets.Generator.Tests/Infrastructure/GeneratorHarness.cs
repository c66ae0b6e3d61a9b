using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CompiledNets.Generator.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="NetworkGenerator"/> in memory on C# source strings, the way the compiler would, and repeats
/// every run on a clone of the compilation to check that nothing is recomputed (every test is a caching test).
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>C# latest with documentation comments parsed, so bad crefs in generated XML docs are reported.</summary>
    public static readonly CSharpParseOptions ParseOptions =
        new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>The shared framework's reference assemblies plus the CompiledNets runtime.</summary>
    public static readonly ImmutableArray<MetadataReference> References = LoadReferences();

    private static readonly CSharpCompilation Empty = CSharpCompilation.Create(
        "CompiledNets.Generator.Tests.Input",
        syntaxTrees: [],
        references: References,
        options: new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            deterministic: true));

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // TPA also lists the test's own dependencies (xunit, Roslyn, CompiledNets); keep the shared framework only.
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string[] trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(path => string.Equals(Path.GetDirectoryName(path), framework, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location))
            // README's "Ship it" exports ONNX: the exporter's assembly, as a user referencing it would have.
            .Append(MetadataReference.CreateFromFile(typeof(CompiledNets.Onnx.OnnxExport).Assembly.Location))
            .ToImmutableArray();
    }

    /// <summary>A compilation of <paramref name="sources"/>, each in its own file named Source{n}.cs.</summary>
    public static CSharpCompilation Compile(params string[] sources)
        => Empty.AddSyntaxTrees(sources.Select((source, index) => Parse(source, $"Source{index}.cs")));

    public static SyntaxTree Parse(string source, string path)
        => CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    public static GeneratorDriver CreateDriver() => CreateDriver([]);

    /// <summary>A driver that also gives the generator <paramref name="additionalFiles"/> (a project's AdditionalFiles).</summary>
    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> additionalFiles)
        => CSharpGeneratorDriver.Create(
            [new NetworkGenerator().AsSourceGenerator()],
            additionalTexts: additionalFiles,
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator on <paramref name="sources"/>, then asserts a rerun on a clone is fully cached.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(Compile(sources));

    /// <inheritdoc cref="Run(string[])"/>
    public static GeneratorRun Run(Compilation compilation, bool assertCached = true)
    {
        GeneratorRun run = Run(CreateDriver(), compilation);
        if (assertCached)
            IncrementalAssert.RerunIsCached(run);
        return run;
    }

    /// <summary>Runs <paramref name="driver"/> (which keeps the previous run's tables) on <paramref name="compilation"/>.</summary>
    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        return new GeneratorRun(driver, compilation, output, generatorDiagnostics);
    }
}

/// <summary>One run of the generator: what it produced, what it reported, and the compilation with its output added.</summary>
internal sealed class GeneratorRun
{
    public GeneratorRun(GeneratorDriver driver, Compilation input, Compilation output, ImmutableArray<Diagnostic> generatorDiagnostics)
    {
        Driver = driver;
        Input = input;
        Output = output;
        GeneratorDiagnostics = generatorDiagnostics;
        RunResult = driver.GetRunResult();
        Sources = Result.GeneratedSources
            .OrderBy(source => source.HintName, StringComparer.Ordinal)
            .ToDictionary(source => source.HintName, source => source.SourceText.ToString(), StringComparer.Ordinal);
    }

    public GeneratorDriver Driver { get; }

    public Compilation Input { get; }

    public Compilation Output { get; }

    /// <summary>What the generator reported, including CS8785 if it threw.</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

    public GeneratorDriverRunResult RunResult { get; }

    public GeneratorRunResult Result => RunResult.Results.Single();

    /// <summary>Generated files by hint name, in ordinal order of the hint names.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; }

    /// <summary>The compiler's diagnostics for the user's code together with the generated code.</summary>
    public ImmutableArray<Diagnostic> OutputDiagnostics => Output.GetDiagnostics();

    /// <summary>The generator's and the output compilation's diagnostics together.</summary>
    public ImmutableArray<Diagnostic> AllDiagnostics => GeneratorDiagnostics.AddRange(OutputDiagnostics);

    /// <summary>The outputs of one tracked pipeline step, e.g. <see cref="TrackingNames.Spec"/>.</summary>
    public IEnumerable<(object Value, IncrementalStepRunReason Reason)> StepOutputs(string trackingName)
        => Result.TrackedSteps.TryGetValue(trackingName, out ImmutableArray<IncrementalGeneratorRunStep> steps)
            ? steps.SelectMany(step => step.Outputs)
            : [];

    /// <summary>The specs the Spec step produced, one per valid network class.</summary>
    public IReadOnlyList<Model.NetworkSpec> Specs
        => StepOutputs(TrackingNames.Spec).Select(output => (Model.NetworkSpec)output.Value).ToList();
}
