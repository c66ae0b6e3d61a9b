using System.Numerics;

namespace CompiledNets;

/// <summary>
/// What every network generated from a <see cref="NetworkAttribute"/> declaration provides. The trainer, the
/// gradient check and the weights file are generic over it: static abstract members give them the sizes at
/// compile time, with no reflection and no virtual call per weight.
/// </summary>
/// <remarks>
/// <para><b>Threads.</b> <see cref="Predict"/>, <see cref="PredictBatch"/>, <see cref="ComputeLoss"/>,
/// <see cref="ComputeLossBatch"/>, <see cref="Backpropagate"/> and <see cref="BackpropagateBatch"/> only read the parameters: each call keeps its
/// intermediate values in scratch of its own (on the stack, or the calling thread's for a batch or when large), so any number of
/// threads may call them on one shared instance at once, and each gets exactly what it would get alone. A network
/// registered as a singleton in a web application can serve every request.</para>
/// <para><see cref="TrainStep"/>, <see cref="ApplyGradient"/>, <see cref="InitializeParameters"/>, writes through
/// <see cref="Parameters"/> and loading weights into the instance change the parameters: make those calls from one
/// thread, while no other call on the same instance is running.</para>
/// </remarks>
/// <typeparam name="TSelf">The generated network class.</typeparam>
/// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface INeuralNetwork<TSelf, T>
    where TSelf : class, INeuralNetwork<TSelf, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Number of input values of one example.</summary>
    static abstract int InputSize { get; }

    /// <summary>Number of output values of one example.</summary>
    static abstract int OutputSize { get; }

    /// <summary>Number of trainable parameters: the length of <see cref="Parameters"/>.</summary>
    static abstract int ParameterCount { get; }

    /// <summary>The loss the network was declared with.</summary>
    static abstract Loss Loss { get; }

    /// <summary>A one-line description of the layers, e.g. <c>784 -> Dense(128, Tanh) -> Dense(10, Softmax)</c>.</summary>
    static abstract string Architecture { get; }

    /// <summary>
    /// The layers, first to last, with their shapes and where their parameters are in <see cref="Parameters"/>: what
    /// weights export and import and ONNX export read.
    /// </summary>
    static abstract IReadOnlyList<NetworkLayer> Layers { get; }

    /// <summary>A new instance, initialized from the declared seed.</summary>
    static abstract TSelf Create();

    /// <summary>All parameters, layer by layer: weights row-major [units, inputs], then biases.</summary>
    Span<T> Parameters { get; }

    /// <summary>Runs the network on one example. Safe to call from many threads at once.</summary>
    void Predict(ReadOnlySpan<T> input, Span<T> output);

    /// <summary>Runs the network on <c>input.Length / InputSize</c> examples stored one after another. Safe to call from many threads at once.</summary>
    /// <remarks>
    /// Networks with a layer that calls the runtime's kernels, or a tanh, sigmoid or softmax layer, run batches in tiles
    /// of examples through the kernels. A layer that calls the kernels gives each example <see cref="Predict"/>'s bits
    /// (but for one example's product with a matrix beyond 64 KB at Vector512, which adds in another order); an
    /// unrolled layer adds its terms one by one, in another order than the tiles: there results agree to rounding.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// <paramref name="inputs"/> is not whole examples, <paramref name="outputs"/> does not hold one output per example,
    /// or it shares memory with <paramref name="inputs"/> (the batch is worked through a few examples at a time, so the
    /// first outputs would overwrite inputs not yet read).
    /// </exception>
    void PredictBatch(ReadOnlySpan<T> inputs, Span<T> outputs);

    /// <summary>The loss of the prediction for <paramref name="input"/> against <paramref name="target"/>.</summary>
    T ComputeLoss(ReadOnlySpan<T> input, ReadOnlySpan<T> target);

    /// <summary>
    /// The predictions of <c>inputs.Length / InputSize</c> examples into <paramref name="outputs"/>, and each one's
    /// loss into <paramref name="losses"/>: what <see cref="Predict"/> and <see cref="ComputeLoss"/> give one example
    /// at a time, to rounding (see <see cref="PredictBatch"/>). Safe to call from many threads at once.
    /// </summary>
    /// <remarks>
    /// <see cref="Training.Trainer.Evaluate{TNet, T}(TNet, Data.Dataset{T}, int)"/> runs on it: a tile of examples shares every weight it loads. For one example's
    /// loss and prediction in one pass, give it spans of one example.
    /// </remarks>
    /// <exception cref="ArgumentException">A span does not hold one row per example, or <paramref name="outputs"/> or <paramref name="losses"/> shares memory with another span.</exception>
    void ComputeLossBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> outputs, Span<T> losses);

    /// <summary>Adds dLoss/dParameters for one example into <paramref name="gradient"/>; returns the loss. Safe to call from many threads at once (each with its own gradient).</summary>
    /// <exception cref="ArgumentException">A span does not have its length, or <paramref name="gradient"/> shares memory with <paramref name="input"/> (read again after the gradient is added to).</exception>
    T Backpropagate(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> gradient);

    /// <summary>
    /// Adds the gradient summed over <c>inputs.Length / InputSize</c> examples into <paramref name="gradient"/>;
    /// returns the summed loss.
    /// </summary>
    /// <remarks>Agrees with summed <see cref="Backpropagate"/> calls to rounding (see <see cref="PredictBatch"/>).</remarks>
    /// <exception cref="ArgumentException">
    /// A span does not hold one row per example, or <paramref name="gradient"/> shares memory with
    /// <paramref name="inputs"/>, <paramref name="targets"/> or <see cref="Parameters"/>.
    /// </exception>
    T BackpropagateBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> gradient);

    /// <summary><c>Parameters -= scale * gradient</c>. Changes the parameters: not to be called while another call runs on the instance.</summary>
    void ApplyGradient(ReadOnlySpan<T> gradient, T scale);

    /// <summary>
    /// One SGD step on one example, fused (no gradient buffer); returns the loss before the update. Changes the
    /// parameters: not to be called while another call runs on the instance.
    /// </summary>
    T TrainStep(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T learningRate);

    /// <summary>Deterministic Xavier (He for ReLU layers) initialization; biases start at zero.</summary>
    void InitializeParameters(int seed);
}
