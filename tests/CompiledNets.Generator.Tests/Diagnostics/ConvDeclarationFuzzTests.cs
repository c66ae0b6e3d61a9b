using CompiledNets.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CompiledNets.Generator.Tests.Diagnostics;

/// <summary>
/// Random stacks of image layers (Conv2D with strides and padding, both poolings, Flatten, Dense) on small inputs:
/// the generator never throws and never leaves an error in a generated file, and every network it writes loads and
/// gives predictions that sum to 1, batches (a whole tile and a part) that give what one example at a time gives, and
/// gradients that agree with central differences.
/// </summary>
public sealed class ConvDeclarationFuzzTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (int seed = 0; seed < 120; seed++)
            data.Add(seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_random_image_stack_compiles_to_a_network_that_runs_or_gets_a_diagnostic(int seed)
    {
        string source = Declaration(new Random(seed));

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compile(source), assertCached: false);

        Assert.True(run.Result.Exception is null, $"The generator threw on:\n{source}\n{run.Result.Exception}");
        Diagnostic[] inGenerated = run.OutputDiagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true)
            .ToArray();
        Assert.True(inGenerated.Length == 0, $"Errors in generated code for:\n{source}\n" + string.Join("\n", inGenerated.Take(5)));
        if (run.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            return;

        using CompiledNet compiled = CompiledNet.Load(run, CompiledNet.KnownGeneratorWarnings.Append("CN0301").Append("CN0306").ToArray());
        INetwork<double> network = compiled.Create<double>("Samples.Net");
        var random = new Random(seed);
        double[] input = Enumerable.Range(0, network.InputSize).Select(_ => random.NextDouble()).ToArray();
        double[] target = new double[network.OutputSize];
        target[random.Next(target.Length)] = 1;
        Assert.Equal(1.0, network.Predict(input).Sum(), 1e-12);

        // 40 examples: a whole tile of 32 and a part.
        const int examples = 40;
        double[] inputs = Enumerable.Range(0, examples * network.InputSize).Select(_ => random.NextDouble()).ToArray();
        double[] targets = new double[examples * network.OutputSize];
        for (int n = 0; n < examples; n++)
            targets[n * network.OutputSize + random.Next(network.OutputSize)] = 1;
        NetworkChecks.AssertBatchesMatchOneAtATime(network, inputs, targets, outputTolerance: 1e-12, gradientTolerance: 1e-10, source);

        // The combination of strides, padding and pooling is what this test varies; a wrong index shows in the gradient.
        NetworkChecks.AssertGradientMatchesCentralDifferences(network, input, target, random, checks: 10, source);
    }

    private static string Declaration(Random random)
    {
        int channels = random.Next(1, 4), height = random.Next(3, 13), width = random.Next(3, 13);
        var layers = new List<string>();
        int count = random.Next(1, 5);
        for (int k = 0; k < count; k++)
        {
            layers.Add(random.Next(4) switch
            {
                0 or 1 => $"[Conv2D({random.Next(1, 5)}, {random.Next(1, 6)}, (Activation){random.Next(0, 5)}, " +
                    $"Stride = {random.Next(1, 4)}, Padding = {random.Next(0, 3)}, Bias = {(random.Next(2) == 0 ? "true" : "false")})]",
                2 => $"[MaxPool2D({random.Next(1, 4)}, Stride = {random.Next(0, 4)})]",
                _ => $"[AveragePool2D({random.Next(1, 4)}, Stride = {random.Next(0, 4)})]",
            });
        }

        if (random.Next(3) > 0)
            layers.Add($"[Flatten][Dense({random.Next(1, 9)}, Activation.Tanh)]");
        else
            layers.Add("[Flatten]");
        layers.Add($"[Dense({random.Next(2, 5)}, Activation.Softmax)]");
        return $$"""
            using CompiledNets;
            namespace Samples;

            [Network(Loss = Loss.CrossEntropy, Precision = Precision.Double, UnrollLimit = {{random.Next(0, 3) * 32}})]
            [Input({{channels}}, {{height}}, {{width}})]
            {{string.Join("\n", layers)}}
            public partial class Net;
            """;
    }
}
