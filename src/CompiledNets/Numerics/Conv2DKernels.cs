using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace CompiledNets.Numerics;

/// <summary>
/// The convolution layer's math, for one example, as generated networks call it. Images are channels x rows x columns
/// (PyTorch's layout); weights are [filters, in channels, kernel, kernel], then one bias per filter.
/// </summary>
/// <remarks>
/// A convolution is a dense layer applied at every output position to the patch of input under the kernel. So each
/// kernel first copies the patches into rows ("im2col": row p holds the InChannels * Kernel * Kernel values output
/// position p sees, zeros where the window hangs over the padding), then runs the tuned, vectorized
/// <see cref="DenseKernels"/> over the positions as if they were a batch of examples: each weight loaded serves many
/// positions. The dense kernels work position by position (row p of their output is position p's filters), so the
/// results are transposed into the filter-by-position layout of an image. The workspace holds the patch rows and one
/// transposed image; <see cref="WorkspaceLength{TShape}"/> says how long it must be.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Conv2DKernels
{
    /// <summary>Output positions: OutHeight * OutWidth.</summary>
    private static int Positions<TShape>() where TShape : struct, IConv2DShape => TShape.OutHeight * TShape.OutWidth;

    /// <summary>
    /// The values of working memory each kernel needs: the patch rows (positions x patch), one image in position-major
    /// order (positions x filters), and a weight and bias gradient for <see cref="SubtractScaledGradient"/>.
    /// </summary>
    public static int WorkspaceLength<TShape>() where TShape : struct, IConv2DShape
        => Positions<TShape>() * (TShape.Inputs + TShape.Outputs) + TShape.Outputs * (TShape.Inputs + 1);

    /// <summary><c>output[f, y, x] = biases[f] + sum_c,i,j weights[f, c, i, j] * input[c, y*s + i - p, x*s + j - p]</c>; empty biases for none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<TShape, T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> biases, ReadOnlySpan<T> input, Span<T> output, Span<T> workspace)
        where TShape : struct, IConv2DShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckImages<TShape>(input.Length, output.Length, workspace.Length);
        int positions = Positions<TShape>();
        Span<T> patches = workspace.Slice(0, positions * TShape.Inputs);
        Span<T> byPosition = workspace.Slice(patches.Length, positions * TShape.Outputs);
        GatherPatches<TShape, T>(input, patches);
        DenseKernels.MatrixTimesMatrix<TShape, T>(weights, biases, patches, byPosition, positions);
        Transpose(byPosition, output, positions, TShape.Outputs);
    }

    /// <summary>
    /// <c>inputDeltas[c, y, x] = sum over the outputs o whose window covers (c, y, x) of weights[f, c, i, j] * deltas[f, o]</c>:
    /// dL/d(input) from dL/d(output), overwriting <paramref name="inputDeltas"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void InputDeltas<TShape, T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> deltas, Span<T> inputDeltas, Span<T> workspace)
        where TShape : struct, IConv2DShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckImages<TShape>(inputDeltas.Length, deltas.Length, workspace.Length);
        int positions = Positions<TShape>();
        Span<T> patchDeltas = workspace.Slice(0, positions * TShape.Inputs);
        Span<T> byPosition = workspace.Slice(patchDeltas.Length, positions * TShape.Outputs);
        Transpose(deltas, byPosition, TShape.Outputs, positions);
        DenseKernels.TransposedTimesMatrix<TShape, T>(weights, byPosition, patchDeltas, positions);
        ScatterPatches<TShape, T>(patchDeltas, inputDeltas);
    }

    /// <summary>
    /// <c>weightGradient[f, c, i, j] += sum_y,x deltas[f, y, x] * input[c, y*s + i - p, x*s + j - p]</c> and
    /// <c>biasGradient[f] += sum_y,x deltas[f, y, x]</c> (empty for a layer without biases).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddGradient<TShape, T>(Span<T> weightGradient, Span<T> biasGradient, ReadOnlySpan<T> deltas, ReadOnlySpan<T> input, Span<T> workspace)
        where TShape : struct, IConv2DShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckImages<TShape>(input.Length, deltas.Length, workspace.Length);
        AddGradientUnchecked<TShape, T>(weightGradient, biasGradient, deltas, input, workspace);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddGradientUnchecked<TShape, T>(Span<T> weightGradient, Span<T> biasGradient, ReadOnlySpan<T> deltas, ReadOnlySpan<T> input, Span<T> workspace)
        where TShape : struct, IConv2DShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int positions = Positions<TShape>();
        Span<T> patches = workspace.Slice(0, positions * TShape.Inputs);
        Span<T> byPosition = workspace.Slice(patches.Length, positions * TShape.Outputs);
        GatherPatches<TShape, T>(input, patches);
        Transpose(deltas, byPosition, TShape.Outputs, positions);
        DenseKernels.AddDeltasTimesInputs<TShape, T>(weightGradient, byPosition, patches, positions);
        if (!biasGradient.IsEmpty)
            DenseKernels.AddColumnSums<T>(biasGradient, byPosition, positions);
    }

    /// <summary>
    /// A gradient-descent step in place: <c>weights -= rate * dL/dweights</c>, <c>biases -= rate * dL/dbiases</c>, bit for
    /// bit what <see cref="AddGradient"/> into zeros followed by <see cref="VectorMath.SubtractScaled"/> gives.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SubtractScaledGradient<TShape, T>(Span<T> weights, Span<T> biases, ReadOnlySpan<T> deltas, ReadOnlySpan<T> input, T rate, Span<T> workspace)
        where TShape : struct, IConv2DShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckImages<TShape>(input.Length, deltas.Length, workspace.Length);
        int used = Positions<TShape>() * (TShape.Inputs + TShape.Outputs);
        Span<T> weightGradient = workspace.Slice(used, TShape.Outputs * TShape.Inputs);
        Span<T> biasGradient = biases.IsEmpty ? default : workspace.Slice(used + weightGradient.Length, TShape.Outputs);
        weightGradient.Clear();
        biasGradient.Clear();
        AddGradientUnchecked<TShape, T>(weightGradient, biasGradient, deltas, input, workspace);
        VectorMath.SubtractScaled(weights, weightGradient, rate);
        if (!biases.IsEmpty)
            VectorMath.SubtractScaled(biases, biasGradient, rate);
    }

    /// <summary>patches[p, (c, i, j)] = input[c, y*s + i - pad, x*s + j - pad] for output position p = (y, x), or 0 in the padding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GatherPatches<TShape, T>(ReadOnlySpan<T> input, Span<T> patches)
        where TShape : struct, IConv2DShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = TShape.Kernel, height = TShape.InHeight, width = TShape.InWidth;
        int row = 0;
        for (int y = 0; y < TShape.OutHeight; y++)
        {
            for (int x = 0; x < TShape.OutWidth; x++)
            {
                Span<T> patch = patches.Slice(row, TShape.Inputs);
                row += TShape.Inputs;
                int top = y * TShape.Stride - TShape.Padding, left = x * TShape.Stride - TShape.Padding;
                int n = 0;
                for (int c = 0; c < TShape.InChannels; c++)
                {
                    for (int i = 0; i < k; i++)
                    {
                        int sourceRow = top + i;
                        bool rowInside = (uint)sourceRow < (uint)height;
                        int rowStart = (c * height + sourceRow) * width;
                        for (int j = 0; j < k; j++, n++)
                        {
                            int sourceColumn = left + j;
                            patch[n] = rowInside && (uint)sourceColumn < (uint)width ? input[rowStart + sourceColumn] : T.Zero;
                        }
                    }
                }
            }
        }
    }

    /// <summary>The reverse of <see cref="GatherPatches"/>: each patch value added back where it came from (the padding's dropped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScatterPatches<TShape, T>(ReadOnlySpan<T> patches, Span<T> image)
        where TShape : struct, IConv2DShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        image.Clear();
        int k = TShape.Kernel, height = TShape.InHeight, width = TShape.InWidth;
        int row = 0;
        for (int y = 0; y < TShape.OutHeight; y++)
        {
            for (int x = 0; x < TShape.OutWidth; x++)
            {
                ReadOnlySpan<T> patch = patches.Slice(row, TShape.Inputs);
                row += TShape.Inputs;
                int top = y * TShape.Stride - TShape.Padding, left = x * TShape.Stride - TShape.Padding;
                int n = 0;
                for (int c = 0; c < TShape.InChannels; c++)
                {
                    for (int i = 0; i < k; i++)
                    {
                        int targetRow = top + i;
                        if ((uint)targetRow >= (uint)height)
                        {
                            n += k;
                            continue;
                        }

                        int rowStart = (c * height + targetRow) * width;
                        for (int j = 0; j < k; j++, n++)
                        {
                            int targetColumn = left + j;
                            if ((uint)targetColumn < (uint)width)
                                image[rowStart + targetColumn] += patch[n];
                        }
                    }
                }
            }
        }
    }

    /// <summary>destination[c, r] = source[r, c] for a source of <paramref name="rows"/> x <paramref name="columns"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose<T>(ReadOnlySpan<T> source, Span<T> destination, int rows, int columns)
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> sourceRow = source.Slice(r * columns, columns);
            for (int c = 0; c < sourceRow.Length; c++)
                destination[c * rows + r] = sourceRow[c];
        }
    }

    /// <summary>Throws unless the image spans and the workspace have the lengths the shape needs (constants to the JIT).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckImages<TShape>(int inputLength, int outputLength, int workspaceLength)
        where TShape : struct, IConv2DShape
    {
        int inputs = TShape.InChannels * TShape.InHeight * TShape.InWidth;
        int outputs = TShape.Outputs * Positions<TShape>();
        if (inputLength != inputs || outputLength != outputs || workspaceLength < WorkspaceLength<TShape>())
            ThrowImages(inputs, outputs, WorkspaceLength<TShape>(), inputLength, outputLength, workspaceLength);
    }

    private static void ThrowImages(int inputs, int outputs, int workspace, int inputLength, int outputLength, int workspaceLength)
        => throw new ArgumentException(
            $"The convolution reads {inputs} input values and writes {outputs} with a workspace of at least {workspace}, " +
            $"but got {inputLength}, {outputLength} and {workspaceLength}.");
}
