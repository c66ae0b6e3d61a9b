namespace CompiledNets;

/// <summary>
/// Declares the input of a <see cref="NetworkAttribute">network</see>; comes before the layers. Either a flat vector,
/// <c>[Input(784)]</c>, or an image of channels x height x width values, <c>[Input(1, 28, 28)]</c>, stored channel by
/// channel and row by row (PyTorch's layout), which convolution and pooling layers read.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>Declares a network input of <paramref name="size"/> values.</summary>
    public InputAttribute(int size)
    {
        Size = size;
        Channels = size;
        Height = 1;
        Width = 1;
    }

    /// <summary>Declares an image input: <paramref name="channels"/> planes of <paramref name="height"/> rows of <paramref name="width"/> values.</summary>
    public InputAttribute(int channels, int height, int width)
    {
        Channels = channels;
        Height = height;
        Width = width;
        Size = channels * height * width;
    }

    /// <summary>The number of input values.</summary>
    public int Size { get; }

    /// <summary>Channels of an image input; for a flat input, its size.</summary>
    public int Channels { get; }

    /// <summary>Rows of an image input; 1 for a flat input.</summary>
    public int Height { get; }

    /// <summary>Columns of an image input; 1 for a flat input.</summary>
    public int Width { get; }
}
