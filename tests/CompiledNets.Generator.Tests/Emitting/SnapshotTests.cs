using CompiledNets.Generator.Tests.Infrastructure;

namespace CompiledNets.Generator.Tests.Emitting;

/// <summary>
/// The generated code is product surface, read by people learning the math: each representative network's
/// output is kept as approved files under Snapshots/{Name}/ and compared byte for byte.
/// </summary>
public sealed class SnapshotTests
{
    [Theory]
    [MemberData(nameof(SampleNetworks.Names), MemberType = typeof(SampleNetworks))]
    public void Generated_MatchesSnapshot(string name)
    {
        SampleNetwork network = SampleNetworks.Named(name);

        GeneratorRun run = GeneratorHarness.Run(network.Source);

        Assert.Empty(run.GeneratorDiagnostics);
        string stem = network.TypeName.Replace('+', '.');
        Assert.Equal([stem + ".Backward.g.cs", stem + ".Batch.g.cs", stem + ".Forward.g.cs", stem + ".Network.g.cs"], run.Sources.Keys);
        Snapshot.Match(run, name);
    }

    [Theory]
    [MemberData(nameof(SampleNetworks.Names), MemberType = typeof(SampleNetworks))]
    public void Generated_HasNoLineOver140Characters(string name)
    {
        GeneratorRun run = GeneratorHarness.Run(SampleNetworks.Named(name).Source);

        foreach ((string file, string text) in run.Sources)
            Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 140, $"{file}: {line.Length} characters: {line}"));
    }

    [Fact]
    public void LongerLayerNames_KeepEveryLineWithin140Characters_AndCompile()
    {
        // Buffer types are written on one line where it fits: a longer layer name moves the type to a line of its own.
        const string name = "FirstOfTheHiddenLayers";
        GeneratorRun run = GeneratorHarness.Run($$"""
            using CompiledNets;

            [Network(Loss = Loss.CrossEntropy, UnrollLimit = 0)]
            [Input(300)]
            [Dense(1000, Activation.Relu, Name = "{{name}}")]
            [Dense(10, Activation.Softmax, Name = "{{name}}Output")]
            public partial class LongNamesNet;
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        foreach ((string file, string text) in run.Sources)
            Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 140, $"{file}: {line.Length} characters: {line}"));
        Assert.Contains($"[global::System.Runtime.CompilerServices.InlineArray(300000)]\n    private struct {name}WeightsBuffer", run.Sources["LongNamesNet.Network.g.cs"]);
        using CompiledNet compiled = CompiledNet.Load(run);
    }

    [Fact]
    public void LongerConvolutionNames_KeepEveryLineWithin140Characters_AndCompile()
    {
        // Every layer kind with a long name. Two lines were over 140 characters before: a convolution's initialization (one
        // FillUniform call per line, never wrapped) and its gradient call, whose two gradient parts were one argument and
        // here make 180 characters alone. The parts share a line where they fit, and take one each where they do not.
        const string name = "FirstConvolutionOfTheImage";
        GeneratorRun run = GeneratorHarness.Run($$"""
            using CompiledNets;

            [Network(Loss = Loss.CrossEntropy)]
            [Input(1, 12, 12)]
            [Conv2D(4, 3, Activation.Relu, Name = "{{name}}")]
            [Conv2D(4, 3, Activation.Relu, Name = "{{name}}Again")]
            [MaxPool2D(2, Name = "{{name}}Pooled")]
            [Flatten(Name = "{{name}}Flattened")]
            [Dense(10, Activation.Softmax, Name = "{{name}}Classes")]
            public partial class LongConvNamesNet;
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        foreach ((string file, string text) in run.Sources)
            Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 140, $"{file}: {line.Length} characters: {line}"));
        Assert.Contains($"AddGradient<{name}AgainShape, float>(\n"
                        + $"            gradient[{name}AgainWeightsOffset..{name}AgainBiasesOffset],\n"
                        + $"            gradient[{name}AgainBiasesOffset..{name}ClassesWeightsOffset],\n"
                        + "            d2,\n", run.Sources["LongConvNamesNet.Backward.g.cs"]);
        // A layer's sizes and offsets are one declaration, one name to a line where one line would be too long.
        Assert.Contains($"public const int {name}ClassesInputs = 64,\n"
                        + $"        {name}ClassesOutputs = 10,\n"
                        + $"        {name}ClassesWeightsOffset = 188,\n"
                        + $"        {name}ClassesBiasesOffset = 828;\n",
            run.Sources["LongConvNamesNet.Network.g.cs"]);
        using CompiledNet compiled = CompiledNet.Load(run);
    }

    [Fact]
    public void TheDigitsSamplesNetwork_GeneratesUnder600Lines()
    {
        // The shipped digits network, as samples/Digits declares it: the code a newcomer opens first.
        GeneratorRun run = GeneratorHarness.Run(SampleNetworks.Digits.Source);

        int lines = run.Sources.Values.Sum(text => text.Count(c => c == '\n'));

        Assert.InRange(lines, 300, 599);
    }

    [Fact]
    public void TheDeepMixedNetwork_GeneratesNoMoreThanItDidWhenItsReluLayersWentThroughVectorMath()
    {
        // A ratchet on the way to issue 7's 800 lines: 1,288 lines before its four unrolled layers updated and summed
        // gradients through the kernels, 1,020 after, 1,002 once its ReLU-family loops became VectorMath calls (the
        // Network file's buffer types are most of the rest); 1,031 with the layer list that state_dict and ONNX export read;
        // 1,025 once its tanh and sigmoid derivatives in the tiles became VectorMath calls; 997 once biases shared their
        // layer's outputs buffer type and buffer types and layer list entries took one line less each; 995 once a batch's
        // example count and its check became one call; 996 once its five sigmoid neurons each applied their sigmoid where
        // their sum is made, as the tutorials write it (a scalar loop over the layer after the sums before); 988 once a
        // sum that fits on one line is written on one line; 976 once each layer's outputs and deltas took one field
        // declaration in the scratch structs; 988 with ComputeLossBatch, for batched evaluation (+45 for it, TileLosses and
        // their calls, less 18 for the three-argument ComputeLoss it replaced and 15 for the loss TileBackward no longer
        // computes itself); 990 once TileLosses, which training calls every tile, was compiled fully optimized from its
        // first call like the tile passes (the attribute takes two lines); 989 once each example's loss went into the tile
        // scratch beside its outputs, and BackpropagateBatch lost its stackalloc; 967 once each layer's sizes (inputs and
        // outputs) and its blocks' offsets were one declaration each, with one summary; 967 also once the batched methods' argument
        // checks became one call each (BatchArguments: -4 lines of checks, +4 of exception docs); 944 once a layer's outputs
        // and deltas took one statement in each method, as the Scratch struct declares them; 933 once a layer's sizes and
        // offsets were one declaration under one summary; 934 once Backpropagate refused a gradient over its input.
        GeneratorRun run = GeneratorHarness.Run(SampleNetworks.DeepMixed.Source);

        int lines = run.Sources.Values.Sum(text => text.Count(c => c == '\n'));

        Assert.InRange(lines, 500, 934);
    }

    [Fact]
    public void TwoNetworksInOneCompilation_GetSeparateFiles()
    {
        GeneratorRun run = GeneratorHarness.Run(SampleNetworks.Xor.Source, SampleNetworks.OneWeight.Source);

        Assert.Equal(
            [
                "Samples.SimplestNetwork.OneWeight.Backward.g.cs", "Samples.SimplestNetwork.OneWeight.Batch.g.cs",
                "Samples.SimplestNetwork.OneWeight.Forward.g.cs", "Samples.SimplestNetwork.OneWeight.Network.g.cs",
                "Samples.Xor.XorNetwork.Backward.g.cs", "Samples.Xor.XorNetwork.Batch.g.cs", "Samples.Xor.XorNetwork.Forward.g.cs", "Samples.Xor.XorNetwork.Network.g.cs",
            ],
            run.Sources.Keys);
        Assert.Equal(GeneratorHarness.Run(SampleNetworks.Xor.Source).Sources["Samples.Xor.XorNetwork.Forward.g.cs"], run.Sources["Samples.Xor.XorNetwork.Forward.g.cs"]);
    }

    [Fact]
    public void GeneratedText_UsesLineFeedsOnly()
    {
        GeneratorRun run = GeneratorHarness.Run(SampleNetworks.Xor.Source);

        Assert.All(run.Sources.Values, text => Assert.DoesNotContain('\r', text));
    }
}
