using System.Runtime.CompilerServices;

namespace CompiledNets.Generator.Tests.Infrastructure;

/// <summary>A network declaration used by the snapshot and the compile-and-run tests.</summary>
/// <param name="Name">Snapshot folder name and xunit case name.</param>
/// <param name="TypeName">Metadata name of the declared class, e.g. "Samples.Xor.XorNetwork" or "Outer+Net".</param>
public sealed record SampleNetwork(string Name, string TypeName, string Source)
{
    public override string ToString() => Name;
}

/// <summary>The tutorial networks, a digits classifier and a few shapes that stress the emitter.</summary>
public static class SampleNetworks
{
    /// <summary>(a) The simplest network: one input, one weight, one output; the SimplestNetwork sample's own declaration.</summary>
    public static readonly SampleNetwork OneWeight = new("OneWeight", "Samples.SimplestNetwork.OneWeight", SampleSource("SimplestNetwork/OneWeight.cs"));

    /// <summary>(b) A weighted sum of three inputs; the WeightedSums sample's own declaration.</summary>
    public static readonly SampleNetwork WeightedSum = new("WeightedSum", "Samples.WeightedSums.WeightedSumNet", SampleSource("WeightedSums/WeightedSumNet.cs"));

    /// <summary>(c) Three inputs, three outputs: a 3x3 weight matrix; the WeightedSums sample's own declaration.</summary>
    public static readonly SampleNetwork ThreeToThree = new("ThreeToThree", "Samples.WeightedSums.ThreeToThreeNet", SampleSource("WeightedSums/ThreeToThreeNet.cs"));

    /// <summary>(d) Gradient descent with multiple outputs: one input, three outputs; the WeightedSums sample's own declaration.</summary>
    public static readonly SampleNetwork OneToThree = new("OneToThree", "Samples.WeightedSums.OneToThreeNet", SampleSource("WeightedSums/OneToThreeNet.cs"));

    /// <summary>(e) XOR of the first two of three inputs: 3-4-1, sigmoid, no bias, named layers; the Xor sample's own declaration.</summary>
    public static readonly SampleNetwork Xor = new("Xor", "Samples.Xor.XorNetwork", SampleSource("Xor/XorNetwork.cs"));

    /// <summary>(f) MNIST digits, the network the digits sample ships: 784 pixels, 128 ReLU units, 10 softmax classes.</summary>
    public static readonly SampleNetwork Digits = new("Digits", "Samples.Digits.DigitNet", SampleSource("Digits/DigitNet.cs"));

    /// <summary>(f) The from-scratch tutorial's digits network, as the digits sample's --tutorial declares it: 784-100-50-10 tanh.</summary>
    public static readonly SampleNetwork DigitsTutorial = new("DigitsTutorial", "Samples.Digits.TutorialNet", SampleSource("Digits/TutorialNet.cs"));

    /// <summary>(g) Every activation, named layers, a layer without bias, layers above and below the unroll limit.</summary>
    public static readonly SampleNetwork DeepMixed = new("DeepMixed", "Samples.Deep.DeepMixedNet", """
        using CompiledNets;

        namespace Samples.Deep;

        [Network(Loss = Loss.CrossEntropy, Precision = Precision.Single, Seed = 7, UnrollLimit = 64)]
        [Input(6)]
        [Dense(8, Activation.Relu, Name = "Hidden")]
        [Dense(12, Activation.LeakyRelu)]
        [Dense(8, Activation.Tanh, Bias = false)]
        [Dense(5, Activation.Sigmoid)]
        [Dense(4)]
        [Dense(3, Activation.Softmax)]
        public partial class DeepMixedNet;
        """);

    /// <summary>(h) A class in the global namespace.</summary>
    public static readonly SampleNetwork GlobalNamespace = new("GlobalNamespace", "GlobalNet", """
        using CompiledNets;

        [Network(Loss = Loss.MeanSquaredError)]
        [Input(2)]
        [Dense(2, Activation.Tanh)]
        [Dense(1)]
        public partial class GlobalNet;
        """);

