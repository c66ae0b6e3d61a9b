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
    public void A_random_dense_network_backpropagates_what_central_differences_measure(int seed)
    {
        var random = new Random(seed);
        string source = Declaration(random);

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compile(source), assertCached: false);

        Assert.True(run.Result.Exception is null, $"The generator threw on:\n{source}\n{run.Result.Exception}");
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        using CompiledNet compiled = CompiledNet.Load(run);
        INetwork<double> network = compiled.Create<double>("Samples.Net");
        double[] input = Enumerable.Range(0, network.InputSize).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        double[] target = Target(random, network.Loss, network.OutputSize);
        double[] gradient = new double[network.ParameterCount];
        network.Backpropagate(input, target, gradient);

        // 70 examples: two whole tiles of 32 and a partial one, against one example at a time (equal to rounding: the
        // tiles sum in another order).
        const int examples = 70;
        double[] inputs = Enumerable.Range(0, examples * network.InputSize).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        double[] targets = Enumerable.Range(0, examples).SelectMany(_ => Target(random, network.Loss, network.OutputSize)).ToArray();
        double[] batchOutputs = network.PredictBatch(inputs);
        double[] batchGradient = new double[network.ParameterCount], summedGradient = new double[network.ParameterCount];
        double batchLoss = network.BackpropagateBatch(inputs, targets, batchGradient), summedLoss = 0;
        for (int n = 0; n < examples; n++)
        {
            double[] x = inputs[(n * network.InputSize)..((n + 1) * network.InputSize)];
            double[] output = network.Predict(x);
            for (int k = 0; k < output.Length; k++)
                Assert.True(Math.Abs(output[k] - batchOutputs[n * output.Length + k]) <= 1e-12, $"PredictBatch example {n}, output {k}, for:\n{source}");
            summedLoss += network.Backpropagate(x, targets[(n * network.OutputSize)..((n + 1) * network.OutputSize)], summedGradient);
        }

        Assert.True(Math.Abs(batchLoss - summedLoss) <= 1e-10 * Math.Max(1, Math.Abs(summedLoss)), source);
        double largest = summedGradient.Max(Math.Abs);
        for (int k = 0; k < summedGradient.Length; k++)
            Assert.True(Math.Abs(batchGradient[k] - summedGradient[k]) <= 1e-10 * Math.Max(1, largest), $"BackpropagateBatch gradient {k}, for:\n{source}");

        double[] parameters = network.Parameters;
        for (int check = 0; check < 12; check++)
        {
            int k = random.Next(parameters.Length);
            const double h = 1e-6;
            double saved = parameters[k];
            parameters[k] = saved + h;
            network.Parameters = parameters;
            double plus = network.ComputeLoss(input, target);
            parameters[k] = saved - h;
            network.Parameters = parameters;
            double minus = network.ComputeLoss(input, target);
            parameters[k] = saved;
            network.Parameters = parameters;
            double numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[k]) <= 1e-5 * Math.Max(1, Math.Abs(gradient[k])),
                $"parameter {k}: backpropagated {gradient[k]:R}, central difference {numeric:R}, for:\n{source}");
        }
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
        float[] batchOutputs = network.PredictBatch(inputs);
        float[] batchGradient = new float[network.ParameterCount];
        double[] summedGradient = new double[network.ParameterCount];
        network.BackpropagateBatch(inputs, targets, batchGradient);
        for (int n = 0; n < examples; n++)
        {
            float[] x = inputs[(n * network.InputSize)..((n + 1) * network.InputSize)];
            float[] output = network.Predict(x);
            for (int k = 0; k < output.Length; k++)
                Assert.True(Math.Abs(output[k] - batchOutputs[n * output.Length + k]) <= 1e-5, $"PredictBatch example {n}, output {k}, for:\n{source}");
            float[] one = new float[network.ParameterCount];
            network.Backpropagate(x, targets[(n * network.OutputSize)..((n + 1) * network.OutputSize)], one);
            for (int k = 0; k < one.Length; k++)
                summedGradient[k] += one[k];
        }

        double largest = summedGradient.Max(Math.Abs);
        for (int k = 0; k < summedGradient.Length; k++)
            Assert.True(Math.Abs(batchGradient[k] - summedGradient[k]) <= 1e-4 * Math.Max(1, largest), $"BackpropagateBatch gradient {k}, for:\n{source}");
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
