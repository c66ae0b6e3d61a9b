using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace CompiledNets.Numerics;

/// <summary>
/// Max and average pooling for one example, as generated networks call them: each channel's image is read in square
/// windows, and each window gives one output value. Images are channels x rows x columns (PyTorch's layout).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Pool2DKernels
{
    /// <summary><c>output[c, y, x] = max over i, j of input[c, y*s + i, x*s + j]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MaxForward<TShape, T>(ReadOnlySpan<T> input, Span<T> output)
        where TShape : struct, IPool2DShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check<TShape>(input.Length, output.Length);
        int o = 0;
        for (int c = 0; c < TShape.Channels; c++)
        {
            ReadOnlySpan<T> plane = input.Slice(c * TShape.InHeight * TShape.InWidth, TShape.InHeight * TShape.InWidth);
            for (int y = 0; y < TShape.OutHeight; y++)
            {
                for (int x = 0; x < TShape.OutWidth; x++, o++)
                    output[o] = plane[FirstMaximum<TShape, T>(plane, y, x)];
            }
        }
    }

    /// <summary>
    /// dL/d(input): each output's delta goes to the input that was its window's maximum (the first in row order on a tie,
    /// as PyTorch picks), found again from the input; every other input gets 0. Overwrites <paramref name="inputDeltas"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MaxBackward<TShape, T>(ReadOnlySpan<T> input, ReadOnlySpan<T> deltas, Span<T> inputDeltas)
        where TShape : struct, IPool2DShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check<TShape>(input.Length, deltas.Length);
        Check<TShape>(inputDeltas.Length, deltas.Length);
        inputDeltas.Clear();
        int o = 0;
        for (int c = 0; c < TShape.Channels; c++)
        {
            int planeStart = c * TShape.InHeight * TShape.InWidth;
            ReadOnlySpan<T> plane = input.Slice(planeStart, TShape.InHeight * TShape.InWidth);
            for (int y = 0; y < TShape.OutHeight; y++)
            {
                for (int x = 0; x < TShape.OutWidth; x++, o++)
                    inputDeltas[planeStart + FirstMaximum<TShape, T>(plane, y, x)] += deltas[o];
            }
        }
    }

    /// <summary>Where in <paramref name="plane"/> the window of output (y, x) has its first largest value (a NaN wins, as in PyTorch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FirstMaximum<TShape, T>(ReadOnlySpan<T> plane, int y, int x)
        where TShape : struct, IPool2DShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int best = y * TShape.Stride * TShape.InWidth + x * TShape.Stride;
        T max = plane[best];
        if (T.IsNaN(max))
            return best;
        for (int i = 0; i < TShape.Size; i++)
        {
            int rowStart = (y * TShape.Stride + i) * TShape.InWidth + x * TShape.Stride;
            for (int j = 0; j < TShape.Size; j++)
            {
                T value = plane[rowStart + j];
                if (value > max || T.IsNaN(value))
                {
                    if (T.IsNaN(value))
                        return rowStart + j;
                    max = value;
                    best = rowStart + j;
                }
            }
        }

        return best;
    }

    /// <summary><c>output[c, y, x] = (sum over i, j of input[c, y*s + i, x*s + j]) / (Size * Size)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AverageForward<TShape, T>(ReadOnlySpan<T> input, Span<T> output)
        where TShape : struct, IPool2DShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check<TShape>(input.Length, output.Length);
        T count = T.CreateTruncating(TShape.Size * TShape.Size);
        int o = 0;
        for (int c = 0; c < TShape.Channels; c++)
        {
            ReadOnlySpan<T> plane = input.Slice(c * TShape.InHeight * TShape.InWidth, TShape.InHeight * TShape.InWidth);
            for (int y = 0; y < TShape.OutHeight; y++)
            {
                for (int x = 0; x < TShape.OutWidth; x++, o++)
                {
                    T sum = T.Zero;
                    for (int i = 0; i < TShape.Size; i++)
                    {
                        int rowStart = (y * TShape.Stride + i) * TShape.InWidth + x * TShape.Stride;
                        for (int j = 0; j < TShape.Size; j++)
                            sum += plane[rowStart + j];
                    }

                    output[o] = sum / count;
                }
            }
        }
    }

    /// <summary>dL/d(input): each output's delta divided by Size * Size and added to every input of its window. Overwrites <paramref name="inputDeltas"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AverageBackward<TShape, T>(ReadOnlySpan<T> deltas, Span<T> inputDeltas)
        where TShape : struct, IPool2DShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check<TShape>(inputDeltas.Length, deltas.Length);
        inputDeltas.Clear();
        T count = T.CreateTruncating(TShape.Size * TShape.Size);
        int o = 0;
        for (int c = 0; c < TShape.Channels; c++)
        {
            Span<T> plane = inputDeltas.Slice(c * TShape.InHeight * TShape.InWidth, TShape.InHeight * TShape.InWidth);
            for (int y = 0; y < TShape.OutHeight; y++)
            {
                for (int x = 0; x < TShape.OutWidth; x++, o++)
                {
                    T share = deltas[o] / count;
                    for (int i = 0; i < TShape.Size; i++)
                    {
                        int rowStart = (y * TShape.Stride + i) * TShape.InWidth + x * TShape.Stride;
                        for (int j = 0; j < TShape.Size; j++)
                            plane[rowStart + j] += share;
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Check<TShape>(int inputLength, int outputLength)
        where TShape : struct, IPool2DShape
    {
        int inputs = TShape.Channels * TShape.InHeight * TShape.InWidth;
        int outputs = TShape.Channels * TShape.OutHeight * TShape.OutWidth;
        if (inputLength != inputs || outputLength != outputs)
            throw new ArgumentException($"The pooling reads {inputs} values and writes {outputs}, but got {inputLength} and {outputLength}.");
    }
}
