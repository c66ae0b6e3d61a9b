using System.Text.RegularExpressions;
using CompiledNets.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CompiledNets.Generator.Tests.Execution;

/// <summary>
/// README's C# blocks marked <c>&lt;!-- compiled: context --&gt;</c> compile as written, with the generator, against the
/// runtime: a user who copies one gets no error. The declaration block is compiled with each of the others; a block's
/// <c>using</c> lines go to the top of its file, and the rest becomes the body of a method whose parameters are what
/// the context names (the variables the prose assumes).
/// </summary>
public sealed partial class ReadmeSnippetTests
{
    private static readonly Dictionary<string, string> Contexts = new()
    {
        ["statements"] = "",
        ["with-network"] = "XorNetwork network, CompiledNets.Data.Dataset<double> trainingSet, CompiledNets.Data.Dataset<double> validationSet, " +
            "System.Threading.CancellationToken cancellationToken, System.Collections.Generic.IEnumerable<(double[], double[], int)> batches",
    };

    /// <summary>What a project made by <c>dotnet new console</c> imports everywhere (ImplicitUsings).</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;

        """;

    public static TheoryData<int> Snippets => new(Enumerable.Range(0, ReadSnippets().Count));

    [Fact]
    public void README_marks_a_declaration_and_at_least_three_training_snippets()
    {
        IReadOnlyList<(string Context, string Code)> snippets = ReadSnippets();

        Assert.Equal(1, snippets.Count(snippet => snippet.Context == "declaration"));
        Assert.True(snippets.Count(snippet => snippet.Context is not "declaration" and not "standalone") >= 3, string.Join(", ", snippets.Select(s => s.Context)));
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void A_marked_snippet_compiles_as_written(int index)
    {
        IReadOnlyList<(string Context, string Code)> snippets = ReadSnippets();
        (string context, string code) = snippets[index];
        // "standalone": a declaration of its own (the convolution network), compiled alone like the tour's.
        // "baked": a declaration that bakes a weights file, compiled with that file among its AdditionalFiles.
        string declaration = context is "standalone" or "baked" ? code : snippets.Single(snippet => snippet.Context == "declaration").Code;
        string source = context is "declaration" or "standalone" or "baked" ? "" : Wrap(code, Contexts[context]);

        GeneratorRun run = context == "baked" ? RunBaked(code) : GeneratorHarness.Run(declaration, source);

        Assert.Empty(run.GeneratorDiagnostics);
        Diagnostic[] errors = run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, $"README snippet {index} ({context}):\n{code}\n\n" + string.Join("\n", errors.Select(e => e.ToString())));
    }

    [Fact]
    public void The_generated_code_excerpt_is_what_the_generator_writes_for_the_Xor_sample()
    {
        // Lines in order, each as the approved snapshot has it (indentation aside); "..." stands for lines left out.
        string readme = ReadReadme();
        Match excerpt = Excerpt().Match(readme);
        Assert.True(excerpt.Success, "README has no <!-- excerpt: Xor --> block");
        string[] generated = GeneratorHarness.Run(SampleNetworks.Xor.Source).Sources.Values
            .SelectMany(source => source.Split('\n')).Select(line => line.Trim()).ToArray();

        int at = 0;
        foreach (string line in excerpt.Groups["code"].Value.Split('\n').Select(line => line.Trim()).Where(line => line is not ("" or "...")))
        {
            int found = Array.IndexOf(generated, line, at);
            Assert.True(found >= 0, $"README's excerpt line is not generated (after line {at}): {line}");
            at = found + 1;
        }
    }

    /// <summary>
    /// Compiles the declaration without its Weights argument, saves that network's weights in text form (as the digits
    /// sample does), then compiles the declaration as written with the file given as an AdditionalFiles item.
    /// </summary>
    private static GeneratorRun RunBaked(string declaration)
    {
        Match weights = WeightsArgument().Match(declaration);
        Assert.True(weights.Success, "The baked snippet declares no Weights file.");
        string plain = declaration.Remove(weights.Index, weights.Length);
        string typeName = TypeNameOf().Match(declaration).Groups["name"].Value;
        string path = Path.Combine(Path.GetTempPath(), "compilednets-readme-" + Guid.NewGuid().ToString("N") + ".weights.txt");
        try
        {
            using (CompiledNet compiled = CompiledNet.Load(GeneratorHarness.Run(plain)))
                compiled.Create<float>(typeName).SaveText(path);
            var file = new InMemoryAdditionalText("/app/" + weights.Groups["file"].Value, File.ReadAllText(path));
            return GeneratorHarness.Run(GeneratorHarness.CreateDriver([file]), GeneratorHarness.Compile(declaration));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [GeneratedRegex(@", Weights = ""(?<file>[^""]+)""")]
    private static partial Regex WeightsArgument();

    [GeneratedRegex(@"partial class (?<name>\w+)")]
    private static partial Regex TypeNameOf();

    private static string Wrap(string code, string parameters)
    {
        string[] lines = code.Split('\n');
        IEnumerable<string> usings = lines.Where(line => line.StartsWith("using ", StringComparison.Ordinal));
        IEnumerable<string> body = lines.Where(line => !line.StartsWith("using ", StringComparison.Ordinal));
        return ImplicitUsings + string.Join("\n", usings) + "\n\ninternal static class ReadmeSnippet\n{\n    internal static void Run(" + parameters + ")\n    {\n"
            + string.Join("\n", body) + "\n    }\n}\n";
    }

    private static IReadOnlyList<(string Context, string Code)> ReadSnippets()
        => MarkedBlock().Matches(ReadReadme()).Select(match => (match.Groups["context"].Value, match.Groups["code"].Value)).ToArray();

    private static string ReadReadme() => RepositoryFiles.Readme();

    [GeneratedRegex(@"<!-- excerpt: Xor -->\r?\n```csharp\r?\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Excerpt();

    [GeneratedRegex(@"<!-- compiled: (?<context>[\w-]+) -->\r?\n```csharp\r?\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex MarkedBlock();
}
