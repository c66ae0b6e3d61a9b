using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CompiledNets.Numerics;

/// <summary>
/// The dense-layer kernels, written once over a vector width (<see cref="IVectorWidth{TVector, T}"/>): the JIT
/// compiles each per width with the width's members inlined. Matrices are row-major: W[j, i] at j * columns + i
/// (PyTorch's [out, in]); a batch of examples is rows of one buffer, example e at e * length. Lengths are checked by
/// <see cref="DenseKernels"/> before any of these run.
/// </summary>
/// <remarks>
/// Rounding: every dot product over i adds lane by lane (i, i + Count, ...), then the lanes, then the scalar tail
/// past the last whole vector, then the bias; sums over j or over examples add in order from zero. So the
/// per-example and the batched forms give the same bits at one width, except a large matrix's product with one
/// example at Vector512, which adds into four sums (<see cref="MatrixTimesVector"/>); and the sums over j or e are the
/// same at every width (with FMA hardware).
/// <para>Tiering: the long-running kernels (the batched ones here, the buffer-wide ones in <see cref="VectorMath"/>, the optimizers'
/// updates, and the generated tile passes that call them) are marked <see cref="MethodImplOptions.AggressiveOptimization"/>,
/// so the JIT compiles them fully optimized at their first call. Left to tiered compilation they run their first
/// thousands of calls as quick, then instrumented code: the digits sample took 2.1-2.2 s instead of 1.8 s, its
/// second epoch at 32,000-61,000 examples/s against about 90,000 for the rest. The one-example kernels are left to
/// tiering: they are called once per example, so they reach full optimization within the first epoch's first
/// batches, and marked they measured 6-9% slower in Predict (without tiering's optimizations for what is already
/// initialized).</para>
/// </remarks>
internal static class DenseKernelBodies<TWidth, TVector, T>
    where TWidth : struct, IVectorWidth<TVector, T>
    where TVector : struct
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Neurons (rows of W) per pass of the forward product: each loaded input vector serves four rows.</summary>
    private const int Neurons = 4;

    /// <summary>
    /// Examples per pass of the forward product: each loaded weight vector serves three examples (two where that block
    /// does not fit the registers: <see cref="MatrixTimesMatrixTwoExamplesPerPass"/>).
    /// </summary>
    private const int Examples = 3;

    /// <summary>outputs[e, j] = biases[j] + sum_i W[j, i] * inputs[e, i]; no bias where <paramref name="hasBias"/> is false.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MatrixTimesMatrix<TShape>(ref T weights, ref T biases, bool hasBias, ref T inputs, ref T outputs, int rows, int columns, int examples,
        int firstRow, int endRow)
        where TShape : struct, IDenseShape
    {
        if (!VectorRegisters.FitFourByThree)
        {
            MatrixTimesMatrixTwoExamplesPerPass<TShape>(ref weights, ref biases, hasBias, ref inputs, ref outputs, rows, columns, examples,
                firstRow, endRow);
            return;
        }

        DenseShape.Resolve<TShape>(ref rows, ref columns);
        int vectorEnd = columns - columns % TWidth.Count;
        int j = firstRow;
        for (; j <= endRow - Neurons; j += Neurons)
        {
            ref T w0 = ref Unsafe.Add(ref weights, (nint)j * columns);
            ref T w1 = ref Unsafe.Add(ref w0, columns);
            ref T w2 = ref Unsafe.Add(ref w1, columns);
            ref T w3 = ref Unsafe.Add(ref w2, columns);
            int e = 0;
            for (; e <= examples - Examples; e += Examples)
            {
                ref T x0 = ref Unsafe.Add(ref inputs, (nint)e * columns);
                ref T x1 = ref Unsafe.Add(ref x0, columns);
                ref T x2 = ref Unsafe.Add(ref x1, columns);
                TVector s00 = TWidth.Zero, s01 = TWidth.Zero, s02 = TWidth.Zero;
                TVector s10 = TWidth.Zero, s11 = TWidth.Zero, s12 = TWidth.Zero;
                TVector s20 = TWidth.Zero, s21 = TWidth.Zero, s22 = TWidth.Zero;
                TVector s30 = TWidth.Zero, s31 = TWidth.Zero, s32 = TWidth.Zero;
                for (int i = 0; i < vectorEnd; i += TWidth.Count)
                {
                    nuint k = (nuint)i;
                    TVector in0 = TWidth.Load(ref x0, k), in1 = TWidth.Load(ref x1, k), in2 = TWidth.Load(ref x2, k);
                    TVector weight = TWidth.Load(ref w0, k);
                    s00 = TWidth.MultiplyAdd(weight, in0, s00); s01 = TWidth.MultiplyAdd(weight, in1, s01); s02 = TWidth.MultiplyAdd(weight, in2, s02);
                    weight = TWidth.Load(ref w1, k);
                    s10 = TWidth.MultiplyAdd(weight, in0, s10); s11 = TWidth.MultiplyAdd(weight, in1, s11); s12 = TWidth.MultiplyAdd(weight, in2, s12);
                    weight = TWidth.Load(ref w2, k);
                    s20 = TWidth.MultiplyAdd(weight, in0, s20); s21 = TWidth.MultiplyAdd(weight, in1, s21); s22 = TWidth.MultiplyAdd(weight, in2, s22);
                    weight = TWidth.Load(ref w3, k);
                    s30 = TWidth.MultiplyAdd(weight, in0, s30); s31 = TWidth.MultiplyAdd(weight, in1, s31); s32 = TWidth.MultiplyAdd(weight, in2, s32);
                }

                ref T o0 = ref Unsafe.Add(ref outputs, (nint)e * rows + j);
                ref T o1 = ref Unsafe.Add(ref o0, rows);
                ref T o2 = ref Unsafe.Add(ref o1, rows);
                Finish(ref o0, 0, s00, ref w0, ref x0, vectorEnd, columns, ref biases, hasBias, j);
                Finish(ref o1, 0, s01, ref w0, ref x1, vectorEnd, columns, ref biases, hasBias, j);
                Finish(ref o2, 0, s02, ref w0, ref x2, vectorEnd, columns, ref biases, hasBias, j);
                Finish(ref o0, 1, s10, ref w1, ref x0, vectorEnd, columns, ref biases, hasBias, j + 1);
                Finish(ref o1, 1, s11, ref w1, ref x1, vectorEnd, columns, ref biases, hasBias, j + 1);
                Finish(ref o2, 1, s12, ref w1, ref x2, vectorEnd, columns, ref biases, hasBias, j + 1);
                Finish(ref o0, 2, s20, ref w2, ref x0, vectorEnd, columns, ref biases, hasBias, j + 2);
                Finish(ref o1, 2, s21, ref w2, ref x1, vectorEnd, columns, ref biases, hasBias, j + 2);
                Finish(ref o2, 2, s22, ref w2, ref x2, vectorEnd, columns, ref biases, hasBias, j + 2);
                Finish(ref o0, 3, s30, ref w3, ref x0, vectorEnd, columns, ref biases, hasBias, j + 3);
                Finish(ref o1, 3, s31, ref w3, ref x1, vectorEnd, columns, ref biases, hasBias, j + 3);
                Finish(ref o2, 3, s32, ref w3, ref x2, vectorEnd, columns, ref biases, hasBias, j + 3);
            }

            // The examples left over (all of them for a single example): four neurons against one example.
            for (; e < examples; e++)
            {
                FourNeuronsOneExample(ref w0, columns, ref Unsafe.Add(ref inputs, (nint)e * columns), vectorEnd,
                    ref Unsafe.Add(ref outputs, (nint)e * rows), ref biases, hasBias, j);
            }
        }

        // The neurons left over: one at a time.
        for (; j < endRow; j++)
        {
            for (int e = 0; e < examples; e++)
                OneNeuronOneExample(ref weights, columns, ref Unsafe.Add(ref inputs, (nint)e * columns), vectorEnd,
                    ref Unsafe.Add(ref outputs, (nint)e * rows), ref biases, hasBias, j);
        }
    }

    /// <summary>
    /// <see cref="MatrixTimesMatrix"/> with blocks of four neurons by two examples, where four by three does not fit the
    /// registers (<see cref="VectorRegisters.FitFourByThree"/>): eight sums, two inputs, a weight and a product, 12 of
    /// x86-64's 16. It adds every sum in the same order, so it gives the same bits. Without FMA
    /// (<c>DOTNET_EnableAVX=0</c>, Vector128, on a Zen 5) the digits network's batch-32 forward product took 0.67x the
    /// time of four by three, whose twelfth sum went to the stack. It is a method of its own so that the four-by-three
    /// method compiles exactly as before: with both blocks in one method the JIT emitted the same Vector512 inner loop
    /// at another offset, and it ran 1.17x slower (medians of 20 runs each).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void MatrixTimesMatrixTwoExamplesPerPass<TShape>(ref T weights, ref T biases, bool hasBias, ref T inputs, ref T outputs,
        int rows, int columns, int examples, int firstRow, int endRow)
        where TShape : struct, IDenseShape
    {
        DenseShape.Resolve<TShape>(ref rows, ref columns);
        int vectorEnd = columns - columns % TWidth.Count;
        int j = firstRow;
        for (; j <= endRow - Neurons; j += Neurons)
        {
            ref T w0 = ref Unsafe.Add(ref weights, (nint)j * columns);
            ref T w1 = ref Unsafe.Add(ref w0, columns);
            ref T w2 = ref Unsafe.Add(ref w1, columns);
            ref T w3 = ref Unsafe.Add(ref w2, columns);
            int e = 0;
            for (; e <= examples - 2; e += 2)
            {
                ref T x0 = ref Unsafe.Add(ref inputs, (nint)e * columns);
                ref T x1 = ref Unsafe.Add(ref x0, columns);
                TVector s00 = TWidth.Zero, s01 = TWidth.Zero, s10 = TWidth.Zero, s11 = TWidth.Zero;
                TVector s20 = TWidth.Zero, s21 = TWidth.Zero, s30 = TWidth.Zero, s31 = TWidth.Zero;
                for (int i = 0; i < vectorEnd; i += TWidth.Count)
                {
                    nuint k = (nuint)i;
                    TVector in0 = TWidth.Load(ref x0, k), in1 = TWidth.Load(ref x1, k);
                    TVector weight = TWidth.Load(ref w0, k);
                    s00 = TWidth.MultiplyAdd(weight, in0, s00); s01 = TWidth.MultiplyAdd(weight, in1, s01);
                    weight = TWidth.Load(ref w1, k);
                    s10 = TWidth.MultiplyAdd(weight, in0, s10); s11 = TWidth.MultiplyAdd(weight, in1, s11);
                    weight = TWidth.Load(ref w2, k);
                    s20 = TWidth.MultiplyAdd(weight, in0, s20); s21 = TWidth.MultiplyAdd(weight, in1, s21);
                    weight = TWidth.Load(ref w3, k);
                    s30 = TWidth.MultiplyAdd(weight, in0, s30); s31 = TWidth.MultiplyAdd(weight, in1, s31);
                }

                ref T o0 = ref Unsafe.Add(ref outputs, (nint)e * rows + j);
                ref T o1 = ref Unsafe.Add(ref o0, rows);
                Finish(ref o0, 0, s00, ref w0, ref x0, vectorEnd, columns, ref biases, hasBias, j);
                Finish(ref o1, 0, s01, ref w0, ref x1, vectorEnd, columns, ref biases, hasBias, j);
                Finish(ref o0, 1, s10, ref w1, ref x0, vectorEnd, columns, ref biases, hasBias, j + 1);
                Finish(ref o1, 1, s11, ref w1, ref x1, vectorEnd, columns, ref biases, hasBias, j + 1);
                Finish(ref o0, 2, s20, ref w2, ref x0, vectorEnd, columns, ref biases, hasBias, j + 2);
                Finish(ref o1, 2, s21, ref w2, ref x1, vectorEnd, columns, ref biases, hasBias, j + 2);
                Finish(ref o0, 3, s30, ref w3, ref x0, vectorEnd, columns, ref biases, hasBias, j + 3);
                Finish(ref o1, 3, s31, ref w3, ref x1, vectorEnd, columns, ref biases, hasBias, j + 3);
            }

            if (e < examples) // the last example, when their count is odd
            {
                FourNeuronsOneExample(ref w0, columns, ref Unsafe.Add(ref inputs, (nint)e * columns), vectorEnd,
                    ref Unsafe.Add(ref outputs, (nint)e * rows), ref biases, hasBias, j);
            }
        }

        for (; j < endRow; j++)
        {
            for (int e = 0; e < examples; e++)
                OneNeuronOneExample(ref weights, columns, ref Unsafe.Add(ref inputs, (nint)e * columns), vectorEnd,
                    ref Unsafe.Add(ref outputs, (nint)e * rows), ref biases, hasBias, j);
        }
    }

    /// <summary>
    /// output[j] = biases[j] + sum_i W[j, i] * input[i] for one example. Most matrices are read four rows at a time, as
    /// <see cref="MatrixTimesMatrix"/> reads them, so each loaded input vector serves four rows; a large one at
    /// Vector512 is read row by row instead (<see cref="ReadsRowByRow"/>).
    /// </summary>
    /// <remarks>
    /// Rounding: row by row adds in another order than the batched form, so one example's outputs then agree with its
    /// row of a batch to rounding, not bit for bit. The choice depends on the sizes and the width alone, never on
    /// where the weights are, so the same call always gives the same bits.
    /// </remarks>
    public static void MatrixTimesVector<TShape>(ref T weights, ref T biases, bool hasBias, ref T input, ref T output, int rows, int columns)
        where TShape : struct, IDenseShape
    {
        DenseShape.Resolve<TShape>(ref rows, ref columns);
        if (ReadsRowByRow(rows, columns))
        {
            ref T x = ref InputToRead(ref input, rows, columns);
            for (int neuron = 0; neuron < rows; neuron++)
            {
                RowTimesVector(ref Unsafe.Add(ref weights, (nint)neuron * columns), ref x, columns,
                    ref Unsafe.Add(ref output, neuron), ref biases, hasBias, neuron);
            }

            return;
        }

        int vectorEnd = columns - columns % TWidth.Count;
        int j = 0;
        for (; j <= rows - Neurons; j += Neurons)
            FourNeuronsOneExample(ref Unsafe.Add(ref weights, (nint)j * columns), columns, ref input, vectorEnd, ref output, ref biases, hasBias, j);
        for (; j < rows; j++)
            OneNeuronOneExample(ref weights, columns, ref input, vectorEnd, ref output, ref biases, hasBias, j);
    }

    /// <summary>
    /// Whether <see cref="MatrixTimesVector"/> reads W row by row, each row one stream (<see cref="RowTimesVector"/>): at
    /// Vector512, for a matrix larger than 64 KB (beyond any x64 L1) whose rows are at least four whole vectors.
    /// </summary>
    /// <remarks>
    /// Measured on the 2-core AMD EPYC (Zen 5) in probes of one product, alternating with a build that always reads four
    /// rows (best of 40 x 2 million multiply-adds, after the JIT's full optimization). At Vector512 four rows at once
    /// are four streams from L2, and they came in slower than one: the digits network's layer 1 (128 x 784 weights)
    /// took 2.5-3.3 us four rows at a time and 1.9-2.2 us row by row, 256 x 256 1.7-2.2 us against 1.3-1.6 us. Below
    /// 64 KB row by row lost (96 x 96: 1.27-1.39x the time; 16 x 784: 1.2-1.5x) or went both ways (128 x 128, 64 KB:
    /// 0.71-0.89x), hence the limit. At Vector256 it lost on the large ones too (1.08-1.13x the time).
    /// </remarks>
    internal static bool ReadsRowByRow(int rows, int columns)
        => BeyondL1AtVector512(rows, columns) && columns % TWidth.Count == 0 && columns >= 4 * TWidth.Count;

    /// <summary>
    /// A matrix larger than 64 KB (beyond any x64 L1) at Vector512: where the one-example kernels read differently
    /// (<see cref="ReadsRowByRow"/>, <see cref="InputToRead"/>).
    /// </summary>
    private static bool BeyondL1AtVector512(int rows, int columns)
        => Unsafe.SizeOf<TVector>() == 64 && (long)rows * columns * Unsafe.SizeOf<T>() > 64 * 1024;

    /// <summary>
    /// Where a one-example kernel reads its input from, when every row of W loads all of it again: for a matrix beyond
    /// 64 KB at Vector512, an input off a 64-byte boundary (a caller's array) is read from this thread's aligned copy
    /// (<see cref="AlignedInputs{T}"/>, as the batched kernels' inputs are); else in place.
    /// </summary>
    /// <remarks>
    /// Off the boundary, every vector load of the input spans two cache lines; a managed array's first value is 16
    /// bytes past one. In the probes of <see cref="ReadsRowByRow"/>, with the input 16 bytes off: the digits network's
    /// layer 1 row by row took 2.8-2.9 us read in place and 2.0-2.2 us from a copy (on the stack, in the probe), and its
    /// outer-product update 4.3 us against 2.7 us. At Vector256 the copy gained nothing. A copy changes no value, so the
    /// results are the same bits either way.
    /// </remarks>
    private static ref T InputToRead(ref T input, int rows, int columns)
    {
        if (!BeyondL1AtVector512(rows, columns))
            return ref input;
        return ref MemoryMarshal.GetReference(AlignedInputs<T>.For(MemoryMarshal.CreateReadOnlySpan(ref input, columns), rows, columns));
    }

    /// <summary>
    /// output = bias + sum_i row[i] * input[i] over one row of whole vectors, into four sums that take turns by vector
    /// (i, i + Count, i + 2 Count, i + 3 Count), so four multiply-adds are in flight at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RowTimesVector(ref T row, ref T input, int columns, ref T output, ref T biases, bool hasBias, int neuron)
    {
        nuint count = (nuint)TWidth.Count;
        TVector s0 = TWidth.Zero, s1 = TWidth.Zero, s2 = TWidth.Zero, s3 = TWidth.Zero;
        nuint i = 0;
        for (; i + 4 * count <= (nuint)columns; i += 4 * count)
        {
            s0 = TWidth.MultiplyAdd(TWidth.Load(ref row, i), TWidth.Load(ref input, i), s0);
            s1 = TWidth.MultiplyAdd(TWidth.Load(ref row, i + count), TWidth.Load(ref input, i + count), s1);
            s2 = TWidth.MultiplyAdd(TWidth.Load(ref row, i + 2 * count), TWidth.Load(ref input, i + 2 * count), s2);
            s3 = TWidth.MultiplyAdd(TWidth.Load(ref row, i + 3 * count), TWidth.Load(ref input, i + 3 * count), s3);
        }

        for (; i < (nuint)columns; i += count)
            s0 = TWidth.MultiplyAdd(TWidth.Load(ref row, i), TWidth.Load(ref input, i), s0);
        T dot = TWidth.Sum(TWidth.Add(TWidth.Add(s0, s1), TWidth.Add(s2, s3)));
        output = hasBias ? Unsafe.Add(ref biases, neuron) + dot : dot;
    }

    /// <summary>output[j..j + 3] for one example: each loaded input vector serves four rows of W, from <paramref name="w0"/> on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourNeuronsOneExample(ref T w0, int columns, ref T x, int vectorEnd, ref T output, ref T biases, bool hasBias, int j)
    {
        ref T w1 = ref Unsafe.Add(ref w0, columns);
        ref T w2 = ref Unsafe.Add(ref w1, columns);
        ref T w3 = ref Unsafe.Add(ref w2, columns);
        TVector s0 = TWidth.Zero, s1 = TWidth.Zero, s2 = TWidth.Zero, s3 = TWidth.Zero;
        for (int i = 0; i < vectorEnd; i += TWidth.Count)
        {
            nuint k = (nuint)i;
            TVector input = TWidth.Load(ref x, k);
            s0 = TWidth.MultiplyAdd(TWidth.Load(ref w0, k), input, s0);
            s1 = TWidth.MultiplyAdd(TWidth.Load(ref w1, k), input, s1);
            s2 = TWidth.MultiplyAdd(TWidth.Load(ref w2, k), input, s2);
            s3 = TWidth.MultiplyAdd(TWidth.Load(ref w3, k), input, s3);
        }

        ref T o = ref Unsafe.Add(ref output, j);
        Finish(ref o, 0, s0, ref w0, ref x, vectorEnd, columns, ref biases, hasBias, j);
        Finish(ref o, 1, s1, ref w1, ref x, vectorEnd, columns, ref biases, hasBias, j + 1);
        Finish(ref o, 2, s2, ref w2, ref x, vectorEnd, columns, ref biases, hasBias, j + 2);
        Finish(ref o, 3, s3, ref w3, ref x, vectorEnd, columns, ref biases, hasBias, j + 3);
    }

    /// <summary>output[j] for one example.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OneNeuronOneExample(ref T weights, int columns, ref T x, int vectorEnd, ref T output, ref T biases, bool hasBias, int j)
    {
        ref T w = ref Unsafe.Add(ref weights, (nint)j * columns);
        TVector s = TWidth.Zero;
        for (int i = 0; i < vectorEnd; i += TWidth.Count)
            s = TWidth.MultiplyAdd(TWidth.Load(ref w, (nuint)i), TWidth.Load(ref x, (nuint)i), s);
        Finish(ref Unsafe.Add(ref output, j), 0, s, ref w, ref x, vectorEnd, columns, ref biases, hasBias, j);
    }

    /// <summary>output[offset] = bias + (sum of the lanes of <paramref name="lanes"/>, then the scalar tail of the row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(ref T output, int offset, TVector lanes, ref T weightRow, ref T input, int vectorEnd, int columns,
        ref T biases, bool hasBias, int neuron)
    {
        T dot = TWidth.Sum(lanes);
        for (int i = vectorEnd; i < columns; i++)
            dot = T.MultiplyAddEstimate(Unsafe.Add(ref weightRow, i), Unsafe.Add(ref input, i), dot);
        Unsafe.Add(ref output, offset) = hasBias ? Unsafe.Add(ref biases, neuron) + dot : dot;
    }

    /// <summary>result[e, i] = sum_j W[j, i] * deltas[e, j]: W transposed times each example's deltas.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TransposedTimesMatrix<TShape>(ref T weights, ref T deltas, ref T result, int rows, int columns, int examples)
        where TShape : struct, IDenseShape
    {
        DenseShape.Resolve<TShape>(ref rows, ref columns);
        int vectorEnd = columns - columns % TWidth.Count;
        int e = 0;
        // Four examples per pass share each loaded weight vector; their sums stay in registers over all j.
        for (; e <= examples - 4; e += 4)
        {
            ref T d0 = ref Unsafe.Add(ref deltas, (nint)e * rows);
            ref T d1 = ref Unsafe.Add(ref d0, rows);
            ref T d2 = ref Unsafe.Add(ref d1, rows);
            ref T d3 = ref Unsafe.Add(ref d2, rows);
            ref T r0 = ref Unsafe.Add(ref result, (nint)e * columns);
            ref T r1 = ref Unsafe.Add(ref r0, columns);
            ref T r2 = ref Unsafe.Add(ref r1, columns);
            ref T r3 = ref Unsafe.Add(ref r2, columns);
            for (int i = 0; i < vectorEnd; i += TWidth.Count)
            {
                TVector s0 = TWidth.Zero, s1 = TWidth.Zero, s2 = TWidth.Zero, s3 = TWidth.Zero;
                ref T row = ref Unsafe.Add(ref weights, i); // W[j, i...], a row further each j
                for (int j = 0; j < rows; j++, row = ref Unsafe.Add(ref row, (nint)columns))
                {
                    TVector weight = TWidth.Load(ref row, 0);
                    s0 = TWidth.MultiplyAdd(weight, TWidth.Broadcast(Unsafe.Add(ref d0, j)), s0);
                    s1 = TWidth.MultiplyAdd(weight, TWidth.Broadcast(Unsafe.Add(ref d1, j)), s1);
                    s2 = TWidth.MultiplyAdd(weight, TWidth.Broadcast(Unsafe.Add(ref d2, j)), s2);
                    s3 = TWidth.MultiplyAdd(weight, TWidth.Broadcast(Unsafe.Add(ref d3, j)), s3);
                }

                TWidth.Store(s0, ref r0, (nuint)i);
                TWidth.Store(s1, ref r1, (nuint)i);
                TWidth.Store(s2, ref r2, (nuint)i);
                TWidth.Store(s3, ref r3, (nuint)i);
            }

            TransposedTail(ref weights, ref d0, ref r0, rows, columns, vectorEnd);
            TransposedTail(ref weights, ref d1, ref r1, rows, columns, vectorEnd);
            TransposedTail(ref weights, ref d2, ref r2, rows, columns, vectorEnd);
            TransposedTail(ref weights, ref d3, ref r3, rows, columns, vectorEnd);
        }

        // The examples left over (all of them for a single example): four vectors of columns per pass, so that four
        // independent sums hide the latency of each multiply-add.
        for (; e < examples; e++)
        {
            ref T d = ref Unsafe.Add(ref deltas, (nint)e * rows);
            ref T r = ref Unsafe.Add(ref result, (nint)e * columns);
            int i = 0;
            for (; i <= vectorEnd - 4 * TWidth.Count; i += 4 * TWidth.Count)
            {
                TVector s0 = TWidth.Zero, s1 = TWidth.Zero, s2 = TWidth.Zero, s3 = TWidth.Zero;
                ref T row = ref Unsafe.Add(ref weights, i);
                for (int j = 0; j < rows; j++, row = ref Unsafe.Add(ref row, (nint)columns))
                {
                    TVector delta = TWidth.Broadcast(Unsafe.Add(ref d, j));
                    s0 = TWidth.MultiplyAdd(TWidth.Load(ref row, 0), delta, s0);
                    s1 = TWidth.MultiplyAdd(TWidth.Load(ref row, (nuint)TWidth.Count), delta, s1);
                    s2 = TWidth.MultiplyAdd(TWidth.Load(ref row, (nuint)(2 * TWidth.Count)), delta, s2);
                    s3 = TWidth.MultiplyAdd(TWidth.Load(ref row, (nuint)(3 * TWidth.Count)), delta, s3);
                }

                TWidth.Store(s0, ref r, (nuint)i);
                TWidth.Store(s1, ref r, (nuint)(i + TWidth.Count));
                TWidth.Store(s2, ref r, (nuint)(i + 2 * TWidth.Count));
                TWidth.Store(s3, ref r, (nuint)(i + 3 * TWidth.Count));
            }

            for (; i < vectorEnd; i += TWidth.Count)
            {
                TVector s = TWidth.Zero;
                ref T row = ref Unsafe.Add(ref weights, i);
                for (int j = 0; j < rows; j++, row = ref Unsafe.Add(ref row, (nint)columns))
                    s = TWidth.MultiplyAdd(TWidth.Load(ref row, 0), TWidth.Broadcast(Unsafe.Add(ref d, j)), s);
                TWidth.Store(s, ref r, (nuint)i);
            }

            TransposedTail(ref weights, ref d, ref r, rows, columns, vectorEnd);
        }
    }

    /// <summary>The columns past the last whole vector, one at a time, summed over j in the same order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransposedTail(ref T weights, ref T deltas, ref T result, int rows, int columns, int from)
    {
        for (int i = from; i < columns; i++)
        {
            T sum = T.Zero;
            for (int j = 0; j < rows; j++)
                sum = T.MultiplyAddEstimate(Unsafe.Add(ref weights, (nint)j * columns + i), Unsafe.Add(ref deltas, j), sum);
            Unsafe.Add(ref result, i) = sum;
        }
    }

    /// <summary>
    /// gradient[j, i] += sum_e deltas[e, j] * inputs[e, i] for rows j from <paramref name="firstRow"/> to
    /// <paramref name="endRow"/> (exclusive; all of them, or one thread's share): the weight gradient of a batch, summed
    /// over its examples.
    /// </summary>
    /// <remarks>
    /// Blocks of columns run outermost: one block's inputs (two vectors per example, 4 KB for 32 float examples) stay
    /// in L1 while every block of four neurons uses them, and the deltas (examples x rows) fit there too. Over all the
    /// columns first, the 100 KB of inputs of the digits network's batch of 32 came from L2 once per block of neurons.
    /// Every sum runs over e in order from zero and is then added in, whatever the blocking: the same bits.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddDeltasTimesInputs<TShape>(ref T gradient, ref T deltas, ref T inputs, int rows, int columns, int examples,
        int firstRow, int endRow)
        where TShape : struct, IDenseShape
    {
        DenseShape.Resolve<TShape>(ref rows, ref columns);
        int vectorEnd = columns - columns % TWidth.Count;
        int i = 0;
        for (; i <= vectorEnd - 2 * TWidth.Count; i += 2 * TWidth.Count)
        {
            int j = firstRow;
            for (; j <= endRow - Neurons; j += Neurons)
                FourNeuronsTwoVectors(ref gradient, ref deltas, ref inputs, rows, columns, examples, j, i);
            for (; j < endRow; j++)
            {
                OneNeuronOneVector(ref gradient, ref deltas, ref inputs, rows, columns, examples, j, i);
                OneNeuronOneVector(ref gradient, ref deltas, ref inputs, rows, columns, examples, j, i + TWidth.Count);
            }
        }

        // The last whole vector, when their count is odd.
        for (; i < vectorEnd; i += TWidth.Count)
        {
            for (int j = firstRow; j < endRow; j++)
                OneNeuronOneVector(ref gradient, ref deltas, ref inputs, rows, columns, examples, j, i);
        }

        for (int j = firstRow; j < endRow; j++)
            GradientRowTail(ref gradient, ref deltas, ref inputs, rows, columns, examples, j, vectorEnd);
    }

    /// <summary>
    /// gradient[j..j + 3, i..i + 2 * Count - 1]: each example's four broadcast deltas serve eight multiply-adds, so the loads
    /// (two inputs, four broadcasts) do not outnumber them. The 784 x 128 gradient of a batch of 32 went from 86 to 112-135
    /// GFLOP/s (Vector512, 2-core Xeon) against one vector per pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourNeuronsTwoVectors(ref T gradient, ref T deltas, ref T inputs, int rows, int columns, int examples, int j, int i)
    {
        TVector s0 = TWidth.Zero, s1 = TWidth.Zero, s2 = TWidth.Zero, s3 = TWidth.Zero;
        TVector t0 = TWidth.Zero, t1 = TWidth.Zero, t2 = TWidth.Zero, t3 = TWidth.Zero;
        // Example by example, x and d step a row forward: no index multiplication per example.
        ref T x = ref Unsafe.Add(ref inputs, i);
        ref T d = ref Unsafe.Add(ref deltas, j);
        for (int e = 0; e < examples; e++, x = ref Unsafe.Add(ref x, (nint)columns), d = ref Unsafe.Add(ref d, (nint)rows))
        {
            TVector input = TWidth.Load(ref x, 0), next = TWidth.Load(ref x, (nuint)TWidth.Count);
            TVector delta = TWidth.Broadcast(d);
            s0 = TWidth.MultiplyAdd(delta, input, s0);
            t0 = TWidth.MultiplyAdd(delta, next, t0);
            delta = TWidth.Broadcast(Unsafe.Add(ref d, 1));
            s1 = TWidth.MultiplyAdd(delta, input, s1);
            t1 = TWidth.MultiplyAdd(delta, next, t1);
            delta = TWidth.Broadcast(Unsafe.Add(ref d, 2));
            s2 = TWidth.MultiplyAdd(delta, input, s2);
            t2 = TWidth.MultiplyAdd(delta, next, t2);
            delta = TWidth.Broadcast(Unsafe.Add(ref d, 3));
            s3 = TWidth.MultiplyAdd(delta, input, s3);
            t3 = TWidth.MultiplyAdd(delta, next, t3);
        }

        ref T g0 = ref Unsafe.Add(ref gradient, (nint)j * columns);
        ref T g1 = ref Unsafe.Add(ref g0, columns);
        ref T g2 = ref Unsafe.Add(ref g1, columns);
        ref T g3 = ref Unsafe.Add(ref g2, columns);
        nuint k = (nuint)i, l = (nuint)(i + TWidth.Count);
        TWidth.Store(TWidth.Add(TWidth.Load(ref g0, k), s0), ref g0, k);
        TWidth.Store(TWidth.Add(TWidth.Load(ref g0, l), t0), ref g0, l);
        TWidth.Store(TWidth.Add(TWidth.Load(ref g1, k), s1), ref g1, k);
        TWidth.Store(TWidth.Add(TWidth.Load(ref g1, l), t1), ref g1, l);
        TWidth.Store(TWidth.Add(TWidth.Load(ref g2, k), s2), ref g2, k);
        TWidth.Store(TWidth.Add(TWidth.Load(ref g2, l), t2), ref g2, l);
        TWidth.Store(TWidth.Add(TWidth.Load(ref g3, k), s3), ref g3, k);
        TWidth.Store(TWidth.Add(TWidth.Load(ref g3, l), t3), ref g3, l);
    }

    /// <summary>gradient[j, i..i + Count - 1]: the rows and the vector that the blocks above leave.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OneNeuronOneVector(ref T gradient, ref T deltas, ref T inputs, int rows, int columns, int examples, int j, int i)
    {
        TVector s = TWidth.Zero;
        ref T x = ref Unsafe.Add(ref inputs, i);
        ref T d = ref Unsafe.Add(ref deltas, j);
        for (int e = 0; e < examples; e++, x = ref Unsafe.Add(ref x, (nint)columns), d = ref Unsafe.Add(ref d, (nint)rows))
            s = TWidth.MultiplyAdd(TWidth.Broadcast(d), TWidth.Load(ref x, 0), s);
        ref T g = ref Unsafe.Add(ref gradient, (nint)j * columns);
        TWidth.Store(TWidth.Add(TWidth.Load(ref g, (nuint)i), s), ref g, (nuint)i);
    }

    /// <summary>Row <paramref name="row"/> of the weight gradient from column <paramref name="from"/> on, one value at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GradientRowTail(ref T gradient, ref T deltas, ref T inputs, int rows, int columns, int examples, int row, int from)
    {
        for (int i = from; i < columns; i++)
        {
            T sum = T.Zero;
            for (int e = 0; e < examples; e++)
                sum = T.MultiplyAddEstimate(Unsafe.Add(ref deltas, (nint)e * rows + row), Unsafe.Add(ref inputs, (nint)e * columns + i), sum);
            Unsafe.Add(ref gradient, (nint)row * columns + i) += sum;
        }
    }

    /// <summary>
    /// gradient[j, i] += deltas[j] * input[i]; with <paramref name="subtract"/>, weights[j, i] -= rate * (deltas[j] * input[i]).
    /// The product is rounded before it is used, never fused, so that an update in place equals adding the gradient into
    /// zeros and then subtracting rate times it, bit for bit.
    /// </summary>
    public static void OuterProduct<TShape>(ref T destination, ref T deltas, ref T input, int rows, int columns, bool subtract, T rate)
        where TShape : struct, IDenseShape
    {
        DenseShape.Resolve<TShape>(ref rows, ref columns);
        input = ref InputToRead(ref input, rows, columns);
        int vectorEnd = columns - columns % TWidth.Count;
        TVector rates = TWidth.Broadcast(rate);
        for (int j = 0; j < rows; j++)
        {
            T delta = Unsafe.Add(ref deltas, j);
            TVector deltaVector = TWidth.Broadcast(delta);
            ref T row = ref Unsafe.Add(ref destination, (nint)j * columns);
            for (int i = 0; i < vectorEnd; i += TWidth.Count)
            {
                nuint k = (nuint)i;
                TVector product = TWidth.Multiply(deltaVector, TWidth.Load(ref input, k));
                TVector value = TWidth.Load(ref row, k);
                TWidth.Store(subtract ? TWidth.Subtract(value, TWidth.Multiply(rates, product)) : TWidth.Add(value, product), ref row, k);
            }

            for (int i = vectorEnd; i < columns; i++)
            {
                T product = delta * Unsafe.Add(ref input, i);
                if (subtract)
                    Unsafe.Add(ref row, i) -= rate * product;
                else
                    Unsafe.Add(ref row, i) += product;
            }
        }
    }
}
