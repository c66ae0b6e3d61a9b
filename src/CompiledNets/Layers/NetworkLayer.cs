using System.Collections.ObjectModel;

namespace CompiledNets;

/// <summary>
/// One layer of a compiled network as the generator laid it out: its kind, its shapes, its settings and where its
/// parameters are. Weights export and import (<see cref="Persistence.StateDict"/>) and ONNX export read these; every
/// generated network lists its layers in <see cref="INeuralNetwork{TSelf, T}.Layers"/>.
/// </summary>
public sealed class NetworkLayer
{
    private NetworkLayer(
        LayerKind kind, string name, Activation activation, int[] inputShape, int[] outputShape,
        ParameterTensor? weights, ParameterTensor? biases, int kernelSize, int stride, int padding)
    {
        Kind = kind;
        Name = name;
        Activation = activation;
        InputShape = Array.AsReadOnly(inputShape);
        OutputShape = Array.AsReadOnly(outputShape);
        Weights = weights;
        Biases = biases;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
    }

    /// <summary>What the layer computes.</summary>
    public LayerKind Kind { get; }

    /// <summary>The declared <c>Name</c>, or the default <c>Layer1</c>, <c>Layer2</c>, ... (numbered from 1).</summary>
    public string Name { get; }

    /// <summary>f in a = f(z); <see cref="Activation.Linear"/> for pooling and flatten.</summary>
    public Activation Activation { get; }

    /// <summary>The shape of what the layer reads: <c>[size]</c> or <c>[channels, height, width]</c>.</summary>
    public ReadOnlyCollection<int> InputShape { get; }

    /// <summary>The shape of what the layer writes: <c>[size]</c> or <c>[channels, height, width]</c>.</summary>
    public ReadOnlyCollection<int> OutputShape { get; }

    /// <summary>Dense: <c>[units, inputs]</c>; Conv2D: <c>[filters, inChannels, kernel, kernel]</c>; null for kinds without parameters.</summary>
    public ParameterTensor? Weights { get; }

    /// <summary><c>[units]</c> or <c>[filters]</c>; null when the layer has no bias.</summary>
    public ParameterTensor? Biases { get; }

    /// <summary>The side of the square kernel or window (Conv2D and pooling); 0 for other kinds.</summary>
    public int KernelSize { get; }

    /// <summary>How far the kernel or window moves per output (Conv2D and pooling); 0 for other kinds.</summary>
    public int Stride { get; }

    /// <summary>Zeros added on each side of the input (Conv2D); 0 for other kinds.</summary>
    public int Padding { get; }

    /// <summary>A fully connected layer: weights <c>[units, inputs]</c> at <paramref name="weightsOffset"/>, then biases unless <paramref name="biasesOffset"/> is negative.</summary>
    public static NetworkLayer Dense(string name, int inputs, int units, Activation activation, int weightsOffset, int biasesOffset)
        => new(LayerKind.Dense, name, activation, [inputs], [units],
            new ParameterTensor(weightsOffset, units, inputs), biasesOffset < 0 ? null : new ParameterTensor(biasesOffset, units),
            kernelSize: 0, stride: 0, padding: 0);

    /// <summary>A convolution of a <c>[channels, height, width]</c> input into <c>[filters, outHeight, outWidth]</c>.</summary>
    public static NetworkLayer Conv2D(
        string name, int[] inputShape, int[] outputShape, int kernelSize, int stride, int padding, Activation activation,
        int weightsOffset, int biasesOffset)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(outputShape);
        int filters = outputShape[0];
        return new(LayerKind.Conv2D, name, activation, inputShape, outputShape,
            new ParameterTensor(weightsOffset, filters, inputShape[0], kernelSize, kernelSize),
            biasesOffset < 0 ? null : new ParameterTensor(biasesOffset, filters),
            kernelSize, stride, padding);
    }

    /// <summary>Max or average pooling over square windows of <paramref name="size"/>, <paramref name="stride"/> apart.</summary>
    public static NetworkLayer Pool2D(LayerKind kind, string name, int[] inputShape, int[] outputShape, int size, int stride)
    {
        if (kind is not (LayerKind.MaxPool2D or LayerKind.AveragePool2D))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "A pooling layer is MaxPool2D or AveragePool2D.");
        return new(kind, name, Activation.Linear, inputShape, outputShape, weights: null, biases: null, size, stride, padding: 0);
    }

    /// <summary>An image of <paramref name="inputShape"/> read as one vector.</summary>
    public static NetworkLayer Flatten(string name, int[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        int size = 1;
        foreach (int length in inputShape)
            size *= length;
        return new(LayerKind.Flatten, name, Activation.Linear, inputShape, [size], weights: null, biases: null, 0, 0, 0);
    }

    /// <summary>The layer as the architecture line writes it, e.g. <c>Dense(128, Relu)</c>.</summary>
    public override string ToString() => Kind switch
    {
        LayerKind.Dense => $"{Name}: Dense({OutputShape[0]}, {Activation})",
        LayerKind.Conv2D => $"{Name}: Conv2D({OutputShape[0]}, {KernelSize}x{KernelSize}, {Activation})",
        LayerKind.Flatten => $"{Name}: Flatten",
        _ => $"{Name}: {Kind}({KernelSize})",
    };
}
