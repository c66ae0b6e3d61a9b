using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CompiledNets.Numerics;

/// <summary>
/// The patch matrix ("im2col") that turns a convolution into a matrix product, and the way back: <see cref="Gather"/>
/// copies, for each kernel position (c, i, j), the input value it sees at every output position into one row;
/// <see cref="GatherByPosition"/> writes the same matrix transposed; <see cref="Scatter"/> adds each patch value's delta
/// back to the input value it came from. Values in the padding are zeros going in and dropped coming back.
/// </summary>
internal static class Conv2DPatches
{
    /// <summary>
    /// patches[(c, i, j), (y, x)] = input[c, y*s + i - pad, x*s + j - pad], or 0 in the padding. With stride 1 each
    /// patch row of one output row is a contiguous piece of an input row: copied, with zeros where it hangs over.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Gather<TShape, T>(ReadOnlySpan<T> input, Span<T> patches)
        where TShape : struct, IConv2DShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (TShape.Stride == 1 && TShape.Padding == 0)
        {
            GatherInside<TShape, T>(ref MemoryMarshal.GetReference(input), ref MemoryMarshal.GetReference(patches));
            return;
        }

        int k = 0;
        for (int c = 0; c < TShape.InChannels; c++)
        {
            ReadOnlySpan<T> plane = input.Slice(c * TShape.InHeight * TShape.InWidth, TShape.InHeight * TShape.InWidth);
            for (int i = 0; i < TShape.Kernel; i++)
            {
                for (int j = 0; j < TShape.Kernel; j++, k++)
                {
                    Span<T> row = patches.Slice(k * Conv2DKernels.Positions<TShape>(), Conv2DKernels.Positions<TShape>());
                    (int first, int end) = InsideColumns<TShape>(j);
                    for (int y = 0; y < TShape.OutHeight; y++)
                    {
                        Span<T> outputRow = row.Slice(y * TShape.OutWidth, TShape.OutWidth);
                        int sourceRow = y * TShape.Stride + i - TShape.Padding;
                        if ((uint)sourceRow >= (uint)TShape.InHeight || first >= end)
                        {
                            outputRow.Clear();
                            continue;
                        }

                        outputRow[..first].Clear();
                        outputRow[end..].Clear();
                        ReadOnlySpan<T> sourceLine = plane.Slice(sourceRow * TShape.InWidth, TShape.InWidth);
                        int sourceColumn = first * TShape.Stride + j - TShape.Padding;
                        if (TShape.Stride == 1)
                        {
                            sourceLine.Slice(sourceColumn, end - first).CopyTo(outputRow[first..end]);
                        }
                        else
                        {
                            for (int x = first; x < end; x++, sourceColumn += TShape.Stride)
                                outputRow[x] = sourceLine[sourceColumn];
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// <see cref="Gather"/> for stride 1 and no padding, the common case: every window lies inside the image, so
    /// each patch row of one output row is a plain copy of OutWidth input values, a length the JIT knows and unrolls.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GatherInside<TShape, T>(ref T input, ref T patches)
        where TShape : struct, IConv2DShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        uint rowBytes = (uint)(TShape.OutWidth * Unsafe.SizeOf<T>());
        ref T destination = ref patches;
        for (int c = 0; c < TShape.InChannels; c++)
        {
            for (int i = 0; i < TShape.Kernel; i++)
            {
                for (int j = 0; j < TShape.Kernel; j++)
                {
                    ref T source = ref Unsafe.Add(ref input, (nint)(c * TShape.InHeight + i) * TShape.InWidth + j);
                    for (int y = 0; y < TShape.OutHeight; y++)
                    {
                        Unsafe.CopyBlockUnaligned(ref Unsafe.As<T, byte>(ref destination), ref Unsafe.As<T, byte>(ref source), rowBytes);
                        destination = ref Unsafe.Add(ref destination, TShape.OutWidth);
                        source = ref Unsafe.Add(ref source, TShape.InWidth);
                    }
                }
            }
        }
    }

    /// <summary>
    /// patchRows[(y, x), (c, i, j)] = input[c, y*s + i - pad, x*s + j - pad], or 0 in the padding: the patch matrix
    /// transposed, one row per output position. With stride 1 and no padding each kernel row is Kernel contiguous inputs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void GatherByPosition<TShape, T>(ReadOnlySpan<T> input, Span<T> patchRows)
        where TShape : struct, IConv2DShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T source = ref MemoryMarshal.GetReference(input);
        ref T destination = ref MemoryMarshal.GetReference(patchRows);
        int k = TShape.Kernel, height = TShape.InHeight, width = TShape.InWidth;
        for (int y = 0; y < TShape.OutHeight; y++)
        {
            for (int x = 0; x < TShape.OutWidth; x++)
            {
                int top = y * TShape.Stride - TShape.Padding, left = x * TShape.Stride - TShape.Padding;
                if (TShape.Padding == 0)
                {
                    // Always inside: InChannels * Kernel rows of Kernel values, a copy of a length the JIT knows, each
                    // the next input row (or plane) on. Walking the references keeps the loop to the copies.
                    ref T window = ref Unsafe.Add(ref source, (nint)top * width + left);
                    for (int c = 0; c < TShape.InChannels; c++)
                    {
                        ref T row = ref Unsafe.Add(ref window, (nint)c * height * width);
                        for (int i = 0; i < k; i++)
                        {
                            Unsafe.CopyBlockUnaligned(ref Unsafe.As<T, byte>(ref destination), ref Unsafe.As<T, byte>(ref row), (uint)(k * Unsafe.SizeOf<T>()));
                            destination = ref Unsafe.Add(ref destination, k);
                            row = ref Unsafe.Add(ref row, width);
                        }
                    }

                    continue;
                }

                for (int c = 0; c < TShape.InChannels; c++)
                {
                    for (int i = 0; i < k; i++)
                    {
                        int sourceRow = top + i;
                        if ((uint)sourceRow >= (uint)height)
                        {
                            MemoryMarshal.CreateSpan(ref destination, k).Clear();
                        }
                        else
                        {
                            ref T line = ref Unsafe.Add(ref source, (nint)(c * height + sourceRow) * width);
                            for (int j = 0; j < k; j++)
                            {
                                int column = left + j;
                                Unsafe.Add(ref destination, j) = (uint)column < (uint)width ? Unsafe.Add(ref line, column) : T.Zero;
                            }
                        }

                        destination = ref Unsafe.Add(ref destination, k);
                    }
                }
            }
        }
    }

    /// <summary>The reverse of <see cref="Gather"/>: each patch value added back where it came from (the padding's dropped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Scatter<TShape, T>(ReadOnlySpan<T> patches, Span<T> image)
        where TShape : struct, IConv2DShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        image.Clear();
        if (TShape.Stride == 1 && TShape.Padding == 0)
        {
            ScatterInside<TShape, T>(ref MemoryMarshal.GetReference(patches), ref MemoryMarshal.GetReference(image));
            return;
        }

        int k = 0;
        for (int c = 0; c < TShape.InChannels; c++)
        {
            Span<T> plane = image.Slice(c * TShape.InHeight * TShape.InWidth, TShape.InHeight * TShape.InWidth);
            for (int i = 0; i < TShape.Kernel; i++)
            {
                for (int j = 0; j < TShape.Kernel; j++, k++)
                {
                    ReadOnlySpan<T> row = patches.Slice(k * Conv2DKernels.Positions<TShape>(), Conv2DKernels.Positions<TShape>());
                    (int first, int end) = InsideColumns<TShape>(j);
                    if (first >= end)
                        continue;
                    for (int y = 0; y < TShape.OutHeight; y++)
                    {
                        int targetRow = y * TShape.Stride + i - TShape.Padding;
                        if ((uint)targetRow >= (uint)TShape.InHeight)
                            continue;
                        ReadOnlySpan<T> values = row.Slice(y * TShape.OutWidth + first, end - first);
                        Span<T> targetLine = plane.Slice(targetRow * TShape.InWidth, TShape.InWidth);
                        int targetColumn = first * TShape.Stride + j - TShape.Padding;
                        if (TShape.Stride == 1)
                        {
                            AddRow(ref targetLine[targetColumn], ref MemoryMarshal.GetReference(values), values.Length);
                        }
                        else
                        {
                            for (int x = 0; x < values.Length; x++, targetColumn += TShape.Stride)
                                targetLine[targetColumn] += values[x];
                        }
                    }
                }
            }
        }
    }

    /// <summary><see cref="Scatter"/> for stride 1 and no padding: each patch row of one output row added to OutWidth input values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScatterInside<TShape, T>(ref T patches, ref T image)
        where TShape : struct, IConv2DShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T values = ref patches;
        for (int c = 0; c < TShape.InChannels; c++)
        {
            for (int i = 0; i < TShape.Kernel; i++)
            {
                for (int j = 0; j < TShape.Kernel; j++)
                {
                    ref T target = ref Unsafe.Add(ref image, (nint)(c * TShape.InHeight + i) * TShape.InWidth + j);
                    for (int y = 0; y < TShape.OutHeight; y++)
                    {
                        AddRow(ref target, ref values, TShape.OutWidth);
                        values = ref Unsafe.Add(ref values, TShape.OutWidth);
                        target = ref Unsafe.Add(ref target, TShape.InWidth);
                    }
                }
            }
        }
    }

    /// <summary>destination[x] += values[x] for x below <paramref name="length"/>, in vectors where they fit (the length is usually a JIT constant).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow<T>(ref T destination, ref T values, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int x = 0;
        if (Simd.IsAllowed)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                for (; x <= length - Vector512<T>.Count; x += Vector512<T>.Count)
                    (Vector512.LoadUnsafe(ref destination, (nuint)x) + Vector512.LoadUnsafe(ref values, (nuint)x)).StoreUnsafe(ref destination, (nuint)x);
            }

