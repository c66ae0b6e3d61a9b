using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;
using CompiledNets.Generator.Emit;
using CompiledNets.Generator.Model;
using CompiledNets.Generator.Tests.Infrastructure;
using CompiledNets.Tests.Shared;
using Microsoft.CodeAnalysis;

namespace CompiledNets.Generator.Tests.Execution;

/// <summary>
/// Compiles each sample network with its generated code (no errors, no warnings at level 9999), loads it and checks
/// Predict, Backpropagate and TrainStep against <see cref="ReferenceNetwork"/> and central finite differences.
/// </summary>
public sealed class CompileAndRunTests
{
    private const int SampledGradientEntries = 40;

    [Theory]
    [MemberData(nameof(SampleNetworks.Names), MemberType = typeof(SampleNetworks))]
    public void GeneratedMembers_ListsExactlyTheDeclaredMembers(string name)
    {
        SampleNetwork sample = SampleNetworks.Named(name);
        GeneratorRun run = GeneratorHarness.Run(sample.Source);
        using CompiledNet compiled = CompiledNet.Load(run);
        NetworkSpec spec = Assert.Single(run.Specs);
        var listed = new HashSet<string>(GeneratedMembers.All(spec), StringComparer.Ordinal);

        const BindingFlags all = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        string[] declared = compiled.Type(sample.TypeName).GetMembers(all)
            .Where(member => member is not ConstructorInfo)
            .Where(member => member is not MethodInfo { IsSpecialName: true })
            .Where(member => !member.Name.Contains('.') && !member.Name.StartsWith('<'))
            .Where(member => member.GetCustomAttribute<CompilerGeneratedAttribute>() is null)
            .Select(member => member.Name)
            .Distinct()
            .ToArray();

        Assert.NotEmpty(declared);
        Assert.All(declared, member => Assert.Contains(member, listed));
        // And nothing more: a listed name that is never generated would be a false CN0006 for the user.
        Assert.All(listed, member => Assert.Contains(member, declared));
    }

    [Theory]
    [MemberData(nameof(SampleNetworks.Names), MemberType = typeof(SampleNetworks))]
    public void GeneratedMembers_Methods_AreTheGeneratedMethodsParametersAndVisibility(string name)
    {
        // CN0006 and CN0017 tell a method of the same signature from an overload by this table.
        SampleNetwork sample = SampleNetworks.Named(name);
        GeneratorRun run = GeneratorHarness.Run(sample.Source);
        NetworkSpec spec = Assert.Single(run.Specs);
        Dictionary<string, GeneratedMethod> table = GeneratedMembers.Methods(spec);
        INamedTypeSymbol type = run.Output.GetTypeByMetadataName(sample.TypeName)!;

        IMethodSymbol[] methods = type.GetMembers().OfType<IMethodSymbol>()
            .Where(method => method is { MethodKind: MethodKind.Ordinary, IsImplicitlyDeclared: false })
            .Where(method => method.Locations.All(location => location.SourceTree!.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)))
            .ToArray();

