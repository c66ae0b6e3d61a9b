using CompiledNets.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CompiledNets.Generator.Tests.Diagnostics;

/// <summary>
/// A valid declaration edited many ways at once (class name, modifiers, constructors, base class, members, sizes,
/// options, layer names, namespace), as hostile or careless users write them. Whatever the edit, the generator must
/// not throw (CS8785 drops every network's code), and no error may land in a generated file: either the code it
/// writes compiles, or it writes nothing for the class and a CN diagnostic (or the compiler's own error on the user's
/// code) says why.
/// </summary>
public sealed class DeclarationFuzzTests
{
    private static readonly string[] ClassNames =
        ["Net", "@class", "var", "nameof", "Predict", "Parameters", "InputSize", "HiddenWeights", "Scratch", "Model", "Ünïcode"];

    private static readonly string[] Modifiers = ["public partial", "internal sealed partial", "public abstract partial", "public static partial", "public", "file partial"];

    private static readonly string[] Bodies =
    [
        ";",
        "{ }",
        "(string tag) { public string Tag => tag; }",
        "{ public Net2(int seed) { InitializeParameters(seed); } }",
        "{ public required string Label { get; init; } }",
        "{ public void Predict() { } }",
        "{ private int _parameters; }",
        ": Base;",
        ": BaseWithArguments;",
    ];

    private static readonly string[] Layers =
    [
        "[Input(3)][Dense(4, Activation.Tanh, Name = \"Hidden\")][Dense(2, Activation.Softmax)]",
        "[Input(0)][Dense(2)]",
        "[Input(3)][Dense(-1)]",
        "[Input(int.MaxValue)][Dense(int.MaxValue)]",
        "[Input(1)][Dense(500000)][Dense(1)]",
        "[Input(70)][Dense(40, Activation.Relu)][Dense(3, Activation.Softmax)]",
        "[Dense(2)][Input(3)]",
        "[Input(3)][Dense(2, Name = \"1st\")]",
        "[Input(3)][Dense(2, Name = \"Predict\")]",
    ];

    private static readonly string[] Options =
    [
        "Loss = Loss.CrossEntropy",
        "Loss = Loss.CrossEntropy, Precision = Precision.Double, Seed = -5",
        "Loss = Loss.MeanSquaredError, UnrollLimit = 0",
        "Loss = Loss.CrossEntropy, UnrollLimit = -1",
        "Loss = (Loss)42",
    ];

    private static readonly string[] Namespaces = ["namespace Samples;", "namespace @event.Nets;", ""];

    /// <summary>A fixed, varied sample of the combinations: every value of every axis appears, paired with many others.</summary>
    public static TheoryData<int> Variants()
    {
        var data = new TheoryData<int>();
        for (int variant = 0; variant < 400; variant++)
            data.Add(variant);
        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void AnyEdit_NeverThrows_AndNeverLeavesAnErrorInAGeneratedFile(int variant)
    {
        string source = Declaration(variant);

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compile(source), assertCached: false);

        Assert.True(run.Result.Exception is null, $"The generator threw on:\n{source}\n{run.Result.Exception}");
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "CS8785");
        Diagnostic[] inGenerated = run.OutputDiagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true)
            .ToArray();
        Assert.True(inGenerated.Length == 0,
            $"Errors in generated code for:\n{source}\n" + string.Join("\n", inGenerated.Take(5).Select(d => d.ToString())));
    }

    /// <summary>Variant n: each axis indexed by n through a different stride, so the 400 variants mix the axes.</summary>
    private static string Declaration(int n)
    {
        string name = ClassNames[n % ClassNames.Length];
        string modifiers = Modifiers[n / 3 % Modifiers.Length];
        string body = Bodies[n / 7 % Bodies.Length].Replace("Net2", name.TrimStart('@'), StringComparison.Ordinal);
        string layers = Layers[n / 11 % Layers.Length];
        string options = Options[n / 5 % Options.Length];
        string ns = Namespaces[n / 13 % Namespaces.Length];
        return $$"""
            using CompiledNets;
            {{ns}}

            public class Base { }

            public class BaseWithArguments(int size) { public int Size => size; }

            [Network({{options}})]
            {{layers}}
            {{modifiers}} class {{name}}{{body}}
            """;
    }
}
