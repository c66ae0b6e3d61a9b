using System.Collections.ObjectModel;

namespace CompiledNets;

/// <summary>
/// One block of a layer's parameters seen as a tensor: where it starts in
/// <see cref="INeuralNetwork{TSelf, T}.Parameters"/> and its shape, in PyTorch's layout (row-major, last index fastest).
/// </summary>
public sealed class ParameterTensor
{
    internal ParameterTensor(int offset, params int[] shape)
    {
        Offset = offset;
        Shape = Array.AsReadOnly(shape);
        int count = 1;
        foreach (int length in shape)
            count *= length;
        Count = count;
    }

    /// <summary>Where the tensor's first value is in the network's parameters.</summary>
    public int Offset { get; }

    /// <summary>The tensor's shape, e.g. <c>[128, 784]</c> for a dense layer's weights or <c>[16, 1, 5, 5]</c> for a convolution's.</summary>
    public ReadOnlyCollection<int> Shape { get; }

    /// <summary>How many values it holds: the product of <see cref="Shape"/>.</summary>
    public int Count { get; }

    /// <summary>The tensor's values inside <paramref name="parameters"/>, the whole parameter span of its network.</summary>
    public Span<T> Slice<T>(Span<T> parameters) => parameters.Slice(Offset, Count);

    /// <summary>The shape as PyTorch prints it, e.g. <c>[128, 784]</c>.</summary>
    public override string ToString() => "[" + string.Join(", ", Shape) + "]";
}
