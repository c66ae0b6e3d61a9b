using System.Reflection;
using CompiledNets.Generator.Tests.Infrastructure;
using static CompiledNets.Generator.Tests.Infrastructure.Baking;

namespace CompiledNets.Generator.Tests.Execution;

/// <summary>
/// [Network(Weights = "...")]: the generator bakes a weights file (the text form NetworkWeights.SaveText writes, given
/// as an AdditionalFiles item) into the assembly, and CreatePretrained() returns a network holding exactly those
/// parameters. The errors for bad files are in Diagnostics/DiagnosticTests.Baking.cs.
/// </summary>
public sealed class BakingTests
{
    [Fact]
    public void A_baked_network_holds_the_saved_parameters_and_predicts_the_same()
    {
        double[] parameters = Enumerable.Range(0, 21).Select(k => Math.Sin(k + 1.0) * 0.75).ToArray();
        string text = SavedText(Declaration(weights: null), parameters);

        (GeneratorRun run, _) = RunWith(Declaration(), (FilePath, text));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("Samples.Baked.BakedNet.Pretrained.g.cs", run.Sources.Keys);
        using CompiledNet compiled = CompiledNet.Load(run);
        object instance = compiled.Type(TypeName).GetMethod("CreatePretrained", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!;
        INetwork<double> baked = compiled.Wrap<double>(TypeName, instance);
        INetwork<double> loaded = compiled.Create<double>(TypeName);
        loaded.Parameters = parameters;

        Assert.Equal(parameters, baked.Parameters);
        Assert.Equal(loaded.Predict([0.5, -1, 2]), baked.Predict([0.5, -1, 2]));
    }

    [Theory]
    [InlineData("Models/baked.weights.txt")]
    [InlineData("./Models/baked.weights.txt")]
    [InlineData("Models\\\\baked.weights.txt")] // a Windows path, as written in C# source
    [InlineData("baked.weights.txt")] // the end of the path, which other-baked.weights.txt does not end with
    public void The_Weights_path_finds_its_file_however_it_is_written(string weights)
    {
        string text = SavedText(Declaration(weights: null), new double[21]);

        (GeneratorRun run, _) = RunWith(Declaration(weights: weights), (FilePath, text), ("/src/App/Models/other-baked.weights.txt", "# not this one"));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("Samples.Baked.BakedNet.Pretrained.g.cs", run.Sources.Keys);
    }

    [Fact]
    public void A_conv_network_bakes_too()
    {
        const string conv = """
            using CompiledNets;
            namespace Samples.Baked;

            [Network(Loss = Loss.CrossEntropy[|, Weights = "conv.weights.txt"|])]
            [Input(1, 6, 6)]
            [Conv2D(2, 3, Activation.Relu, Padding = 1)]
            [MaxPool2D(2)]
            [Flatten]
            [Dense(3, Activation.Softmax)]
            public partial class BakedNet;
            """;
        float[] parameters = Enumerable.Range(0, 2 * 9 + 2 + 3 * 18 + 3).Select(k => MathF.Cos(k) * 0.5f).ToArray();
        string text = SavedText(MarkedSource.Parse(conv).Source.Replace(", Weights = \"conv.weights.txt\"", ""), parameters);

        (GeneratorRun run, _) = RunWith(conv, ("/src/App/conv.weights.txt", text));

        Assert.Empty(run.GeneratorDiagnostics);
        using CompiledNet compiled = CompiledNet.Load(run);
        object instance = compiled.Type(TypeName).GetMethod("CreatePretrained", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!;
        Assert.Equal(parameters, compiled.Wrap<float>(TypeName, instance).Parameters);
    }

    [Fact]
    public void A_network_without_parameters_bakes_to_code_that_compiles()
    {
        const string pooling = """
            using CompiledNets;
            namespace Samples.Baked;

            [Network[|(Weights = "pool.weights.txt")|]]
            [Input(1, 4, 4)]
            [MaxPool2D(2)]
            [Flatten]
            public partial class BakedNet;
            """;
        string text = SavedText(MarkedSource.Parse(pooling).Source.Replace("(Weights = \"pool.weights.txt\")", ""), Array.Empty<float>());

        (GeneratorRun run, _) = RunWith(pooling, ("/src/App/pool.weights.txt", text));

        Assert.Equal(["CN0206"], run.GeneratorDiagnostics.Select(d => d.Id)); // nothing to train: a warning, and the code stands
        using CompiledNet compiled = CompiledNet.Load(run, ["CN0206"]);
        object instance = compiled.Type(TypeName).GetMethod("CreatePretrained", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!;
        Assert.Equal([4f, 3f, 2f, 1f], compiled.Wrap<float>(TypeName, instance).Predict([1, 0, 0, 2, 4, 0, 1, 3, 0, 2, 0, 1, 0, 0, 0, 0]));
    }

    [Fact]
    public void Editing_another_file_does_not_bake_again()
    {
        string text = SavedText(Declaration(weights: null), new double[21]);
        (GeneratorRun first, _) = RunWith(Declaration(), (FilePath, text));

        Microsoft.CodeAnalysis.Compilation edited = first.Input.AddSyntaxTrees(GeneratorHarness.Parse("class Unrelated { }", "Other.cs"));
        GeneratorRun second = GeneratorHarness.Run(first.Driver, edited);

        Assert.All(second.StepOutputs(TrackingNames.Bake), output =>
            Assert.Contains(output.Reason, new[] { Microsoft.CodeAnalysis.IncrementalStepRunReason.Cached, Microsoft.CodeAnalysis.IncrementalStepRunReason.Unchanged }));
        Assert.NotEmpty(second.StepOutputs(TrackingNames.Bake));
    }
}
