namespace CompiledNets;

/// <summary>
/// Max pooling: <c>a[c, y, x] = max over i, j below Size of in[c, y*Stride + i, x*Stride + j]</c>, channel by channel.
/// Backpropagation routes each delta to the input that was the maximum (the first, in row order, on a tie). Windows are
/// square; no padding.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPool2DAttribute : Attribute
{
    /// <summary>Declares max pooling over windows of <paramref name="size"/> x <paramref name="size"/>.</summary>
    public MaxPool2DAttribute(int size) => Size = size;

    /// <summary>The side of each square window.</summary>
    public int Size { get; }

    /// <summary>Rows and columns between windows. Default 0, meaning the window's size (windows side by side).</summary>
    public int Stride { get; set; }

    /// <summary>The name of the layer's generated members. Default: <c>Layer1</c>, <c>Layer2</c>, ... by position.</summary>
    public string? Name { get; set; }
}
