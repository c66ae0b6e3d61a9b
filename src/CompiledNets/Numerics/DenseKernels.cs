using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CompiledNets.Numerics;

/// <summary>
/// The matrix products of dense layers, which generated networks call beside the formula each computes. Matrices are
/// row-major, W[j, i] at j * inputs + i (PyTorch's [out, in]); a batch is examples stored one after another. Every
/// kernel runs at the accelerated vector width that takes the fewest steps over a row (Vector512, Vector256, Vector128,
/// else scalar: <see cref="VectorWidths.For{T}"/>), chosen at run time; <c>CompiledNets.DisableSimd</c> forces scalar. Sizes come from the span lengths,
/// which must agree exactly. The entry points inline into their callers: a generated network passes spans of its
/// fixed-size buffers, whose lengths are constants to the JIT, so the checks and the choice of width fold away.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DenseKernels
{
    /// <summary><c>output[j] = biases[j] + sum_i weights[j, i] * input[i]</c>; pass empty biases for a layer without.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MatrixTimesVector<T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> biases, ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckMatrix(weights.Length, output.Length, input.Length, nameof(output));
        MatrixTimesMatrix(weights, biases, input, output, output.Length, input.Length, examples: 1);
    }

    /// <summary>
    /// <c>outputs[e, j] = biases[j] + sum_i weights[j, i] * inputs[e, i]</c> for each of <paramref name="examples"/>
    /// examples; pass empty biases for a layer without.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MatrixTimesMatrix<T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> biases, ReadOnlySpan<T> inputs, Span<T> outputs, int examples)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (int rows, int columns) = Shape(weights.Length, inputs.Length, outputs.Length, examples, nameof(outputs));
        MatrixTimesMatrix(weights, biases, inputs, outputs, rows, columns, examples);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MatrixTimesMatrix<T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> biases, ReadOnlySpan<T> inputs, Span<T> outputs,
        int rows, int columns, int examples)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!biases.IsEmpty && biases.Length != rows)
            throw new ArgumentException($"Expected {rows} biases (or none), but got {biases.Length}.", nameof(biases));

        ref T w = ref MemoryMarshal.GetReference(weights);
        ref T b = ref MemoryMarshal.GetReference(biases);
        ref T x = ref MemoryMarshal.GetReference(inputs);
        ref T y = ref MemoryMarshal.GetReference(outputs);
        bool hasBias = !biases.IsEmpty;
        switch (VectorWidths.For<T>(columns))
        {
            case Width.Vector512: DenseKernelBodies<Width512<T>, Vector512<T>, T>.MatrixTimesMatrix(ref w, ref b, hasBias, ref x, ref y, rows, columns, examples); break;
            case Width.Vector256: DenseKernelBodies<Width256<T>, Vector256<T>, T>.MatrixTimesMatrix(ref w, ref b, hasBias, ref x, ref y, rows, columns, examples); break;
            case Width.Vector128: DenseKernelBodies<Width128<T>, Vector128<T>, T>.MatrixTimesMatrix(ref w, ref b, hasBias, ref x, ref y, rows, columns, examples); break;
            default: DenseKernelBodies<Scalar<T>, T, T>.MatrixTimesMatrix(ref w, ref b, hasBias, ref x, ref y, rows, columns, examples); break;
        }
    }

    /// <summary><c>result[i] = sum_j weights[j, i] * deltas[j]</c>: the deltas passed back through the weights.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TransposedTimesVector<T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> deltas, Span<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckMatrix(weights.Length, deltas.Length, result.Length, nameof(deltas));
        TransposedTimesMatrix(weights, deltas, result, deltas.Length, result.Length, examples: 1);
    }

    /// <summary><c>result[e, i] = sum_j weights[j, i] * deltas[e, j]</c> for each of <paramref name="examples"/> examples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TransposedTimesMatrix<T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> deltas, Span<T> result, int examples)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (int rows, int columns) = Shape(weights.Length, result.Length, deltas.Length, examples, nameof(deltas));
        TransposedTimesMatrix(weights, deltas, result, rows, columns, examples);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransposedTimesMatrix<T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> deltas, Span<T> result, int rows, int columns, int examples)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T w = ref MemoryMarshal.GetReference(weights);
        ref T d = ref MemoryMarshal.GetReference(deltas);
        ref T r = ref MemoryMarshal.GetReference(result);
        switch (VectorWidths.For<T>(columns))
        {
            case Width.Vector512: DenseKernelBodies<Width512<T>, Vector512<T>, T>.TransposedTimesMatrix(ref w, ref d, ref r, rows, columns, examples); break;
            case Width.Vector256: DenseKernelBodies<Width256<T>, Vector256<T>, T>.TransposedTimesMatrix(ref w, ref d, ref r, rows, columns, examples); break;
            case Width.Vector128: DenseKernelBodies<Width128<T>, Vector128<T>, T>.TransposedTimesMatrix(ref w, ref d, ref r, rows, columns, examples); break;
            default: DenseKernelBodies<Scalar<T>, T, T>.TransposedTimesMatrix(ref w, ref d, ref r, rows, columns, examples); break;
        }
    }

    /// <summary><c>gradient[j, i] += sum_e deltas[e, j] * inputs[e, i]</c>: a batch's weight gradient, added in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddDeltasTimesInputs<T>(Span<T> gradient, ReadOnlySpan<T> deltas, ReadOnlySpan<T> inputs, int examples)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (int rows, int columns) = Shape(gradient.Length, inputs.Length, deltas.Length, examples, nameof(deltas));
        ref T g = ref MemoryMarshal.GetReference(gradient);
        ref T d = ref MemoryMarshal.GetReference(deltas);
        ref T x = ref MemoryMarshal.GetReference(inputs);
        switch (VectorWidths.For<T>(columns))
        {
            case Width.Vector512: DenseKernelBodies<Width512<T>, Vector512<T>, T>.AddDeltasTimesInputs(ref g, ref d, ref x, rows, columns, examples); break;
            case Width.Vector256: DenseKernelBodies<Width256<T>, Vector256<T>, T>.AddDeltasTimesInputs(ref g, ref d, ref x, rows, columns, examples); break;
            case Width.Vector128: DenseKernelBodies<Width128<T>, Vector128<T>, T>.AddDeltasTimesInputs(ref g, ref d, ref x, rows, columns, examples); break;
            default: DenseKernelBodies<Scalar<T>, T, T>.AddDeltasTimesInputs(ref g, ref d, ref x, rows, columns, examples); break;
        }
    }

    /// <summary>
    /// <c>destination[j] += sum_e matrix[e, j]</c> over <paramref name="examples"/> rows: a batch's bias gradient, the sum of
    /// each example's deltas, added in.
    /// </summary>
    public static void AddColumnSums<T>(Span<T> destination, ReadOnlySpan<T> matrix, int examples)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int columns = destination.Length;
        if (examples <= 0 || (long)examples * columns != matrix.Length)
            ThrowShape(matrix.Length, examples, columns, nameof(matrix));
        for (int e = 0; e < examples; e++)
            VectorMath.Add(destination, matrix.Slice(e * columns, columns));
    }

    /// <summary><c>gradient[j, i] += deltas[j] * input[i]</c>: one example's weight gradient, added in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddOuterProduct<T>(Span<T> gradient, ReadOnlySpan<T> deltas, ReadOnlySpan<T> input)
        where T : unmanaged, IFloatingPointIeee754<T>
        => OuterProduct(gradient, deltas, input, subtract: false, T.Zero);

    /// <summary>
    /// <c>weights[j, i] -= rate * (deltas[j] * input[i])</c>: a gradient-descent step on one example's weight gradient,
    /// bit for bit what <see cref="AddOuterProduct"/> into zeros followed by <see cref="VectorMath.SubtractScaled"/> gives.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SubtractScaledOuterProduct<T>(Span<T> weights, ReadOnlySpan<T> deltas, ReadOnlySpan<T> input, T rate)
        where T : unmanaged, IFloatingPointIeee754<T>
        => OuterProduct(weights, deltas, input, subtract: true, rate);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OuterProduct<T>(Span<T> destination, ReadOnlySpan<T> deltas, ReadOnlySpan<T> input, bool subtract, T rate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = deltas.Length, columns = input.Length;
        CheckMatrix(destination.Length, rows, columns, nameof(deltas));
        ref T m = ref MemoryMarshal.GetReference(destination);
        ref T d = ref MemoryMarshal.GetReference(deltas);
        ref T x = ref MemoryMarshal.GetReference(input);
        switch (VectorWidths.For<T>(columns))
        {
            case Width.Vector512: DenseKernelBodies<Width512<T>, Vector512<T>, T>.OuterProduct(ref m, ref d, ref x, rows, columns, subtract, rate); break;
            case Width.Vector256: DenseKernelBodies<Width256<T>, Vector256<T>, T>.OuterProduct(ref m, ref d, ref x, rows, columns, subtract, rate); break;
            case Width.Vector128: DenseKernelBodies<Width128<T>, Vector128<T>, T>.OuterProduct(ref m, ref d, ref x, rows, columns, subtract, rate); break;
            default: DenseKernelBodies<Scalar<T>, T, T>.OuterProduct(ref m, ref d, ref x, rows, columns, subtract, rate); break;
        }
    }

    /// <summary>
    /// The rows and columns of a weight matrix of <paramref name="matrixLength"/> values, from the lengths of the
    /// examples' column-side and row-side buffers; throws unless every length agrees.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (int Rows, int Columns) Shape(int matrixLength, int columnSideLength, int rowSideLength, int examples, string rowSideName)
    {
        if (examples <= 0 || columnSideLength % examples != 0 || rowSideLength % examples != 0)
            ThrowExamples(examples, columnSideLength, rowSideLength);
        int columns = columnSideLength / examples;
        int rows = rowSideLength / examples;
        CheckMatrix(matrixLength, rows, columns, rowSideName);
        return (rows, columns);
    }

    /// <summary>Throws unless a matrix of <paramref name="matrixLength"/> values is <paramref name="rows"/> x <paramref name="columns"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckMatrix(int matrixLength, int rows, int columns, string rowSideName)
    {
        if ((long)rows * columns != matrixLength)
            ThrowShape(matrixLength, rows, columns, rowSideName);
    }

    private static void ThrowExamples(int examples, int columnSideLength, int rowSideLength)
        => throw new ArgumentException(
            $"Expected a positive number of examples that divides both buffers ({columnSideLength} and {rowSideLength} values), but got {examples}.",
            nameof(examples));

    private static void ThrowShape(int matrixLength, int rows, int columns, string rowSideName)
        => throw new ArgumentException(
            $"A {rows} x {columns} matrix has {(long)rows * columns} values, but the matrix span has {matrixLength}.", rowSideName);
}
