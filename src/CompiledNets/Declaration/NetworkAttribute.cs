namespace CompiledNets;

/// <summary>
/// Marks a <c>partial class</c> as a neural network. The CompiledNets source generator reads this attribute,
/// the <see cref="InputAttribute"/> and the layer attributes (in source order) and writes, at compile time,
/// forward, backward and training code specialized for exactly that network.
/// </summary>
/// <example>
/// <code>
/// [Network(Loss = Loss.CrossEntropy)]
/// [Input(784)]
/// [Dense(128, Activation.Tanh)]
/// [Dense(10, Activation.Softmax)]
/// public partial class DigitNet;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>
    /// The default of <see cref="UnrollLimit"/>, chosen by measurement (README, Performance): unrolled layers of
    /// 32 weights beat loops by 1.1-1.5x; from 64 weights on, loops win, and far beyond that the JIT gives up
    /// optimizing very long straight-line methods.
    /// </summary>
    public const int DefaultUnrollLimit = 32;

    /// <summary>The loss the network is trained to minimize. Default: <see cref="Loss.MeanSquaredError"/>.</summary>
    public Loss Loss { get; set; } = Loss.MeanSquaredError;

    /// <summary>Element type of parameters and data. Default: <see cref="Precision.Single"/> (float).</summary>
    public Precision Precision { get; set; } = Precision.Single;

    /// <summary>Seed of the deterministic parameter initialization a new instance starts from.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>
    /// The largest weight count (inputs x units) of a layer that is emitted as fully unrolled straight-line code.
    /// Larger layers are emitted as SIMD loops with constant bounds. 0 emits every layer as loops.
    /// </summary>
    /// <remarks>
    /// At most 256 (warning CN0204 above it). A network's unrolled layers also hold at most 256 values together
    /// (weights, biases and outputs): beyond a few hundred the JIT stops optimizing the long straight-line methods,
    /// so over that budget the largest unrolled layers are emitted as loops too.
    /// </remarks>
    public int UnrollLimit { get; set; } = DefaultUnrollLimit;

    /// <summary>
    /// A weights file in text form (<see cref="Persistence.NetworkWeights.SaveText{TNet, T}"/>) to bake into the
    /// assembly at compile time: the file must also be in the project's <c>AdditionalFiles</c>, and the class gains
    /// <c>CreatePretrained()</c>, a network holding those parameters with no file at run time. The path is matched
    /// against the end of each additional file's path, e.g. <c>"digits.weights.txt"</c> or
    /// <c>"Models/digits.weights.txt"</c>. A missing, damaged or mismatched file is a compile-time error.
    /// </summary>
    public string? Weights { get; set; }
}