        Assert.NotEmpty(methods);
        foreach (IMethodSymbol method in methods)
        {
            Assert.True(table.TryGetValue(method.Name, out GeneratedMethod generated), $"{method.Name} is not in the table.");
            Assert.Equal(method.DeclaredAccessibility == Accessibility.Public, generated.IsPublic);
            bool takesOwnType = method.Parameters.Any(p => SymbolEqualityComparer.Default.Equals(p.Type.ContainingType, type));
            Assert.Equal(takesOwnType ? null : string.Join(", ", method.Parameters.Select(p => p.Type.ToDisplayString())), generated.Parameters);
        }
    }

    [Theory]
    [MemberData(nameof(SampleNetworks.Names), MemberType = typeof(SampleNetworks))]
    public void Contract_MatchesDeclaration(string name)
        => WithNetwork(name, (network, spec) =>
        {
            Assert.Equal(spec.InputSize, network.InputSize);
            Assert.Equal(spec.OutputSize, network.OutputSize);
            Assert.Equal(spec.Layers.Sum(layer => layer.ParameterCount), network.ParameterCount);
            Assert.Equal(network.ParameterCount, network.Parameters.Length);
            Assert.Equal((Loss)(int)spec.Loss, network.Loss);
            Assert.Equal(spec.Architecture, network.Architecture);
        });

    [Theory]
    [MemberData(nameof(SampleNetworks.Names), MemberType = typeof(SampleNetworks))]
    public void Predict_MatchesReference(string name)
        => WithNetwork(name, (network, spec) =>
        {
            var random = new Random(11);
            double[] parameters = Randomize(network, random);
            var reference = SpecReference.For(spec);
            for (int example = 0; example < 3; example++)
            {
                double[] input = RandomVector(random, spec.InputSize, 1.0);
                double[] expected = reference.Predict(parameters, input);
                double[] actual = network.Predict(input);
                Near.AssertWithin(expected, actual, Tolerance(spec), $"example {example}");
            }
        });

    [Theory]
    [MemberData(nameof(SampleNetworks.Names), MemberType = typeof(SampleNetworks))]
    public void ComputeLoss_MatchesReference(string name)
        => WithNetwork(name, (network, spec) =>
        {
            var random = new Random(12);
            double[] parameters = Randomize(network, random);
            double[] input = RandomVector(random, spec.InputSize, 1.0);
            double[] target = Target(spec, random);

            double expected = SpecReference.For(spec).LossOf(parameters, input, target);

            Near.AssertWithin([expected], [network.ComputeLoss(input, target)], Tolerance(spec), "loss");
        });

    [Theory]
    [MemberData(nameof(SampleNetworks.Names), MemberType = typeof(SampleNetworks))]
    public void Backpropagate_MatchesTheReferenceAndFiniteDifferences(string name)
        => WithNetwork(name, (network, spec) =>
        {
            var random = new Random(13);
            double[] parameters = Randomize(network, random);
            double[] input = RandomVector(random, spec.InputSize, 1.0);
            double[] target = Target(spec, random);
            var reference = SpecReference.For(spec);

            double[] gradient = Enumerable.Repeat(0.25, network.ParameterCount).ToArray();
            double loss = network.Backpropagate(input, target, gradient);

            Near.AssertWithin([reference.LossOf(parameters, input, target)], [loss], Tolerance(spec), "loss");
            // Every entry against the reference's own backpropagation (through the full Jacobians), then a sample of
            // entries against central differences, which use neither.
            if (reference.ImageLayers.Count == 0)
            {
                double[] analytic = reference.Run(parameters, input, target).Gradient.Select(g => g + 0.25).ToArray();
                Near.AssertWithin(analytic, gradient, Tolerance(spec), "gradient against the reference's backpropagation");
            }

            foreach (int index in SampleIndices(spec, random))
            {
                double expected = reference.FiniteDifference(parameters, input, target, index) + 0.25;
                Near.AssertWithin([expected], [gradient[index]], Math.Max(Tolerance(spec), 1e-6), $"gradient[{index}] (added to 0.25)");
            }
        });

    [Fact]
    public void GeneratedDocs_AreComplete_WhenDocumentationIsOn()
    {
        // GeneratorHarness parses with DocumentationMode.Diagnose, as a build with GenerateDocumentationFile does.
        foreach (SampleNetwork sample in SampleNetworks.All)
            CompiledNet.Load(GeneratorHarness.Run(sample.Source), tolerated: []).Dispose();
    }

    [Fact]
    public void Xor_PredictAndTrainStep_MatchHandWrittenMath()
    {
        SampleNetwork sample = SampleNetworks.Xor;
        GeneratorRun run = GeneratorHarness.Run(sample.Source);
        using CompiledNet compiled = CompiledNet.Load(run);
        INetwork<double> network = compiled.Create<double>(sample.TypeName);
        double[] w = Enumerable.Range(0, 16).Select(k => 0.1 * (k % 7) - 0.3).ToArray();
        network.Parameters = w;
        double[] x = [1, 0, 1];
        const double target = 1;
        const double alpha = 0.5;

        // Forward by hand: a1 = sigmoid(W1 x) with W1 the first 12 parameters (4 rows of 3), p = sigmoid(W2 a1).
        static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
        var a1 = new double[4];
        for (int j = 0; j < 4; j++)
            a1[j] = Sigmoid(w[j * 3] * x[0] + w[j * 3 + 1] * x[1] + w[j * 3 + 2] * x[2]);
        double p = Sigmoid(w[12] * a1[0] + w[13] * a1[1] + w[14] * a1[2] + w[15] * a1[3]);
        Assert.Equal(p, network.Predict(x)[0], 1e-15);

        // Backward by hand for L = (p - t)^2.
        double d2 = 2 * (p - target) * p * (1 - p);
        var expected = (double[])w.Clone();
        for (int j = 0; j < 4; j++)
        {
            double d1 = w[12 + j] * d2 * a1[j] * (1 - a1[j]);
            for (int i = 0; i < 3; i++)
                expected[j * 3 + i] -= alpha * d1 * x[i];
            expected[12 + j] -= alpha * d2 * a1[j];
        }

        double loss = network.TrainStep(x, [target], alpha);

        Assert.Equal((p - target) * (p - target), loss, 1e-15);
        Near.AssertWithin(expected, network.Parameters, 1e-14, "weights after one step");
    }

    [Fact]
    public void OneWeight_TrainStep_GivesTheTutorialNumbers()
    {
        // Grokking-style: weight 0.5, input 8.5, goal 1: pred 4.25, delta 3.25, weight_delta 27.625.
        SampleNetwork sample = SampleNetworks.OneWeight;
        using CompiledNet compiled = CompiledNet.Load(GeneratorHarness.Run(sample.Source));
        INetwork<double> network = compiled.Create<double>(sample.TypeName);
        network.Parameters = [0.5];

        Assert.Equal(4.25, network.Predict([8.5])[0]);
        double loss = network.TrainStep([8.5], [1.0], 0.01);

        Assert.Equal(0.5 * 3.25 * 3.25, loss);
        Assert.Equal(0.5 - 0.01 * 27.625, network.Parameters[0], 1e-15);
    }

    [Fact]
    public void NewInstance_IsInitializedFromTheSeed()
    {
        SampleNetwork sample = SampleNetworks.DeepMixed;
        using CompiledNet compiled = CompiledNet.Load(GeneratorHarness.Run(sample.Source));

        INetwork<float> first = compiled.Create<float>(sample.TypeName);
        INetwork<float> second = compiled.Create<float>(sample.TypeName);

        Assert.Equal(first.Parameters, second.Parameters);
        Assert.Contains(first.Parameters, value => value != 0f);
    }

    [Fact]
    public void Predict_WrongLength_ThrowsArgumentException()
    {
        SampleNetwork sample = SampleNetworks.Xor;
        using CompiledNet compiled = CompiledNet.Load(GeneratorHarness.Run(sample.Source));
        INetwork<double> network = compiled.Create<double>(sample.TypeName);

        ArgumentException error = Assert.Throws<ArgumentException>(() => network.Predict([1, 0]));

        Assert.Equal("input", error.ParamName);
        Assert.StartsWith("Expected a span of length 3, but its length is 2.", error.Message, StringComparison.Ordinal);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /// <summary>Double networks run as double; float networks run as float with inputs and results converted.</summary>
    private interface IDoubleView
    {
        int InputSize { get; }
        int OutputSize { get; }
        int ParameterCount { get; }
        Loss Loss { get; }
        string Architecture { get; }
        double[] Parameters { get; set; }
        double[] Predict(double[] input);
        double ComputeLoss(double[] input, double[] target);
        double Backpropagate(double[] input, double[] target, double[] gradient);
        void ApplyGradient(double[] gradient, double scale);
        double TrainStep(double[] input, double[] target, double learningRate);
    }

    private sealed class DoubleView<T>(INetwork<T> network) : IDoubleView
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public int InputSize => network.InputSize;
        public int OutputSize => network.OutputSize;
        public int ParameterCount => network.ParameterCount;
        public Loss Loss => network.Loss;
        public string Architecture => network.Architecture;

        public double[] Parameters
        {
            get => ToDouble(network.Parameters);
            set => network.Parameters = ToT(value);
        }

        public double[] Predict(double[] input) => ToDouble(network.Predict(ToT(input)));

        public double ComputeLoss(double[] input, double[] target) => double.CreateChecked(network.ComputeLoss(ToT(input), ToT(target)));

        public double Backpropagate(double[] input, double[] target, double[] gradient)
        {
            T[] g = ToT(gradient);
            double loss = double.CreateChecked(network.Backpropagate(ToT(input), ToT(target), g));
            ToDouble(g).CopyTo(gradient, 0);
            return loss;
        }

        public void ApplyGradient(double[] gradient, double scale) => network.ApplyGradient(ToT(gradient), T.CreateChecked(scale));

        public double TrainStep(double[] input, double[] target, double learningRate)
            => double.CreateChecked(network.TrainStep(ToT(input), ToT(target), T.CreateChecked(learningRate)));

        private static double[] ToDouble(T[] values) => values.Select(double.CreateChecked).ToArray();

        private static T[] ToT(double[] values) => values.Select(T.CreateChecked).ToArray();
    }

    private static void WithNetwork(string name, Action<IDoubleView, NetworkSpec> test)
    {
        SampleNetwork sample = SampleNetworks.Named(name);
        GeneratorRun run = GeneratorHarness.Run(sample.Source);
        NetworkSpec spec = Assert.Single(run.Specs);
        using CompiledNet compiled = CompiledNet.Load(run);
        IDoubleView network = spec.Scalar == ScalarKind.Double
            ? new DoubleView<double>(compiled.Create<double>(sample.TypeName))
            : new DoubleView<float>(compiled.Create<float>(sample.TypeName));
        test(network, spec);
    }

    /// <summary>Sets random parameters (exactly representable in the network's precision) and returns them.</summary>
    private static double[] Randomize(IDoubleView network, Random random)
    {
        network.Parameters = RandomVector(random, network.ParameterCount, 0.5);
        return network.Parameters;
    }

    private static double[] RandomVector(Random random, int length, double scale)
        => Enumerable.Range(0, length).Select(_ => (double)(float)((random.NextDouble() * 2 - 1) * scale)).ToArray();

    private static double[] Target(NetworkSpec spec, Random random)
    {
        var target = new double[spec.OutputSize];
        switch (spec.Loss)
        {
            case LossKind.CrossEntropy:
                target[random.Next(target.Length)] = 1;
                break;
            case LossKind.BinaryCrossEntropy:
                for (int k = 0; k < target.Length; k++)
                    target[k] = random.Next(2);
                break;
            default:
                for (int k = 0; k < target.Length; k++)
                    target[k] = (float)(random.NextDouble() * 2 - 1);
                break;
        }

        return target;
    }

    /// <summary>Every bias and the first and last weight of each layer, plus random entries.</summary>
    private static IEnumerable<int> SampleIndices(NetworkSpec spec, Random random)
    {
        var indices = new SortedSet<int>();
        foreach (LayerSpec layer in spec.Layers)
        {
            foreach (ParameterBlock block in layer.ParameterBlocks)
            {
                if (block.Role == "Biases")
                {
                    for (int j = 0; j < Math.Min(block.Count, 4); j++)
                        indices.Add(block.Offset + j);
                }
                else
                {
                    indices.Add(block.Offset);
                    indices.Add(block.Offset + block.Count - 1);
                }
            }
        }

        int count = spec.ParameterCount;
        if (count <= SampledGradientEntries)
            return Enumerable.Range(0, count);
        while (indices.Count < SampledGradientEntries)
            indices.Add(random.Next(count));
        return indices;
    }

    private static double Tolerance(NetworkSpec spec) => spec.Scalar == ScalarKind.Double ? 1e-10 : 2e-4;
}
