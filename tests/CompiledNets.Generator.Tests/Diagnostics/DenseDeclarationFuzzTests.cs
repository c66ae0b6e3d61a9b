using CompiledNets.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CompiledNets.Generator.Tests.Diagnostics;

/// <summary>
/// Random dense networks: one to five layers of 1 to 40 units, every activation, with and without bias, unrolled,
/// looped or mixed (UnrollLimit 0, 32 or 256, where the budget of unrolled values moves the largest layers to the
/// kernels), each of the three losses. Every one compiles; its batches of 70 examples (two whole tiles and a part)
/// give what one example at a time gives; and its backpropagated gradient agrees with central differences: the
/// emitters' paths and their seams are what this varies.
/// </summary>
public sealed class DenseDeclarationFuzzTests
{
    private static readonly string[] Hidden = ["Linear", "Sigmoid", "Tanh", "Relu", "LeakyRelu"];

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (int seed = 0; seed < 80; seed++)
            data.Add(seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_random_double_network_batches_as_one_at_a_time_and_matches_central_differences(int seed)
    {
        var random = new Random(seed);
        string source = Declaration(random);

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compile(source), assertCached: false);

        Assert.True(run.Result.Exception is null, $"The generator threw on:\n{source}\n{run.Result.Exception}");
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        using CompiledNet compiled = CompiledNet.Load(run);
        INetwork<double> network = compiled.Create<double>("Samples.Net");

        // 70 examples: two whole tiles of 32 and a partial one.
        const int examples = 70;
        double[] inputs = Enumerable.Range(0, examples * network.InputSize).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        double[] targets = Enumerable.Range(0, examples).SelectMany(_ => Target(random, network.Loss, network.OutputSize)).ToArray();
        NetworkChecks.AssertBatchesMatchOneAtATime(network, inputs, targets, outputTolerance: 1e-12, gradientTolerance: 1e-10, source);

        double[] input = Enumerable.Range(0, network.InputSize).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        NetworkChecks.AssertGradientMatchesCentralDifferences(network, input, Target(random, network.Loss, network.OutputSize), random,
            checks: 12, source);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_random_float_network_batches_what_it_computes_one_example_at_a_time(int seed)
    {
        // Float runs other kernels and vector widths (16 lanes of float in a Vector512): random widths reach their tails.
        var random = new Random(seed + 1000);
        string source = Declaration(random).Replace("Precision.Double", "Precision.Single", StringComparison.Ordinal);

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compile(source), assertCached: false);

        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        using CompiledNet compiled = CompiledNet.Load(run);
        INetwork<float> network = compiled.Create<float>("Samples.Net");

        const int examples = 70;
        float[] inputs = Enumerable.Range(0, examples * network.InputSize).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] targets = Enumerable.Range(0, examples)
            .SelectMany(_ => Target(random, network.Loss, network.OutputSize).Select(value => (float)value)).ToArray();
        // With every layer in the kernels (UnrollLimit 0), a tile computes each example's outputs and loss exactly as one
        // example does, tanh and sigmoid included: the same bits. Unrolled layers add their terms in another order.
        bool allKernels = source.Contains("UnrollLimit = 0)", StringComparison.Ordinal);
        NetworkChecks.AssertBatchesMatchOneAtATime(network, inputs, targets, outputTolerance: allKernels ? 0 : 1e-5, gradientTolerance: 1e-4, source);
    }

    private static double[] Target(Random random, Loss loss, int size)
    {
        var target = new double[size];
        if (loss == Loss.CrossEntropy)
            target[random.Next(size)] = 1;
        else
            for (int k = 0; k < size; k++)
                target[k] = loss == Loss.BinaryCrossEntropy ? random.Next(2) : random.NextDouble() * 2 - 1;
        return target;
    }

    private static string Declaration(Random random)
    {
        var layers = new List<string>();
        int hidden = random.Next(0, 5);
        for (int k = 0; k < hidden; k++)
            layers.Add($"[Dense({random.Next(1, 41)}, Activation.{Hidden[random.Next(Hidden.Length)]}, Bias = {(random.Next(4) > 0 ? "true" : "false")})]");
        int outputs = random.Next(1, 6);
        (string loss, string output) = random.Next(3) switch
        {
            0 => ("CrossEntropy", "Softmax"),
            1 => ("BinaryCrossEntropy", "Sigmoid"),
            _ => ("MeanSquaredError", Hidden[random.Next(Hidden.Length)]),
        };
        if (loss == "CrossEntropy")
            outputs = Math.Max(outputs, 2);
        layers.Add($"[Dense({outputs}, Activation.{output})]");
        return $$"""
            using CompiledNets;
            namespace Samples;

            [Network(Loss = Loss.{{loss}}, Precision = Precision.Double, UnrollLimit = {{new[] { 0, 32, 256 }[random.Next(3)]}})]
            [Input({{random.Next(1, 30)}})]
            {{string.Join("\n", layers)}}
            public partial class Net;
            """;
    }
}