            if (Vector256.IsHardwareAccelerated)
            {
                for (; x <= length - Vector256<T>.Count; x += Vector256<T>.Count)
                    (Vector256.LoadUnsafe(ref destination, (nuint)x) + Vector256.LoadUnsafe(ref values, (nuint)x)).StoreUnsafe(ref destination, (nuint)x);
            }

            if (Vector128.IsHardwareAccelerated)
            {
                for (; x <= length - Vector128<T>.Count; x += Vector128<T>.Count)
                    (Vector128.LoadUnsafe(ref destination, (nuint)x) + Vector128.LoadUnsafe(ref values, (nuint)x)).StoreUnsafe(ref destination, (nuint)x);
            }
        }

        for (; x < length; x++)
            Unsafe.Add(ref destination, x) += Unsafe.Add(ref values, x);
    }

    /// <summary>The output columns [first, end) whose kernel column <paramref name="j"/> falls inside the input, not in the padding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (int First, int End) InsideColumns<TShape>(int j)
        where TShape : struct, IConv2DShape
    {
        // Input column x*s + j - pad must be in [0, InWidth): x >= (pad - j) / s rounded up, x < (InWidth + pad - j) / s rounded up.
        int offset = TShape.Padding - j;
        int first = offset <= 0 ? 0 : (offset + TShape.Stride - 1) / TShape.Stride;
        int limit = TShape.InWidth + offset;
        int end = limit <= 0 ? 0 : Math.Min(TShape.OutWidth, (limit + TShape.Stride - 1) / TShape.Stride);
        return (first, Math.Max(first, end));
    }
}
