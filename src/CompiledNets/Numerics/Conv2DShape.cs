using System.ComponentModel;

namespace CompiledNets.Numerics;

/// <summary>
/// A convolution layer's geometry as constants, declared by each generated network for each of its Conv2D layers and
/// passed to <see cref="Conv2DKernels"/>, which the JIT then compiles for exactly these sizes. As an
/// <see cref="IDenseShape"/> it is the layer's weight matrix seen as a dense layer over patches: Inputs = InChannels *
/// Kernel * Kernel values per patch, Outputs = Filters.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IConv2DShape : IDenseShape
{
    /// <summary>Channels of the input image.</summary>
    static abstract int InChannels { get; }

    /// <summary>Rows of the input image.</summary>
    static abstract int InHeight { get; }

    /// <summary>Columns of the input image.</summary>
    static abstract int InWidth { get; }

    /// <summary>The side of each square kernel.</summary>
    static abstract int Kernel { get; }

    /// <summary>Rows and columns between one output's window and the next.</summary>
    static abstract int Stride { get; }

    /// <summary>Rows and columns of zeros around the input.</summary>
    static abstract int Padding { get; }

    /// <summary>Rows of the output: (InHeight + 2 * Padding - Kernel) / Stride + 1.</summary>
    static abstract int OutHeight { get; }

    /// <summary>Columns of the output: (InWidth + 2 * Padding - Kernel) / Stride + 1.</summary>
    static abstract int OutWidth { get; }
}

/// <summary>A pooling layer's geometry as constants, for <see cref="Pool2DKernels"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IPool2DShape
{
    /// <summary>Channels, pooled one by one.</summary>
    static abstract int Channels { get; }

    /// <summary>Rows of the input image.</summary>
    static abstract int InHeight { get; }

    /// <summary>Columns of the input image.</summary>
    static abstract int InWidth { get; }

    /// <summary>The side of each square window.</summary>
    static abstract int Size { get; }

    /// <summary>Rows and columns between one window and the next.</summary>
    static abstract int Stride { get; }

    /// <summary>Rows of the output: (InHeight - Size) / Stride + 1.</summary>
    static abstract int OutHeight { get; }

    /// <summary>Columns of the output: (InWidth - Size) / Stride + 1.</summary>
    static abstract int OutWidth { get; }
}
