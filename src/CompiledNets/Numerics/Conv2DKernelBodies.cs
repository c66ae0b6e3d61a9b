using System.Numerics;
using System.Runtime.CompilerServices;

namespace CompiledNets.Numerics;

/// <summary>
/// The matrix products of <see cref="Conv2DKernels"/>, written once over the vector width and vectorized along the
/// output positions (the long, contiguous dimension of an image), with a block of four rows kept in registers so that
/// each vector loaded serves four rows.
/// </summary>
internal static class Conv2DKernelBodies<TWidth, TVector, T>
    where TWidth : struct, IVectorWidth<TVector, T>
    where TVector : struct
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Rows per register block.</summary>
    private const int Rows = 4;

    /// <summary>
    /// output[r, p] = init[r] + sum_s A(r, s) * b[s, p] for r below <paramref name="rows"/> and p below
    /// <paramref name="columns"/>, where A(r, s) = a[r * aRow + s * aColumn] (so A can be W or W transposed); no init
    /// where <paramref name="hasInit"/> is false. Overwrites <paramref name="output"/>, or with
    /// <paramref name="accumulate"/> adds to it (the sums start from its values instead of init).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Product(ref T a, nint aRow, nint aColumn, ref T b, ref T init, bool hasInit, ref T output, int rows, int inner, int columns,
        bool accumulate = false) =>
        Product(ref a, aRow, aColumn, ref b, ref init, hasInit, ref output, rows, inner, columns, accumulate, Conv2DRegisterBlocks.ForThisProcessor);

    /// <summary>
    /// <see cref="Product(ref T, nint, nint, ref T, ref T, bool, ref T, int, int, int, bool)"/> with the register blocks
    /// chosen by the caller, so that tests reach every block on any machine.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Product(ref T a, nint aRow, nint aColumn, ref T b, ref T init, bool hasInit, ref T output, int rows, int inner, int columns,
        bool accumulate, Conv2DRegisterBlock block)
    {
        int vectorEnd = columns - columns % TWidth.Count;
        int fourEnd = block == Conv2DRegisterBlock.FourByFour ? columns - columns % (4 * TWidth.Count) : 0;
        int threeEnd = block == Conv2DRegisterBlock.FourByThree ? columns - columns % (3 * TWidth.Count) : 0;
        int r = 0;
        for (; r <= rows - Rows; r += Rows)
        {
            ref T a0 = ref Unsafe.Add(ref a, r * aRow);
            ref T a1 = ref Unsafe.Add(ref a0, aRow);
            ref T a2 = ref Unsafe.Add(ref a1, aRow);
            ref T a3 = ref Unsafe.Add(ref a2, aRow);
            T i0 = hasInit ? Unsafe.Add(ref init, r) : T.Zero, i1 = hasInit ? Unsafe.Add(ref init, r + 1) : T.Zero;
            T i2 = hasInit ? Unsafe.Add(ref init, r + 2) : T.Zero, i3 = hasInit ? Unsafe.Add(ref init, r + 3) : T.Zero;
            ref T o0 = ref Unsafe.Add(ref output, (nint)r * columns);
            ref T o1 = ref Unsafe.Add(ref o0, columns);
            ref T o2 = ref Unsafe.Add(ref o1, columns);
            ref T o3 = ref Unsafe.Add(ref o2, columns);
            int p = 0;
            // Four rows by four vectors of positions: sixteen sums in registers, eight loads per sixteen multiply-adds.
            for (; p < fourEnd; p += 4 * TWidth.Count)
            {
                TVector s00 = TWidth.Broadcast(i0), s01 = s00, s02 = s00, s03 = s00;
                TVector s10 = TWidth.Broadcast(i1), s11 = s10, s12 = s10, s13 = s10;
                TVector s20 = TWidth.Broadcast(i2), s21 = s20, s22 = s20, s23 = s20;
                TVector s30 = TWidth.Broadcast(i3), s31 = s30, s32 = s30, s33 = s30;
                if (accumulate)
                {
                    LoadFour(ref o0, p, out s00, out s01, out s02, out s03);
                    LoadFour(ref o1, p, out s10, out s11, out s12, out s13);
                    LoadFour(ref o2, p, out s20, out s21, out s22, out s23);
                    LoadFour(ref o3, p, out s30, out s31, out s32, out s33);
                }

                for (int s = 0; s < inner; s++)
                {
                    ref T row = ref Unsafe.Add(ref b, (nint)s * columns + p);
                    TVector b0 = TWidth.Load(ref row, 0), b1 = TWidth.Load(ref row, (nuint)TWidth.Count);
                    TVector b2 = TWidth.Load(ref row, (nuint)(2 * TWidth.Count)), b3 = TWidth.Load(ref row, (nuint)(3 * TWidth.Count));
                    nint at = s * aColumn;
                    TVector w = TWidth.Broadcast(Unsafe.Add(ref a0, at));
                    s00 = TWidth.MultiplyAdd(w, b0, s00); s01 = TWidth.MultiplyAdd(w, b1, s01); s02 = TWidth.MultiplyAdd(w, b2, s02); s03 = TWidth.MultiplyAdd(w, b3, s03);
                    w = TWidth.Broadcast(Unsafe.Add(ref a1, at));
                    s10 = TWidth.MultiplyAdd(w, b0, s10); s11 = TWidth.MultiplyAdd(w, b1, s11); s12 = TWidth.MultiplyAdd(w, b2, s12); s13 = TWidth.MultiplyAdd(w, b3, s13);
                    w = TWidth.Broadcast(Unsafe.Add(ref a2, at));
                    s20 = TWidth.MultiplyAdd(w, b0, s20); s21 = TWidth.MultiplyAdd(w, b1, s21); s22 = TWidth.MultiplyAdd(w, b2, s22); s23 = TWidth.MultiplyAdd(w, b3, s23);
                    w = TWidth.Broadcast(Unsafe.Add(ref a3, at));
                    s30 = TWidth.MultiplyAdd(w, b0, s30); s31 = TWidth.MultiplyAdd(w, b1, s31); s32 = TWidth.MultiplyAdd(w, b2, s32); s33 = TWidth.MultiplyAdd(w, b3, s33);
                }

                StoreFour(ref o0, p, s00, s01, s02, s03);
                StoreFour(ref o1, p, s10, s11, s12, s13);
                StoreFour(ref o2, p, s20, s21, s22, s23);
                StoreFour(ref o3, p, s30, s31, s32, s33);
            }

            // Four rows by three vectors: twelve sums, three loaded vectors and one broadcast fill 16 registers.
            for (; p < threeEnd; p += 3 * TWidth.Count)
            {
                TVector s00 = TWidth.Broadcast(i0), s01 = s00, s02 = s00, s10 = TWidth.Broadcast(i1), s11 = s10, s12 = s10;
                TVector s20 = TWidth.Broadcast(i2), s21 = s20, s22 = s20, s30 = TWidth.Broadcast(i3), s31 = s30, s32 = s30;
                if (accumulate)
                {
                    LoadThree(ref o0, p, out s00, out s01, out s02);
                    LoadThree(ref o1, p, out s10, out s11, out s12);
                    LoadThree(ref o2, p, out s20, out s21, out s22);
                    LoadThree(ref o3, p, out s30, out s31, out s32);
                }

                for (int s = 0; s < inner; s++)
                {
                    ref T row = ref Unsafe.Add(ref b, (nint)s * columns + p);
                    TVector b0 = TWidth.Load(ref row, 0), b1 = TWidth.Load(ref row, (nuint)TWidth.Count), b2 = TWidth.Load(ref row, (nuint)(2 * TWidth.Count));
                    nint at = s * aColumn;
                    TVector w = TWidth.Broadcast(Unsafe.Add(ref a0, at));
                    s00 = TWidth.MultiplyAdd(w, b0, s00); s01 = TWidth.MultiplyAdd(w, b1, s01); s02 = TWidth.MultiplyAdd(w, b2, s02);
                    w = TWidth.Broadcast(Unsafe.Add(ref a1, at));
                    s10 = TWidth.MultiplyAdd(w, b0, s10); s11 = TWidth.MultiplyAdd(w, b1, s11); s12 = TWidth.MultiplyAdd(w, b2, s12);
                    w = TWidth.Broadcast(Unsafe.Add(ref a2, at));
                    s20 = TWidth.MultiplyAdd(w, b0, s20); s21 = TWidth.MultiplyAdd(w, b1, s21); s22 = TWidth.MultiplyAdd(w, b2, s22);
                    w = TWidth.Broadcast(Unsafe.Add(ref a3, at));
                    s30 = TWidth.MultiplyAdd(w, b0, s30); s31 = TWidth.MultiplyAdd(w, b1, s31); s32 = TWidth.MultiplyAdd(w, b2, s32);
                }

                StoreThree(ref o0, p, s00, s01, s02);
                StoreThree(ref o1, p, s10, s11, s12);
                StoreThree(ref o2, p, s20, s21, s22);
                StoreThree(ref o3, p, s30, s31, s32);
            }

            // Four rows by two vectors.
            for (; p <= vectorEnd - 2 * TWidth.Count; p += 2 * TWidth.Count)
            {
                TVector s00 = TWidth.Broadcast(i0), s01 = s00, s10 = TWidth.Broadcast(i1), s11 = s10;
                TVector s20 = TWidth.Broadcast(i2), s21 = s20, s30 = TWidth.Broadcast(i3), s31 = s30;
                if (accumulate)
                {
                    s00 = TWidth.Load(ref o0, (nuint)p); s01 = TWidth.Load(ref o0, (nuint)(p + TWidth.Count));
                    s10 = TWidth.Load(ref o1, (nuint)p); s11 = TWidth.Load(ref o1, (nuint)(p + TWidth.Count));
                    s20 = TWidth.Load(ref o2, (nuint)p); s21 = TWidth.Load(ref o2, (nuint)(p + TWidth.Count));
                    s30 = TWidth.Load(ref o3, (nuint)p); s31 = TWidth.Load(ref o3, (nuint)(p + TWidth.Count));
                }

                for (int s = 0; s < inner; s++)
                {
                    ref T row = ref Unsafe.Add(ref b, (nint)s * columns + p);
                    TVector b0 = TWidth.Load(ref row, 0), b1 = TWidth.Load(ref row, (nuint)TWidth.Count);
                    nint at = s * aColumn;
                    TVector w = TWidth.Broadcast(Unsafe.Add(ref a0, at));
                    s00 = TWidth.MultiplyAdd(w, b0, s00); s01 = TWidth.MultiplyAdd(w, b1, s01);
                    w = TWidth.Broadcast(Unsafe.Add(ref a1, at));
                    s10 = TWidth.MultiplyAdd(w, b0, s10); s11 = TWidth.MultiplyAdd(w, b1, s11);
                    w = TWidth.Broadcast(Unsafe.Add(ref a2, at));
                    s20 = TWidth.MultiplyAdd(w, b0, s20); s21 = TWidth.MultiplyAdd(w, b1, s21);
                    w = TWidth.Broadcast(Unsafe.Add(ref a3, at));
                    s30 = TWidth.MultiplyAdd(w, b0, s30); s31 = TWidth.MultiplyAdd(w, b1, s31);
                }

                TWidth.Store(s00, ref o0, (nuint)p); TWidth.Store(s01, ref o0, (nuint)(p + TWidth.Count));
                TWidth.Store(s10, ref o1, (nuint)p); TWidth.Store(s11, ref o1, (nuint)(p + TWidth.Count));
                TWidth.Store(s20, ref o2, (nuint)p); TWidth.Store(s21, ref o2, (nuint)(p + TWidth.Count));
                TWidth.Store(s30, ref o3, (nuint)p); TWidth.Store(s31, ref o3, (nuint)(p + TWidth.Count));
            }

            // Four rows by one vector.
            for (; p < vectorEnd; p += TWidth.Count)
            {
                TVector s0 = TWidth.Broadcast(i0), s1 = TWidth.Broadcast(i1), s2 = TWidth.Broadcast(i2), s3 = TWidth.Broadcast(i3);
                if (accumulate)
                {
                    s0 = TWidth.Load(ref o0, (nuint)p); s1 = TWidth.Load(ref o1, (nuint)p);
                    s2 = TWidth.Load(ref o2, (nuint)p); s3 = TWidth.Load(ref o3, (nuint)p);
                }

                for (int s = 0; s < inner; s++)
                {
                    TVector v = TWidth.Load(ref b, (nuint)((nint)s * columns + p));
                    nint at = s * aColumn;
                    s0 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref a0, at)), v, s0);
                    s1 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref a1, at)), v, s1);
                    s2 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref a2, at)), v, s2);
                    s3 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref a3, at)), v, s3);
                }

                TWidth.Store(s0, ref o0, (nuint)p);
                TWidth.Store(s1, ref o1, (nuint)p);
                TWidth.Store(s2, ref o2, (nuint)p);
                TWidth.Store(s3, ref o3, (nuint)p);
            }

            for (int n = 0; n < Rows; n++)
                ScalarTail(ref Unsafe.Add(ref a0, n * aRow), aColumn, ref b, n == 0 ? i0 : n == 1 ? i1 : n == 2 ? i2 : i3,
                    ref Unsafe.Add(ref o0, (nint)n * columns), inner, columns, vectorEnd, accumulate);
        }

        // The rows left over, one at a time.
        for (; r < rows; r++)
        {
            ref T ar = ref Unsafe.Add(ref a, r * aRow);
            T start = hasInit ? Unsafe.Add(ref init, r) : T.Zero;
            ref T o = ref Unsafe.Add(ref output, (nint)r * columns);
            for (int p = 0; p < vectorEnd; p += TWidth.Count)
            {
                TVector sum = accumulate ? TWidth.Load(ref o, (nuint)p) : TWidth.Broadcast(start);
                for (int s = 0; s < inner; s++)
                    sum = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref ar, s * aColumn)), TWidth.Load(ref b, (nuint)((nint)s * columns + p)), sum);
                TWidth.Store(sum, ref o, (nuint)p);
            }

            ScalarTail(ref ar, aColumn, ref b, start, ref o, inner, columns, vectorEnd, accumulate);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadFour(ref T row, int p, out TVector v0, out TVector v1, out TVector v2, out TVector v3)
    {
        v0 = TWidth.Load(ref row, (nuint)p);
        v1 = TWidth.Load(ref row, (nuint)(p + TWidth.Count));
        v2 = TWidth.Load(ref row, (nuint)(p + 2 * TWidth.Count));
        v3 = TWidth.Load(ref row, (nuint)(p + 3 * TWidth.Count));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadThree(ref T row, int p, out TVector v0, out TVector v1, out TVector v2)
    {
        v0 = TWidth.Load(ref row, (nuint)p);
        v1 = TWidth.Load(ref row, (nuint)(p + TWidth.Count));
        v2 = TWidth.Load(ref row, (nuint)(p + 2 * TWidth.Count));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreThree(ref T row, int p, TVector v0, TVector v1, TVector v2)
    {
        TWidth.Store(v0, ref row, (nuint)p);
        TWidth.Store(v1, ref row, (nuint)(p + TWidth.Count));
        TWidth.Store(v2, ref row, (nuint)(p + 2 * TWidth.Count));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreFour(ref T row, int p, TVector v0, TVector v1, TVector v2, TVector v3)
    {
        TWidth.Store(v0, ref row, (nuint)p);
        TWidth.Store(v1, ref row, (nuint)(p + TWidth.Count));
        TWidth.Store(v2, ref row, (nuint)(p + 2 * TWidth.Count));
        TWidth.Store(v3, ref row, (nuint)(p + 3 * TWidth.Count));
    }

    /// <summary>One output row from column <paramref name="from"/> on, one value at a time, summed in the same order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScalarTail(ref T aRowStart, nint aColumn, ref T b, T start, ref T output, int inner, int columns, int from, bool accumulate)
    {
        for (int p = from; p < columns; p++)
        {
            T sum = accumulate ? Unsafe.Add(ref output, p) : start;
            for (int s = 0; s < inner; s++)
                sum = T.MultiplyAddEstimate(Unsafe.Add(ref aRowStart, s * aColumn), Unsafe.Add(ref b, (nint)s * columns + p), sum);
            Unsafe.Add(ref output, p) = sum;
        }
    }

    /// <summary>
    /// gradient[f, k] += sum_p deltas[f, p] * patches[k, p]: dot products along the positions, four filters by four
    /// patch values at a time (sixteen sums in registers, eight loads per sixteen multiply-adds), or the smaller
    /// block of <see cref="Conv2DRegisterBlocks.ForThisProcessor"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddDeltasTimesPatches(ref T deltas, ref T patches, ref T gradient, int filters, int patchSize, int positions) =>
        AddDeltasTimesPatches(ref deltas, ref patches, ref gradient, filters, patchSize, positions, Conv2DRegisterBlocks.ForThisProcessor);

    /// <summary>
    /// <see cref="AddDeltasTimesPatches(ref T, ref T, ref T, int, int, int)"/> with the register blocks chosen by the
    /// caller, so that tests reach every block on any machine.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AddDeltasTimesPatches(ref T deltas, ref T patches, ref T gradient, int filters, int patchSize, int positions,
        Conv2DRegisterBlock block)
    {
        int vectorEnd = positions - positions % TWidth.Count;
        int f = 0;
        for (; f <= filters - Rows; f += Rows)
        {
            ref T d0 = ref Unsafe.Add(ref deltas, (nint)f * positions);
            ref T d1 = ref Unsafe.Add(ref d0, positions);
            ref T d2 = ref Unsafe.Add(ref d1, positions);
            ref T d3 = ref Unsafe.Add(ref d2, positions);
            int k = 0;
            for (; block == Conv2DRegisterBlock.FourByFour && k <= patchSize - Rows; k += Rows)
            {
                ref T p0 = ref Unsafe.Add(ref patches, (nint)k * positions);
                ref T p1 = ref Unsafe.Add(ref p0, positions);
                ref T p2 = ref Unsafe.Add(ref p1, positions);
                ref T p3 = ref Unsafe.Add(ref p2, positions);
                TVector s00 = TWidth.Zero, s01 = TWidth.Zero, s02 = TWidth.Zero, s03 = TWidth.Zero;
                TVector s10 = TWidth.Zero, s11 = TWidth.Zero, s12 = TWidth.Zero, s13 = TWidth.Zero;
                TVector s20 = TWidth.Zero, s21 = TWidth.Zero, s22 = TWidth.Zero, s23 = TWidth.Zero;
                TVector s30 = TWidth.Zero, s31 = TWidth.Zero, s32 = TWidth.Zero, s33 = TWidth.Zero;
                for (int p = 0; p < vectorEnd; p += TWidth.Count)
                {
                    nuint at = (nuint)p;
                    TVector q0 = TWidth.Load(ref p0, at), q1 = TWidth.Load(ref p1, at), q2 = TWidth.Load(ref p2, at), q3 = TWidth.Load(ref p3, at);
                    TVector d = TWidth.Load(ref d0, at);
                    s00 = TWidth.MultiplyAdd(d, q0, s00); s01 = TWidth.MultiplyAdd(d, q1, s01); s02 = TWidth.MultiplyAdd(d, q2, s02); s03 = TWidth.MultiplyAdd(d, q3, s03);
                    d = TWidth.Load(ref d1, at);
                    s10 = TWidth.MultiplyAdd(d, q0, s10); s11 = TWidth.MultiplyAdd(d, q1, s11); s12 = TWidth.MultiplyAdd(d, q2, s12); s13 = TWidth.MultiplyAdd(d, q3, s13);
                    d = TWidth.Load(ref d2, at);
                    s20 = TWidth.MultiplyAdd(d, q0, s20); s21 = TWidth.MultiplyAdd(d, q1, s21); s22 = TWidth.MultiplyAdd(d, q2, s22); s23 = TWidth.MultiplyAdd(d, q3, s23);
                    d = TWidth.Load(ref d3, at);
                    s30 = TWidth.MultiplyAdd(d, q0, s30); s31 = TWidth.MultiplyAdd(d, q1, s31); s32 = TWidth.MultiplyAdd(d, q2, s32); s33 = TWidth.MultiplyAdd(d, q3, s33);
                }

                ref T g = ref Unsafe.Add(ref gradient, (nint)f * patchSize + k);
                AddDot(ref g, s00, ref d0, ref p0, vectorEnd, positions); AddDot(ref Unsafe.Add(ref g, 1), s01, ref d0, ref p1, vectorEnd, positions);
                AddDot(ref Unsafe.Add(ref g, 2), s02, ref d0, ref p2, vectorEnd, positions); AddDot(ref Unsafe.Add(ref g, 3), s03, ref d0, ref p3, vectorEnd, positions);
                g = ref Unsafe.Add(ref g, patchSize);
                AddDot(ref g, s10, ref d1, ref p0, vectorEnd, positions); AddDot(ref Unsafe.Add(ref g, 1), s11, ref d1, ref p1, vectorEnd, positions);
                AddDot(ref Unsafe.Add(ref g, 2), s12, ref d1, ref p2, vectorEnd, positions); AddDot(ref Unsafe.Add(ref g, 3), s13, ref d1, ref p3, vectorEnd, positions);
                g = ref Unsafe.Add(ref g, patchSize);
                AddDot(ref g, s20, ref d2, ref p0, vectorEnd, positions); AddDot(ref Unsafe.Add(ref g, 1), s21, ref d2, ref p1, vectorEnd, positions);
                AddDot(ref Unsafe.Add(ref g, 2), s22, ref d2, ref p2, vectorEnd, positions); AddDot(ref Unsafe.Add(ref g, 3), s23, ref d2, ref p3, vectorEnd, positions);
                g = ref Unsafe.Add(ref g, patchSize);
                AddDot(ref g, s30, ref d3, ref p0, vectorEnd, positions); AddDot(ref Unsafe.Add(ref g, 1), s31, ref d3, ref p1, vectorEnd, positions);
                AddDot(ref Unsafe.Add(ref g, 2), s32, ref d3, ref p2, vectorEnd, positions); AddDot(ref Unsafe.Add(ref g, 3), s33, ref d3, ref p3, vectorEnd, positions);
            }

            // Four filters by three patch values (twelve sums, three loaded patch vectors and one delta vector): the block
            // for 16 registers with fused multiply-add.
            for (; block == Conv2DRegisterBlock.FourByThree && k <= patchSize - 3; k += 3)
            {
                ref T p0 = ref Unsafe.Add(ref patches, (nint)k * positions);
                ref T p1 = ref Unsafe.Add(ref p0, positions);
                ref T p2 = ref Unsafe.Add(ref p1, positions);
                TVector s00 = TWidth.Zero, s01 = TWidth.Zero, s02 = TWidth.Zero, s10 = TWidth.Zero, s11 = TWidth.Zero, s12 = TWidth.Zero;
                TVector s20 = TWidth.Zero, s21 = TWidth.Zero, s22 = TWidth.Zero, s30 = TWidth.Zero, s31 = TWidth.Zero, s32 = TWidth.Zero;
                for (int p = 0; p < vectorEnd; p += TWidth.Count)
                {
                    nuint at = (nuint)p;
                    TVector q0 = TWidth.Load(ref p0, at), q1 = TWidth.Load(ref p1, at), q2 = TWidth.Load(ref p2, at);
                    TVector d = TWidth.Load(ref d0, at);
                    s00 = TWidth.MultiplyAdd(d, q0, s00); s01 = TWidth.MultiplyAdd(d, q1, s01); s02 = TWidth.MultiplyAdd(d, q2, s02);
                    d = TWidth.Load(ref d1, at);
                    s10 = TWidth.MultiplyAdd(d, q0, s10); s11 = TWidth.MultiplyAdd(d, q1, s11); s12 = TWidth.MultiplyAdd(d, q2, s12);
                    d = TWidth.Load(ref d2, at);
                    s20 = TWidth.MultiplyAdd(d, q0, s20); s21 = TWidth.MultiplyAdd(d, q1, s21); s22 = TWidth.MultiplyAdd(d, q2, s22);
                    d = TWidth.Load(ref d3, at);
                    s30 = TWidth.MultiplyAdd(d, q0, s30); s31 = TWidth.MultiplyAdd(d, q1, s31); s32 = TWidth.MultiplyAdd(d, q2, s32);
                }

                ref T g = ref Unsafe.Add(ref gradient, (nint)f * patchSize + k);
                AddDot(ref g, s00, ref d0, ref p0, vectorEnd, positions); AddDot(ref Unsafe.Add(ref g, 1), s01, ref d0, ref p1, vectorEnd, positions);
                AddDot(ref Unsafe.Add(ref g, 2), s02, ref d0, ref p2, vectorEnd, positions);
                g = ref Unsafe.Add(ref g, patchSize);
                AddDot(ref g, s10, ref d1, ref p0, vectorEnd, positions); AddDot(ref Unsafe.Add(ref g, 1), s11, ref d1, ref p1, vectorEnd, positions);
                AddDot(ref Unsafe.Add(ref g, 2), s12, ref d1, ref p2, vectorEnd, positions);
                g = ref Unsafe.Add(ref g, patchSize);
                AddDot(ref g, s20, ref d2, ref p0, vectorEnd, positions); AddDot(ref Unsafe.Add(ref g, 1), s21, ref d2, ref p1, vectorEnd, positions);
                AddDot(ref Unsafe.Add(ref g, 2), s22, ref d2, ref p2, vectorEnd, positions);
                g = ref Unsafe.Add(ref g, patchSize);
                AddDot(ref g, s30, ref d3, ref p0, vectorEnd, positions); AddDot(ref Unsafe.Add(ref g, 1), s31, ref d3, ref p1, vectorEnd, positions);
                AddDot(ref Unsafe.Add(ref g, 2), s32, ref d3, ref p2, vectorEnd, positions);
            }

            // Four filters by two patch values (eight sums): the pair left over.
            for (; k <= patchSize - 2; k += 2)
            {
                ref T p0 = ref Unsafe.Add(ref patches, (nint)k * positions);
                ref T p1 = ref Unsafe.Add(ref p0, positions);
                TVector s00 = TWidth.Zero, s01 = TWidth.Zero, s10 = TWidth.Zero, s11 = TWidth.Zero;
                TVector s20 = TWidth.Zero, s21 = TWidth.Zero, s30 = TWidth.Zero, s31 = TWidth.Zero;
                for (int p = 0; p < vectorEnd; p += TWidth.Count)
                {
                    nuint at = (nuint)p;
                    TVector q0 = TWidth.Load(ref p0, at), q1 = TWidth.Load(ref p1, at);
                    TVector d = TWidth.Load(ref d0, at);
                    s00 = TWidth.MultiplyAdd(d, q0, s00); s01 = TWidth.MultiplyAdd(d, q1, s01);
                    d = TWidth.Load(ref d1, at);
                    s10 = TWidth.MultiplyAdd(d, q0, s10); s11 = TWidth.MultiplyAdd(d, q1, s11);
                    d = TWidth.Load(ref d2, at);
                    s20 = TWidth.MultiplyAdd(d, q0, s20); s21 = TWidth.MultiplyAdd(d, q1, s21);
                    d = TWidth.Load(ref d3, at);
                    s30 = TWidth.MultiplyAdd(d, q0, s30); s31 = TWidth.MultiplyAdd(d, q1, s31);
                }

                ref T g = ref Unsafe.Add(ref gradient, (nint)f * patchSize + k);
                AddDot(ref g, s00, ref d0, ref p0, vectorEnd, positions); AddDot(ref Unsafe.Add(ref g, 1), s01, ref d0, ref p1, vectorEnd, positions);
                g = ref Unsafe.Add(ref g, patchSize);
                AddDot(ref g, s10, ref d1, ref p0, vectorEnd, positions); AddDot(ref Unsafe.Add(ref g, 1), s11, ref d1, ref p1, vectorEnd, positions);
                g = ref Unsafe.Add(ref g, patchSize);
                AddDot(ref g, s20, ref d2, ref p0, vectorEnd, positions); AddDot(ref Unsafe.Add(ref g, 1), s21, ref d2, ref p1, vectorEnd, positions);
                g = ref Unsafe.Add(ref g, patchSize);
                AddDot(ref g, s30, ref d3, ref p0, vectorEnd, positions); AddDot(ref Unsafe.Add(ref g, 1), s31, ref d3, ref p1, vectorEnd, positions);
            }

            for (; k < patchSize; k++)
            {
                for (int n = 0; n < Rows; n++)
                    AddOneDot(ref Unsafe.Add(ref deltas, (nint)(f + n) * positions), ref Unsafe.Add(ref patches, (nint)k * positions),
                        ref Unsafe.Add(ref gradient, (nint)(f + n) * patchSize + k), vectorEnd, positions);
            }
        }

        for (; f < filters; f++)
        {
            for (int k = 0; k < patchSize; k++)
                AddOneDot(ref Unsafe.Add(ref deltas, (nint)f * positions), ref Unsafe.Add(ref patches, (nint)k * positions),
                    ref Unsafe.Add(ref gradient, (nint)f * patchSize + k), vectorEnd, positions);
        }
    }

    /// <summary>destination += the lanes of <paramref name="sum"/> plus the products past <paramref name="from"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddDot(ref T destination, TVector sum, ref T x, ref T y, int from, int length)
    {
        T total = TWidth.Sum(sum);
        for (int p = from; p < length; p++)
            total = T.MultiplyAddEstimate(Unsafe.Add(ref x, p), Unsafe.Add(ref y, p), total);
        destination += total;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddOneDot(ref T x, ref T y, ref T destination, int vectorEnd, int length)
    {
        TVector sum = TWidth.Zero;
        for (int p = 0; p < vectorEnd; p += TWidth.Count)
            sum = TWidth.MultiplyAdd(TWidth.Load(ref x, (nuint)p), TWidth.Load(ref y, (nuint)p), sum);
        AddDot(ref destination, sum, ref x, ref y, vectorEnd, length);
    }

    /// <summary>sums[r] += the sum of row r of a matrix of <paramref name="rows"/> x <paramref name="length"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddRowSums(ref T matrix, ref T sums, int rows, int length)
    {
        int vectorEnd = length - length % TWidth.Count;
        for (int r = 0; r < rows; r++)
        {
            ref T row = ref Unsafe.Add(ref matrix, (nint)r * length);
            TVector sum = TWidth.Zero;
            for (int p = 0; p < vectorEnd; p += TWidth.Count)
                sum = TWidth.Add(sum, TWidth.Load(ref row, (nuint)p));
            T total = TWidth.Sum(sum);
            for (int p = vectorEnd; p < length; p++)
                total += Unsafe.Add(ref row, p);
            Unsafe.Add(ref sums, r) += total;
        }
    }
}
