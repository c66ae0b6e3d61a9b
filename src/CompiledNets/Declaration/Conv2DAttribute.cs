namespace CompiledNets;

/// <summary>
/// A 2-D convolution over an image of channels x height x width values:
/// <c>z[f, y, x] = b[f] + sum_c,i,j W[f, c, i, j] * in[c, y*Stride + i - Padding, x*Stride + j - Padding]</c>, zeros
/// outside the input, then <c>a = activation(z)</c>. W has PyTorch's shape [filters, in channels, kernel, kernel].
/// Kernels are square.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2DAttribute : Attribute
{
    /// <summary>Declares a convolution with <paramref name="filters"/> output channels and square kernels of <paramref name="kernelSize"/>.</summary>
    public Conv2DAttribute(int filters, int kernelSize, Activation activation = Activation.Linear)
    {
        Filters = filters;
        KernelSize = kernelSize;
        Activation = activation;
    }

    /// <summary>Output channels: one kernel (and one bias) per filter.</summary>
    public int Filters { get; }

    /// <summary>The side of each square kernel.</summary>
    public int KernelSize { get; }

    /// <summary>The activation applied to each output value.</summary>
    public Activation Activation { get; }

    /// <summary>Rows and columns the kernel moves between outputs. Default 1.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Rows and columns of zeros added on every side of the input. Default 0.</summary>
    public int Padding { get; set; }

    /// <summary>Whether the layer adds a bias per filter. Default true.</summary>
    public bool Bias { get; set; } = true;

    /// <summary>The name of the layer's generated members. Default: <c>Layer1</c>, <c>Layer2</c>, ... by position.</summary>
    public string? Name { get; set; }
}
