using CompiledNets.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CompiledNets.Generator.Tests.Diagnostics;

/// <summary>
/// Half-typed declarations, as the IDE sees them on every keystroke: the generator must not throw (the driver records
/// the exception and reports CS8785), must generate nothing for the class, and must leave the compiler's own errors to speak.
/// </summary>
public sealed class BrokenCodeTests
{
    [Theory]
    [InlineData("[Network][Input(2)][Dense]", "CS7036")]
    [InlineData("[Network][Input(2)][Dense(\"x\")]", "CS1503")]
    [InlineData("[Network][Input(2)][Dense(3, Activation.Nope)]", "CS0117")]
    [InlineData("[Network][Input(][Dense(3)]", "CS1026")]
    [InlineData("[Network(Loss = )][Input(2)][Dense(3)]", "CS1525")]
    [InlineData("[Network][Input(2)][Dens(3)]", "CS0246")]
    [InlineData("[Network(Loss = Loss.)][Input(2)][Dense(3)]", "CS1001")]
    [InlineData("[Network][Input(2)][Dense(3, Name = )]", "CS1525")]
    [InlineData("[Network][Input(2)][Dense(3, Bias = null)]", "CS0037")]
    [InlineData("[Network][Input(2)][Dense(3, Activation.Tanh, Activation.Tanh)]", "CS1729")]
    public void HalfTypedDeclaration_DoesNotCrash_AndGeneratesNothing(string attributes, string compilerError)
    {
        string source = $$"""
            using CompiledNets;
            namespace Samples;

            {{attributes}}
            public partial class Net;
            """;

        GeneratorRun run = GeneratorHarness.Run(source);

        AssertSilentExceptForCompiler(run, compilerError);
    }

    /// <summary>Errors the compiler reports on an otherwise readable declaration: generating is allowed, crashing is not.</summary>
    [Theory]
    [InlineData("[Network][Network][Input(2)][Dense(3)]", "CS0579")]
    [InlineData("[Network(Seed = 1.5)][Input(2)][Dense(3)]", "CS0266")]
    public void CompilerRejectedDeclaration_DoesNotCrash(string attributes, string compilerError)
    {
        GeneratorRun run = GeneratorHarness.Run($$"""
            using CompiledNets;
            namespace Samples;

            {{attributes}}
            public partial class Net;
            """);

        AssertDidNotThrow(run);
        Assert.Contains(run.OutputDiagnostics, d => d.Id == compilerError);
    }

    [Theory]
    [InlineData("public partial class Net")]
    [InlineData("public partial class Net {")]
    [InlineData("public partial class")]
    [InlineData("public partial class Net : INope;")]
    public void HalfTypedClass_DoesNotCrash(string declaration)
    {
        GeneratorRun run = GeneratorHarness.Run($$"""
            using CompiledNets;
            namespace Samples;

            [Network][Input(2)][Dense(3)]
            {{declaration}}
            """);

        AssertDidNotThrow(run);
        Assert.Contains(run.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Theory]
    [InlineData("namespace Samples;", "public partial class : Base;")]
    [InlineData("namespace Samples;", "public partial class ;")]
    [InlineData("namespace ;", "public partial class Net;")]
    [InlineData("namespace Samples.;", "public partial class Net;")]
    public void DeclarationWithAMissingName_GeneratesNothing_AndLeavesTheCompilersError(string namespaceDeclaration, string declaration)
    {
        GeneratorRun run = GeneratorHarness.Run($$"""
            using CompiledNets;
            {{namespaceDeclaration}}

            public class Base { }

            [Network][Input(2)][Dense(3)]
            {{declaration}}
            """);

        AssertDidNotThrow(run);
        Assert.Empty(run.Sources);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains(run.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void RuntimeNotReferenced_GeneratesNothing()
    {
        // Without the CompiledNets reference [Network] does not bind; the generator must stay silent.
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("NoRuntime",
            [GeneratorHarness.Parse("[Network][Input(2)][Dense(3)] public partial class Net;", "Source0.cs")],
            GeneratorHarness.References.Take(GeneratorHarness.References.Length - 1),
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        GeneratorRun run = GeneratorHarness.Run(compilation);

        Assert.Empty(run.Sources);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains(run.OutputDiagnostics, d => d.Id == "CS0246");
    }

    private static void AssertDidNotThrow(GeneratorRun run)
    {
        Assert.Null(run.Result.Exception);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "CS8785");
    }

    private static void AssertSilentExceptForCompiler(GeneratorRun run, string compilerError)
    {
        AssertDidNotThrow(run);
        Assert.Empty(run.Sources);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id.StartsWith("CN", StringComparison.Ordinal));
        Assert.Contains(run.OutputDiagnostics, d => d.Id == compilerError);
    }
}
