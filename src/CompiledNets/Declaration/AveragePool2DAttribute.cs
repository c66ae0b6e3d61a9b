namespace CompiledNets;

/// <summary>
/// Average pooling: <c>a[c, y, x] = mean over i, j below Size of in[c, y*Stride + i, x*Stride + j]</c>, channel by
/// channel. Backpropagation spreads each delta evenly over its window. Windows are square; no padding.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AveragePool2DAttribute : Attribute
{
    /// <summary>Declares average pooling over windows of <paramref name="size"/> x <paramref name="size"/>.</summary>
    public AveragePool2DAttribute(int size) => Size = size;

    /// <summary>The side of each square window.</summary>
    public int Size { get; }

    /// <summary>Rows and columns between windows. Default 0, meaning the window's size (windows side by side).</summary>
    public int Stride { get; set; }

    /// <summary>The name of the layer's generated members. Default: <c>Layer1</c>, <c>Layer2</c>, ... by position.</summary>
    public string? Name { get; set; }
}
