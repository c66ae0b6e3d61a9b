using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        ref T source = ref MemoryMarshal.GetReference(input);
        ref T o = ref MemoryMarshal.GetReference(output);
        for (int c = 0; c < TShape.Channels; c++)
        {
            ref T plane = ref Unsafe.Add(ref source, (nint)c * TShape.InHeight * TShape.InWidth);
            for (int y = 0; y < TShape.OutHeight; y++)
            {
                int x = 0;
                if (typeof(T) == typeof(float) && TShape.Size == 2 && TShape.Stride == 2 && Simd.IsAllowed && Vector256.IsHardwareAccelerated)
                {
                    // The usual 2 x 2 windows of a float image, eight or four outputs at a time (the same maxima).
                    ref float top = ref Unsafe.As<T, float>(ref Unsafe.Add(ref plane, (nint)y * 2 * TShape.InWidth));
                    ref float bottom = ref Unsafe.Add(ref top, TShape.InWidth);
                    ref float destination = ref Unsafe.As<T, float>(ref o);
                    for (; x <= TShape.OutWidth - 8; x += 8)
                    {
                        Vector128<float> left = PairMaxima(ref Unsafe.Add(ref top, 2 * x), ref Unsafe.Add(ref bottom, 2 * x));
                        Vector128<float> right = PairMaxima(ref Unsafe.Add(ref top, 2 * x + 8), ref Unsafe.Add(ref bottom, 2 * x + 8));
                        Vector256.Create(left, right).StoreUnsafe(ref destination, (nuint)x);
                    }

                    for (; x <= TShape.OutWidth - 4; x += 4)
                        PairMaxima(ref Unsafe.Add(ref top, 2 * x), ref Unsafe.Add(ref bottom, 2 * x)).StoreUnsafe(ref destination, (nuint)x);
                    o = ref Unsafe.Add(ref o, x);
                }

                for (; x < TShape.OutWidth; x++)
                {
                    // T.Max, not a comparison: no branch to mispredict on the data, and a NaN propagates as in PyTorch.
                    ref T window = ref Unsafe.Add(ref plane, (nint)y * TShape.Stride * TShape.InWidth + x * TShape.Stride);
                    T max = window;
                    for (int i = 0; i < TShape.Size; i++)
                    {
                        ref T row = ref Unsafe.Add(ref window, (nint)i * TShape.InWidth);
                        for (int j = 0; j < TShape.Size; j++)
                            max = T.Max(max, Unsafe.Add(ref row, j));
                    }

                    o = max;
                    o = ref Unsafe.Add(ref o, 1);
                }
            }
        }
    }

    /// <summary>
    /// The maxima of four 2 x 2 windows side by side: eight columns of two rows, the rows' maxima (Vector256.Max, NaN
    /// propagating as T.Max does), then each column pair's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> PairMaxima(ref float top, ref float bottom)
    {
        Vector256<float> columns = Vector256.Max(Vector256.LoadUnsafe(ref top), Vector256.LoadUnsafe(ref bottom));
        Vector256<float> pairs = Vector256.Max(columns, Vector256.Shuffle(columns, Vector256.Create(1, 0, 3, 2, 5, 4, 7, 6)));
        return Vector256.Shuffle(pairs, Vector256.Create(0, 2, 4, 6, 0, 2, 4, 6)).GetLower();
    }

    /// <summary>
    /// dL/d(input): each output's delta goes to the input that was its window's maximum, <paramref name="output"/> as
    /// <see cref="MaxForward"/> wrote it (the first in row order on a tie, as PyTorch picks); every other input gets 0.
    /// Overwrites <paramref name="inputDeltas"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MaxBackward<TShape, T>(ReadOnlySpan<T> input, ReadOnlySpan<T> output, ReadOnlySpan<T> deltas, Span<T> inputDeltas)
        where TShape : struct, IPool2DShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check<TShape>(input.Length, output.Length);
        Check<TShape>(inputDeltas.Length, deltas.Length);
        ref T source = ref MemoryMarshal.GetReference(input);
        ref T max = ref MemoryMarshal.GetReference(output);
        ref T d = ref MemoryMarshal.GetReference(deltas);
        ref T target = ref MemoryMarshal.GetReference(inputDeltas);
        if (typeof(T) == typeof(float) && TShape.Size == 2 && TShape.Stride == 2 && TShape.InHeight == 2 * TShape.OutHeight
            && TShape.InWidth == 2 * TShape.OutWidth && Simd.IsAllowed && Vector256.IsHardwareAccelerated)
        {
            WriteTiled2x2Deltas<TShape>(ref Unsafe.As<T, float>(ref source), ref Unsafe.As<T, float>(ref max),
                ref Unsafe.As<T, float>(ref d), ref Unsafe.As<T, float>(ref target));
            return;
        }

        inputDeltas.Clear();
        for (int c = 0; c < TShape.Channels; c++)
        {
            nint plane = (nint)c * TShape.InHeight * TShape.InWidth;
            for (int y = 0; y < TShape.OutHeight; y++)
            {
                for (int x = 0; x < TShape.OutWidth; x++)
                {
                    nint window = plane + (nint)y * TShape.Stride * TShape.InWidth + x * TShape.Stride;
                    Unsafe.Add(ref target, window + FirstMaximum<TShape, T>(ref Unsafe.Add(ref source, window), max)) += d;
                    max = ref Unsafe.Add(ref max, 1);
                    d = ref Unsafe.Add(ref d, 1);
                }
            }
        }
    }

    /// <summary>
    /// <see cref="MaxBackward"/> for the usual 2 x 2 windows that tile a float image exactly: every input is written once,
    /// four windows at a time, with its window's delta where it is the first maximum in row order and +0 elsewhere (a
    /// window with no maximum, NaN, routes to its first input, as one at a time), so no clearing pass is needed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteTiled2x2Deltas<TShape>(ref float source, ref float max, ref float d, ref float target)
        where TShape : struct, IPool2DShape
    {
        Vector256<int> duplicate = Vector256.Create(0, 0, 1, 1, 2, 2, 3, 3);
        Vector256<int> partner = Vector256.Create(1, 0, 3, 2, 5, 4, 7, 6);
        Vector256<float> left = Vector256.Create(-1, 0, -1, 0, -1, 0, -1, 0).AsSingle(); // the first column of each window
        for (int c = 0; c < TShape.Channels; c++)
        {
            for (int y = 0; y < TShape.OutHeight; y++)
            {
                nint top = ((nint)c * TShape.InHeight + 2 * y) * TShape.InWidth, bottom = top + TShape.InWidth;
                nint outputs = ((nint)c * TShape.OutHeight + y) * TShape.OutWidth;
                int x = 0;
                for (; x <= TShape.OutWidth - 4; x += 4)
                {
                    Vector256<float> m = Vector256.Shuffle(Vector256.Create(Vector128.LoadUnsafe(ref max, (nuint)(outputs + x)), default), duplicate);
                    Vector256<float> delta = Vector256.Shuffle(Vector256.Create(Vector128.LoadUnsafe(ref d, (nuint)(outputs + x)), default), duplicate);
                    Vector256<float> upper = Vector256.Equals(Vector256.LoadUnsafe(ref source, (nuint)(top + 2 * x)), m);
                    Vector256<float> lower = Vector256.Equals(Vector256.LoadUnsafe(ref source, (nuint)(bottom + 2 * x)), m);
                    Vector256<float> upperPartner = Vector256.Shuffle(upper, partner), lowerPartner = Vector256.Shuffle(lower, partner);
                    Vector256<float> upperAny = upper | upperPartner, lowerAny = lower | lowerPartner;
                    // Row order: the upper row's left, its right, the lower row's left, its right; none (NaN): upper left.
                    Vector256<float> takeUpper = (upper & (left | ~upperPartner)) | (left & ~(upperAny | lowerAny));
                    Vector256<float> takeLower = lower & ~upperAny & (left | ~lowerPartner);
                    Vector256.ConditionalSelect(takeUpper, delta, Vector256<float>.Zero).StoreUnsafe(ref target, (nuint)(top + 2 * x));
                    Vector256.ConditionalSelect(takeLower, delta, Vector256<float>.Zero).StoreUnsafe(ref target, (nuint)(bottom + 2 * x));
                }

                for (; x < TShape.OutWidth; x++)
                {
                    nint window = top + 2 * x;
                    Unsafe.Add(ref target, window) = 0f;
                    Unsafe.Add(ref target, window + 1) = 0f;
                    Unsafe.Add(ref target, window + TShape.InWidth) = 0f;
                    Unsafe.Add(ref target, window + TShape.InWidth + 1) = 0f;
                    Unsafe.Add(ref target, window + FirstMaximum<TShape, float>(ref Unsafe.Add(ref source, window), Unsafe.Add(ref max, outputs + x)))
                        = Unsafe.Add(ref d, outputs + x);
                }
            }
        }
    }

    /// <summary>
    /// Where in the window starting at <paramref name="window"/> its first value equal to <paramref name="max"/> is, as an
    /// offset from it (a NaN window routes to its first element). Found without a branch on the data: the window is
    /// scanned backwards keeping the last position that holds the maximum, which is the first in row order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint FirstMaximum<TShape, T>(ref T window, T max)
        where TShape : struct, IPool2DShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint best = 0;
        for (int i = TShape.Size - 1; i >= 0; i--)
        {
            for (int j = TShape.Size - 1; j >= 0; j--)
            {
                nint at = (nint)i * TShape.InWidth + j;
                nint keep = -(nint)Unsafe.BitCast<bool, byte>(Unsafe.Add(ref window, at) < max); // all ones where smaller
                best = at + ((best - at) & keep);
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
        ShapeChecks.Pool<TShape>();
        int inputs = TShape.Channels * TShape.InHeight * TShape.InWidth;
        int outputs = TShape.Channels * TShape.OutHeight * TShape.OutWidth;
        if (inputLength != inputs || outputLength != outputs)
            ThrowLengths(inputs, outputs, inputLength, outputLength);
    }

    private static void ThrowLengths(int inputs, int outputs, int inputLength, int outputLength)
        => throw new ArgumentException($"The pooling reads {inputs} values and writes {outputs}, but got {inputLength} and {outputLength}.");
}