    /// <summary>(h) A class nested in partial outer classes.</summary>
    public static readonly SampleNetwork Nested = new("Nested", "Samples.Zoo.Models+Tutorials+TinyNet", """
        using CompiledNets;

        namespace Samples.Zoo;

        /// <summary>Models of the tutorials.</summary>
        public static partial class Models
        {
            internal partial class Tutorials
            {
                [Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
                [Input(2)]
                [Dense(2, Activation.Relu)]
                [Dense(1)]
                public partial class TinyNet;
            }
        }
        """);

    /// <summary>(i) Independent yes/no outputs: sigmoid outputs with binary cross-entropy.</summary>
    public static readonly SampleNetwork BinaryCrossEntropy = new("BinaryCrossEntropy", "Samples.Tags.TagNet", """
        using CompiledNets;

        namespace Samples.Tags;

        [Network(Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double)]
        [Input(4)]
        [Dense(6, Activation.Relu)]
        [Dense(2, Activation.Sigmoid)]
        public partial class TagNet;
        """);

    /// <summary>(j) Convolution and pooling: the network the ConvDigits sample ships.</summary>
    public static readonly SampleNetwork ConvDigits = new("ConvDigits", "Samples.ConvDigits.ConvDigitNet", SampleSource("ConvDigits/ConvDigitNet.cs"));

    /// <summary>(j) Every image layer option: padding, stride, no bias, average and overlapping pooling, an image read by Flatten first.</summary>
    public static readonly SampleNetwork ConvOptions = new("ConvOptions", "Samples.Vision.ConvOptionsNet", """
        using CompiledNets;

        namespace Samples.Vision;

        [Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
        [Input(3, 7, 5)]
        [Conv2D(4, 3, Activation.Tanh, Stride = 2, Padding = 1, Bias = false, Name = "Edges")]
        [AveragePool2D(3, Stride = 1)]
        [Flatten]
        [Dense(2, Activation.Sigmoid)]
        public partial class ConvOptionsNet;
        """);

    /// <summary>
    /// (k) Layers of equal sizes share one shape type, as in VGG-style stacks: convolution layer 2 uses layer 1's (another
    /// activation, no bias), dense layer 7 uses layer 6's.
    /// </summary>
    public static readonly SampleNetwork SharedShapes = new("SharedShapes", "Samples.Vision.RepeatedNet", """
        using CompiledNets;

        namespace Samples.Vision;

        [Network(Loss = Loss.CrossEntropy, Precision = Precision.Double)]
        [Input(3, 6, 6)]
        [Conv2D(3, 3, Activation.Relu, Padding = 1)]
        [Conv2D(3, 3, Activation.Tanh, Padding = 1, Bias = false)]
        [MaxPool2D(2)]
        [Flatten]
        [Dense(16, Activation.Relu)]
        [Dense(16, Activation.Tanh)]
        [Dense(16, Activation.Sigmoid)]
        [Dense(4, Activation.Softmax)]
        public partial class RepeatedNet;
        """);

    public static readonly IReadOnlyList<SampleNetwork> All =
        [OneWeight, WeightedSum, ThreeToThree, OneToThree, Xor, Digits, DigitsTutorial, DeepMixed, GlobalNamespace, Nested, BinaryCrossEntropy,
         ConvDigits, ConvOptions, SharedShapes];

    public static TheoryData<string> Names => new(All.Select(network => network.Name));

    public static SampleNetwork Named(string name) => All.Single(network => network.Name == name);

    /// <summary>A declaration exactly as a sample program compiles it, read from samples/ in the repository.</summary>
    private static string SampleSource(string pathUnderSamples, [CallerFilePath] string thisFile = "")
    {
        string repository = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));
        return File.ReadAllText(Path.Combine(repository, "samples", pathUnderSamples));
    }
}
