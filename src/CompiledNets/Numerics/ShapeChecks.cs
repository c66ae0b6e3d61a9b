using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace CompiledNets.Numerics;

/// <summary>
/// Whether a shape struct describes a layer the kernels can compute without reading or writing outside the spans
/// they are given. The generator's shapes always do; a shape written by hand (the interfaces are public, for the
/// generated code) might not: sizes whose product wraps around int, or a pooling or convolution whose output sizes
/// do not follow from its input, kernel and stride. The kernels check span lengths against the shape and then index
/// with unchecked arithmetic, so such a shape would read and write memory past the spans. For a struct shape every
/// value here is a constant to the JIT, and the checks compile to nothing.
/// </summary>
internal static class ShapeChecks
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Dense<TShape>() where TShape : struct, IDenseShape
    {
        if (TShape.Inputs <= 0 || TShape.Outputs <= 0 || (long)TShape.Inputs * TShape.Outputs > Array.MaxLength)
            ThrowDense<TShape>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Pool<TShape>() where TShape : struct, IPool2DShape
    {
        if (TShape.Channels <= 0 || TShape.Size <= 0 || TShape.Stride <= 0
            || TShape.InHeight < TShape.Size || TShape.InWidth < TShape.Size
            || TShape.OutHeight != (TShape.InHeight - TShape.Size) / TShape.Stride + 1
            || TShape.OutWidth != (TShape.InWidth - TShape.Size) / TShape.Stride + 1
            || (long)TShape.Channels * TShape.InHeight * TShape.InWidth > Array.MaxLength)
            ThrowPool<TShape>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Conv<TShape>() where TShape : struct, IConv2DShape
    {
        long positions = (long)TShape.OutHeight * TShape.OutWidth;
        if (TShape.InChannels <= 0 || TShape.Outputs <= 0 || TShape.Kernel <= 0 || TShape.Stride <= 0 || TShape.Padding < 0
            || (long)TShape.InHeight + 2L * TShape.Padding < TShape.Kernel || (long)TShape.InWidth + 2L * TShape.Padding < TShape.Kernel
            || TShape.OutHeight != (TShape.InHeight + 2L * TShape.Padding - TShape.Kernel) / TShape.Stride + 1
            || TShape.OutWidth != (TShape.InWidth + 2L * TShape.Padding - TShape.Kernel) / TShape.Stride + 1
            || TShape.Inputs != (long)TShape.InChannels * TShape.Kernel * TShape.Kernel
            || (long)TShape.InChannels * TShape.InHeight * TShape.InWidth > Array.MaxLength
            || TShape.Outputs * positions > Array.MaxLength
            || TShape.Inputs * positions + (long)TShape.Outputs * (TShape.Inputs + 1) > Array.MaxLength) // the workspace
            ThrowConv<TShape>();
    }

    [DoesNotReturn]
    private static void ThrowDense<TShape>() where TShape : struct, IDenseShape
        => throw new ArgumentException(
            $"Shape {typeof(TShape).Name} (Inputs {TShape.Inputs}, Outputs {TShape.Outputs}) is not a dense layer: both sizes must be " +
            "positive, and their product at most the length of an array.", "TShape");

    [DoesNotReturn]
    private static void ThrowPool<TShape>() where TShape : struct, IPool2DShape
        => throw new ArgumentException(
            $"Shape {typeof(TShape).Name} (Channels {TShape.Channels}, InHeight {TShape.InHeight}, InWidth {TShape.InWidth}, " +
            $"Size {TShape.Size}, Stride {TShape.Stride}, OutHeight {TShape.OutHeight}, OutWidth {TShape.OutWidth}) is not a pooling: " +
            "Channels, Size and Stride must be positive, the input at least one window, OutHeight (InHeight - Size) / Stride + 1, " +
            "OutWidth (InWidth - Size) / Stride + 1, and the input at most the length of an array.", "TShape");

    [DoesNotReturn]
    private static void ThrowConv<TShape>() where TShape : struct, IConv2DShape
        => throw new ArgumentException(
            $"Shape {typeof(TShape).Name} (InChannels {TShape.InChannels}, InHeight {TShape.InHeight}, InWidth {TShape.InWidth}, " +
            $"Kernel {TShape.Kernel}, Stride {TShape.Stride}, Padding {TShape.Padding}, OutHeight {TShape.OutHeight}, " +
            $"OutWidth {TShape.OutWidth}, Inputs {TShape.Inputs}, Outputs {TShape.Outputs}) is not a convolution: InChannels, Outputs, " +
            "Kernel and Stride must be positive and Padding 0 or more, the padded input at least one kernel, OutHeight " +
            "(InHeight + 2 * Padding - Kernel) / Stride + 1, OutWidth likewise, Inputs InChannels * Kernel * Kernel, and the input, " +
            "output and workspace at most the length of an array.", "TShape");
}
