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
/// else scalar: <see cref="VectorWidths.For{T}"/>), chosen at run time; <c>CompiledNets.DisableSimd</c> forces scalar.
/// </summary>
/// <remarks>
/// Each kernel comes twice. The form with a shape type (<see cref="IDenseShape"/>) is what generated networks call:
/// the sizes are the shape's constants, the spans must have exactly those lengths, and the JIT compiles the kernel
/// once per shape with every bound known. The form without takes its sizes from the span lengths, which must agree.
/// Both give the same bits.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DenseKernels
{
    // ---- Forward: W times the inputs ----------------------------------------------------------------------------

    /// <summary><c>output[j] = biases[j] + sum_i weights[j, i] * input[i]</c>; pass empty biases for a layer without.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MatrixTimesVector<T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> biases, ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckMatrix(weights.Length, output.Length, input.Length, nameof(output));
        MatrixTimesVector<RuntimeShape, T>(weights, biases, input, output, output.Length, input.Length);
    }

    /// <inheritdoc cref="MatrixTimesVector{T}"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MatrixTimesVector<TShape, T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> biases, ReadOnlySpan<T> input, Span<T> output)
        where TShape : struct, IDenseShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShape<TShape>(weights.Length, input.Length, output.Length, examples: 1);
        MatrixTimesVector<TShape, T>(weights, biases, input, output, TShape.Outputs, TShape.Inputs);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MatrixTimesVector<TShape, T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> biases, ReadOnlySpan<T> input, Span<T> output,
        int rows, int columns)
        where TShape : struct, IDenseShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckBiases(biases.Length, rows);
        ref T w = ref MemoryMarshal.GetReference(weights);
        ref T b = ref MemoryMarshal.GetReference(biases);
        ref T x = ref MemoryMarshal.GetReference(input);
        ref T y = ref MemoryMarshal.GetReference(output);
        bool hasBias = !biases.IsEmpty;
        switch (VectorWidths.For<T>(columns))
        {
            case Width.Vector512: DenseKernelBodies<Width512<T>, Vector512<T>, T>.MatrixTimesVector<TShape>(ref w, ref b, hasBias, ref x, ref y, rows, columns); break;
            case Width.Vector256: DenseKernelBodies<Width256<T>, Vector256<T>, T>.MatrixTimesVector<TShape>(ref w, ref b, hasBias, ref x, ref y, rows, columns); break;
            case Width.Vector128: DenseKernelBodies<Width128<T>, Vector128<T>, T>.MatrixTimesVector<TShape>(ref w, ref b, hasBias, ref x, ref y, rows, columns); break;
            default: DenseKernelBodies<Scalar<T>, T, T>.MatrixTimesVector<TShape>(ref w, ref b, hasBias, ref x, ref y, rows, columns); break;
        }
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
        MatrixTimesMatrix<RuntimeShape, T>(weights, biases, inputs, outputs, rows, columns, examples);
    }

    /// <inheritdoc cref="MatrixTimesMatrix{T}"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MatrixTimesMatrix<TShape, T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> biases, ReadOnlySpan<T> inputs, Span<T> outputs, int examples)
        where TShape : struct, IDenseShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShape<TShape>(weights.Length, inputs.Length, outputs.Length, examples);
        MatrixTimesMatrix<TShape, T>(weights, biases, inputs, outputs, TShape.Outputs, TShape.Inputs, examples);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MatrixTimesMatrix<TShape, T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> biases, ReadOnlySpan<T> inputs, Span<T> outputs,
        int rows, int columns, int examples)
        where TShape : struct, IDenseShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckBiases(biases.Length, rows);
        Width width = VectorWidths.For<T>(columns);
        if (width != Width.Scalar)
            inputs = AlignedInputs<T>.For(inputs, rows, columns);
        if (KernelTeam.For((long)rows * columns * examples) is { } team && rows >= 4 * team.Parts)
        {
            SharedDenseKernels.MatrixTimesMatrix<TShape, T>(team, width, weights, biases, inputs, outputs, rows, columns, examples);
            return;
        }

        MatrixTimesMatrix<TShape, T>(width, ref MemoryMarshal.GetReference(weights), ref MemoryMarshal.GetReference(biases), !biases.IsEmpty,
            ref MemoryMarshal.GetReference(inputs), ref MemoryMarshal.GetReference(outputs), rows, columns, examples, 0, rows);
    }

    /// <summary>The forward product at <paramref name="width"/>, on references: one thread's whole call, or its share.</summary>
    internal static void MatrixTimesMatrix<TShape, T>(Width width, ref T w, ref T b, bool hasBias, ref T x, ref T y, int rows, int columns, int examples,
        int firstRow, int endRow)
        where TShape : struct, IDenseShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (width)
        {
            case Width.Vector512: DenseKernelBodies<Width512<T>, Vector512<T>, T>.MatrixTimesMatrix<TShape>(ref w, ref b, hasBias, ref x, ref y, rows, columns, examples, firstRow, endRow); break;
            case Width.Vector256: DenseKernelBodies<Width256<T>, Vector256<T>, T>.MatrixTimesMatrix<TShape>(ref w, ref b, hasBias, ref x, ref y, rows, columns, examples, firstRow, endRow); break;
            case Width.Vector128: DenseKernelBodies<Width128<T>, Vector128<T>, T>.MatrixTimesMatrix<TShape>(ref w, ref b, hasBias, ref x, ref y, rows, columns, examples, firstRow, endRow); break;
            default: DenseKernelBodies<Scalar<T>, T, T>.MatrixTimesMatrix<TShape>(ref w, ref b, hasBias, ref x, ref y, rows, columns, examples, firstRow, endRow); break;
        }
    }

    // ---- Backward: W transposed times the deltas ------------------------------------------------------------------

    /// <summary><c>result[i] = sum_j weights[j, i] * deltas[j]</c>: the deltas passed back through the weights.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TransposedTimesVector<T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> deltas, Span<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckMatrix(weights.Length, deltas.Length, result.Length, nameof(deltas));
        TransposedTimesMatrix<RuntimeShape, T>(weights, deltas, result, deltas.Length, result.Length, examples: 1);
    }

    /// <inheritdoc cref="TransposedTimesVector{T}"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TransposedTimesVector<TShape, T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> deltas, Span<T> result)
        where TShape : struct, IDenseShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShape<TShape>(weights.Length, result.Length, deltas.Length, examples: 1);
        TransposedTimesMatrix<TShape, T>(weights, deltas, result, TShape.Outputs, TShape.Inputs, examples: 1);
    }

    /// <summary><c>result[e, i] = sum_j weights[j, i] * deltas[e, j]</c> for each of <paramref name="examples"/> examples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TransposedTimesMatrix<T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> deltas, Span<T> result, int examples)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (int rows, int columns) = Shape(weights.Length, result.Length, deltas.Length, examples, nameof(deltas));
        TransposedTimesMatrix<RuntimeShape, T>(weights, deltas, result, rows, columns, examples);
    }

    /// <inheritdoc cref="TransposedTimesMatrix{T}"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TransposedTimesMatrix<TShape, T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> deltas, Span<T> result, int examples)
        where TShape : struct, IDenseShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShape<TShape>(weights.Length, result.Length, deltas.Length, examples);
        TransposedTimesMatrix<TShape, T>(weights, deltas, result, TShape.Outputs, TShape.Inputs, examples);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransposedTimesMatrix<TShape, T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> deltas, Span<T> result, int rows, int columns, int examples)
        where TShape : struct, IDenseShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T w = ref MemoryMarshal.GetReference(weights);
        ref T d = ref MemoryMarshal.GetReference(deltas);
        ref T r = ref MemoryMarshal.GetReference(result);
        switch (VectorWidths.For<T>(columns))
        {
            case Width.Vector512: DenseKernelBodies<Width512<T>, Vector512<T>, T>.TransposedTimesMatrix<TShape>(ref w, ref d, ref r, rows, columns, examples); break;
            case Width.Vector256: DenseKernelBodies<Width256<T>, Vector256<T>, T>.TransposedTimesMatrix<TShape>(ref w, ref d, ref r, rows, columns, examples); break;
            case Width.Vector128: DenseKernelBodies<Width128<T>, Vector128<T>, T>.TransposedTimesMatrix<TShape>(ref w, ref d, ref r, rows, columns, examples); break;
            default: DenseKernelBodies<Scalar<T>, T, T>.TransposedTimesMatrix<TShape>(ref w, ref d, ref r, rows, columns, examples); break;
        }
    }

    // ---- Gradients: the deltas times the inputs -------------------------------------------------------------------

    /// <summary><c>gradient[j, i] += sum_e deltas[e, j] * inputs[e, i]</c>: a batch's weight gradient, added in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddDeltasTimesInputs<T>(Span<T> gradient, ReadOnlySpan<T> deltas, ReadOnlySpan<T> inputs, int examples)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (int rows, int columns) = Shape(gradient.Length, inputs.Length, deltas.Length, examples, nameof(deltas));
        AddDeltasTimesInputs<RuntimeShape, T>(gradient, deltas, inputs, rows, columns, examples);
    }

    /// <inheritdoc cref="AddDeltasTimesInputs{T}"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddDeltasTimesInputs<TShape, T>(Span<T> gradient, ReadOnlySpan<T> deltas, ReadOnlySpan<T> inputs, int examples)
        where TShape : struct, IDenseShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShape<TShape>(gradient.Length, inputs.Length, deltas.Length, examples);
        AddDeltasTimesInputs<TShape, T>(gradient, deltas, inputs, TShape.Outputs, TShape.Inputs, examples);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddDeltasTimesInputs<TShape, T>(Span<T> gradient, ReadOnlySpan<T> deltas, ReadOnlySpan<T> inputs, int rows, int columns, int examples)
        where TShape : struct, IDenseShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Width width = VectorWidths.For<T>(columns);
        if (width != Width.Scalar)
            inputs = AlignedInputs<T>.For(inputs, rows, columns);
        if (KernelTeam.For((long)rows * columns * examples) is { } team && rows >= 4 * team.Parts)
        {
            SharedDenseKernels.AddDeltasTimesInputs<TShape, T>(team, width, gradient, deltas, inputs, rows, columns, examples);
            return;
        }

        AddDeltasTimesInputs<TShape, T>(width, ref MemoryMarshal.GetReference(gradient), ref MemoryMarshal.GetReference(deltas),
            ref MemoryMarshal.GetReference(inputs), rows, columns, examples, 0, rows);
    }

    /// <summary>The weight gradient's rows <paramref name="firstRow"/> to <paramref name="endRow"/> (exclusive) at <paramref name="width"/>.</summary>
    internal static void AddDeltasTimesInputs<TShape, T>(Width width, ref T g, ref T d, ref T x, int rows, int columns, int examples, int firstRow, int endRow)
        where TShape : struct, IDenseShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (width)
        {
            case Width.Vector512: DenseKernelBodies<Width512<T>, Vector512<T>, T>.AddDeltasTimesInputs<TShape>(ref g, ref d, ref x, rows, columns, examples, firstRow, endRow); break;
            case Width.Vector256: DenseKernelBodies<Width256<T>, Vector256<T>, T>.AddDeltasTimesInputs<TShape>(ref g, ref d, ref x, rows, columns, examples, firstRow, endRow); break;
            case Width.Vector128: DenseKernelBodies<Width128<T>, Vector128<T>, T>.AddDeltasTimesInputs<TShape>(ref g, ref d, ref x, rows, columns, examples, firstRow, endRow); break;
            default: DenseKernelBodies<Scalar<T>, T, T>.AddDeltasTimesInputs<TShape>(ref g, ref d, ref x, rows, columns, examples, firstRow, endRow); break;
        }
    }

    /// <summary>
    /// <c>destination[j] += sum_e matrix[e, j]</c> over <paramref name="examples"/> rows: a batch's bias gradient, the sum of
    /// each example's deltas, added in.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // no slow first epochs: see DenseKernelBodies
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
    {
        CheckMatrix(gradient.Length, deltas.Length, input.Length, nameof(deltas));
        OuterProduct<RuntimeShape, T>(gradient, deltas, input, deltas.Length, input.Length, subtract: false, T.Zero);
    }

    /// <inheritdoc cref="AddOuterProduct{T}"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddOuterProduct<TShape, T>(Span<T> gradient, ReadOnlySpan<T> deltas, ReadOnlySpan<T> input)
        where TShape : struct, IDenseShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShape<TShape>(gradient.Length, input.Length, deltas.Length, examples: 1);
        OuterProduct<TShape, T>(gradient, deltas, input, TShape.Outputs, TShape.Inputs, subtract: false, T.Zero);
    }

    /// <summary>
    /// <c>weights[j, i] -= rate * (deltas[j] * input[i])</c>: a gradient-descent step on one example's weight gradient,
    /// bit for bit what <see cref="AddOuterProduct{T}"/> into zeros followed by <see cref="VectorMath.SubtractScaled"/> gives.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SubtractScaledOuterProduct<T>(Span<T> weights, ReadOnlySpan<T> deltas, ReadOnlySpan<T> input, T rate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckMatrix(weights.Length, deltas.Length, input.Length, nameof(deltas));
        OuterProduct<RuntimeShape, T>(weights, deltas, input, deltas.Length, input.Length, subtract: true, rate);
    }

    /// <inheritdoc cref="SubtractScaledOuterProduct{T}"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SubtractScaledOuterProduct<TShape, T>(Span<T> weights, ReadOnlySpan<T> deltas, ReadOnlySpan<T> input, T rate)
        where TShape : struct, IDenseShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShape<TShape>(weights.Length, input.Length, deltas.Length, examples: 1);
        OuterProduct<TShape, T>(weights, deltas, input, TShape.Outputs, TShape.Inputs, subtract: true, rate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OuterProduct<TShape, T>(Span<T> destination, ReadOnlySpan<T> deltas, ReadOnlySpan<T> input, int rows, int columns,
        bool subtract, T rate)
        where TShape : struct, IDenseShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T m = ref MemoryMarshal.GetReference(destination);
        ref T d = ref MemoryMarshal.GetReference(deltas);
        ref T x = ref MemoryMarshal.GetReference(input);
        switch (VectorWidths.For<T>(columns))
        {
            case Width.Vector512: DenseKernelBodies<Width512<T>, Vector512<T>, T>.OuterProduct<TShape>(ref m, ref d, ref x, rows, columns, subtract, rate); break;
            case Width.Vector256: DenseKernelBodies<Width256<T>, Vector256<T>, T>.OuterProduct<TShape>(ref m, ref d, ref x, rows, columns, subtract, rate); break;
            case Width.Vector128: DenseKernelBodies<Width128<T>, Vector128<T>, T>.OuterProduct<TShape>(ref m, ref d, ref x, rows, columns, subtract, rate); break;
            default: DenseKernelBodies<Scalar<T>, T, T>.OuterProduct<TShape>(ref m, ref d, ref x, rows, columns, subtract, rate); break;
        }
    }

    // ---- Length checks ----------------------------------------------------------------------------------------------

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

    /// <summary>
    /// Throws unless the matrix is exactly <typeparamref name="TShape"/>'s and the column-side (inputs) and row-side
    /// (outputs) buffers hold <paramref name="examples"/> of them. Constants to the JIT for a network's own buffers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckShape<TShape>(int matrixLength, int columnSideLength, int rowSideLength, int examples)
        where TShape : struct, IDenseShape
    {
        ShapeChecks.Dense<TShape>();
        if (matrixLength != TShape.Outputs * TShape.Inputs || examples <= 0
            || columnSideLength != (long)examples * TShape.Inputs || rowSideLength != (long)examples * TShape.Outputs)
            ThrowShapeMismatch(TShape.Outputs, TShape.Inputs, matrixLength, columnSideLength, rowSideLength, examples);
    }

    /// <summary>A layer has one bias per neuron, or none (an empty span).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckBiases(int biases, int rows)
    {
        if (biases != 0 && biases != rows)
            ThrowBiases(biases, rows);
    }

    private static void ThrowBiases(int biases, int rows)
        => throw new ArgumentException($"Expected {rows} biases (or none), but got {biases}.", nameof(biases));

    private static void ThrowExamples(int examples, int columnSideLength, int rowSideLength)
        => throw new ArgumentException(
            $"Expected a positive number of examples that divides both buffers ({columnSideLength} and {rowSideLength} values), but got {examples}.",
            nameof(examples));

    private static void ThrowShape(int matrixLength, int rows, int columns, string rowSideName)
        => throw new ArgumentException(
            $"A {rows} x {columns} matrix has {(long)rows * columns} values, but the matrix span has {matrixLength}.", rowSideName);

    private static void ThrowShapeMismatch(int rows, int columns, int matrixLength, int columnSideLength, int rowSideLength, int examples)
        => throw new ArgumentException(
            $"A {rows} x {columns} layer over {examples} example(s) needs a matrix of {(long)rows * columns} values, inputs of " +
            $"{(long)examples * columns} and outputs of {(long)examples * rows}, but got {matrixLength}, {columnSideLength} and {rowSideLength}.");
}
