using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CompiledNets.Numerics;

/// <summary>
/// The convolution layer's math, for one example, as generated networks call it. Images are channels x rows x columns
/// (PyTorch's layout); weights are [filters, in channels, kernel, kernel], then one bias per filter.
/// </summary>
/// <remarks>
/// A convolution is a matrix product once the input is rearranged: each kernel first copies, for each of the
/// InChannels * Kernel * Kernel kernel positions k = (c, i, j), the input value that position sees at every output
/// position p = (y, x) into row k of a patch matrix ("im2col", <see cref="Conv2DPatches"/>: patches[k, p], zeros where
/// the window hangs over the padding). Then z[f, p] = b[f] + sum_k W[f, k] * patches[k, p], vectorized along the positions with four filters'
/// sums in registers (<see cref="Conv2DKernelBodies{TWidth, TVector, T}"/>), written straight into the image layout.
/// Backward runs the same products the other way: W transposed times the deltas gives each patch value's delta, which
/// goes back where it came from; the deltas times the patches, transposed, give the weight gradient. The workspace
/// holds the patch matrix (and a gradient, for <see cref="SubtractScaledGradient"/>); <see cref="WorkspaceLength{TShape}"/>
/// says how long it must be.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Conv2DKernels
{
    /// <summary>Output positions: OutHeight * OutWidth.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Positions<TShape>() where TShape : struct, IConv2DShape => TShape.OutHeight * TShape.OutWidth;

    /// <summary>The values of working memory each kernel needs: the patch matrix, and a weight and bias gradient for <see cref="SubtractScaledGradient"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WorkspaceLength<TShape>() where TShape : struct, IConv2DShape
        => TShape.Inputs * Positions<TShape>() + TShape.Outputs * (TShape.Inputs + 1);

    /// <summary>
    /// Whether the weight gradient is taken as dot products along the positions, each summed across its vector's lanes
    /// at the end: worth it when there are many positions (576 in a first layer on 28 x 28). With few (64 in a second
    /// layer), the lane sums would cost as much as the products, so the patches are gathered position by position
    /// instead and the gradient is a product vectorized along the patch values, added straight into the weights' layout.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SumsPositionsInRegisters<TShape>() where TShape : struct, IConv2DShape => Positions<TShape>() >= 256;

    /// <summary><c>output[f, y, x] = biases[f] + sum_c,i,j weights[f, c, i, j] * input[c, y*s + i - p, x*s + j - p]</c>; empty biases for none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<TShape, T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> biases, ReadOnlySpan<T> input, Span<T> output, Span<T> workspace)
        where TShape : struct, IConv2DShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckImages<TShape>(input.Length, output.Length, workspace.Length);
        CheckParameters<TShape>(weights.Length, biases.Length);
        int positions = Positions<TShape>();
        Span<T> patches = workspace.Slice(0, TShape.Inputs * positions);
        Conv2DPatches.Gather<TShape, T>(input, patches);
        ref T w = ref MemoryMarshal.GetReference(weights);
        ref T b = ref MemoryMarshal.GetReference(biases);
        ref T x = ref MemoryMarshal.GetReference(patches);
        ref T y = ref MemoryMarshal.GetReference(output);
        bool hasBias = !biases.IsEmpty;
        int filters = TShape.Outputs, inner = TShape.Inputs;
        switch (VectorWidths.For<T>(positions))
        {
            case Width.Vector512: Conv2DKernelBodies<Width512<T>, Vector512<T>, T>.Product(ref w, inner, 1, ref x, ref b, hasBias, ref y, filters, inner, positions); break;
            case Width.Vector256: Conv2DKernelBodies<Width256<T>, Vector256<T>, T>.Product(ref w, inner, 1, ref x, ref b, hasBias, ref y, filters, inner, positions); break;
            case Width.Vector128: Conv2DKernelBodies<Width128<T>, Vector128<T>, T>.Product(ref w, inner, 1, ref x, ref b, hasBias, ref y, filters, inner, positions); break;
            default: Conv2DKernelBodies<Scalar<T>, T, T>.Product(ref w, inner, 1, ref x, ref b, hasBias, ref y, filters, inner, positions); break;
        }
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
        CheckParameters<TShape>(weights.Length, 0);
        int positions = Positions<TShape>();
        Span<T> patchDeltas = workspace.Slice(0, TShape.Inputs * positions);
        // patchDeltas[k, p] = sum_f W[f, k] * deltas[f, p]: W read transposed (row k at k, column f at f * Inputs).
        ref T w = ref MemoryMarshal.GetReference(weights);
        ref T d = ref MemoryMarshal.GetReference(deltas);
        ref T r = ref MemoryMarshal.GetReference(patchDeltas);
        int filters = TShape.Outputs, patchSize = TShape.Inputs;
        switch (VectorWidths.For<T>(positions))
        {
            case Width.Vector512: Conv2DKernelBodies<Width512<T>, Vector512<T>, T>.Product(ref w, 1, patchSize, ref d, ref w, false, ref r, patchSize, filters, positions); break;
            case Width.Vector256: Conv2DKernelBodies<Width256<T>, Vector256<T>, T>.Product(ref w, 1, patchSize, ref d, ref w, false, ref r, patchSize, filters, positions); break;
            case Width.Vector128: Conv2DKernelBodies<Width128<T>, Vector128<T>, T>.Product(ref w, 1, patchSize, ref d, ref w, false, ref r, patchSize, filters, positions); break;
            default: Conv2DKernelBodies<Scalar<T>, T, T>.Product(ref w, 1, patchSize, ref d, ref w, false, ref r, patchSize, filters, positions); break;
        }

        Conv2DPatches.Scatter<TShape, T>(patchDeltas, inputDeltas);
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
        CheckParameters<TShape>(weightGradient.Length, biasGradient.Length);
        AddGradientUnchecked<TShape, T>(weightGradient, biasGradient, deltas, input, workspace);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddGradientUnchecked<TShape, T>(Span<T> weightGradient, Span<T> biasGradient, ReadOnlySpan<T> deltas, ReadOnlySpan<T> input, Span<T> workspace)
        where TShape : struct, IConv2DShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int positions = Positions<TShape>();
        Span<T> patches = workspace.Slice(0, TShape.Inputs * positions);
        if (!SumsPositionsInRegisters<TShape>())
        {
            AddGradientByPosition<TShape, T>(weightGradient, biasGradient, deltas, input, patches);
            return;
        }

        Conv2DPatches.Gather<TShape, T>(input, patches);

        ref T d = ref MemoryMarshal.GetReference(deltas);
        ref T q = ref MemoryMarshal.GetReference(patches);
        ref T g = ref MemoryMarshal.GetReference(weightGradient);
        ref T gb = ref MemoryMarshal.GetReference(biasGradient);
        int filters = TShape.Outputs, patchSize = TShape.Inputs;
        bool hasBias = !biasGradient.IsEmpty;
        switch (VectorWidths.For<T>(positions))
        {
            case Width.Vector512:
                Conv2DKernelBodies<Width512<T>, Vector512<T>, T>.AddDeltasTimesPatches(ref d, ref q, ref g, filters, patchSize, positions);
                if (hasBias) Conv2DKernelBodies<Width512<T>, Vector512<T>, T>.AddRowSums(ref d, ref gb, filters, positions);
                break;
            case Width.Vector256:
                Conv2DKernelBodies<Width256<T>, Vector256<T>, T>.AddDeltasTimesPatches(ref d, ref q, ref g, filters, patchSize, positions);
                if (hasBias) Conv2DKernelBodies<Width256<T>, Vector256<T>, T>.AddRowSums(ref d, ref gb, filters, positions);
                break;
            case Width.Vector128:
                Conv2DKernelBodies<Width128<T>, Vector128<T>, T>.AddDeltasTimesPatches(ref d, ref q, ref g, filters, patchSize, positions);
                if (hasBias) Conv2DKernelBodies<Width128<T>, Vector128<T>, T>.AddRowSums(ref d, ref gb, filters, positions);
                break;
            default:
                Conv2DKernelBodies<Scalar<T>, T, T>.AddDeltasTimesPatches(ref d, ref q, ref g, filters, patchSize, positions);
                if (hasBias) Conv2DKernelBodies<Scalar<T>, T, T>.AddRowSums(ref d, ref gb, filters, positions);
                break;
        }
    }

    /// <summary>
    /// The weight gradient as weightGradient[f, k] += sum_p deltas[f, p] * patchRows[p, k], with the patches gathered one
    /// row per position, vectorized along the patch values (the long side when positions are few); the bias gradient as
    /// sums of the deltas' rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddGradientByPosition<TShape, T>(Span<T> weightGradient, Span<T> biasGradient, ReadOnlySpan<T> deltas, ReadOnlySpan<T> input, Span<T> patchRows)
        where TShape : struct, IConv2DShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Conv2DPatches.GatherByPosition<TShape, T>(input, patchRows);
        int positions = Positions<TShape>(), filters = TShape.Outputs, patchSize = TShape.Inputs;
        ref T d = ref MemoryMarshal.GetReference(deltas);
        ref T q = ref MemoryMarshal.GetReference(patchRows);
        ref T g = ref MemoryMarshal.GetReference(weightGradient);
        switch (VectorWidths.For<T>(patchSize))
        {
            case Width.Vector512: Conv2DKernelBodies<Width512<T>, Vector512<T>, T>.Product(ref d, positions, 1, ref q, ref d, false, ref g, filters, positions, patchSize, accumulate: true); break;
            case Width.Vector256: Conv2DKernelBodies<Width256<T>, Vector256<T>, T>.Product(ref d, positions, 1, ref q, ref d, false, ref g, filters, positions, patchSize, accumulate: true); break;
            case Width.Vector128: Conv2DKernelBodies<Width128<T>, Vector128<T>, T>.Product(ref d, positions, 1, ref q, ref d, false, ref g, filters, positions, patchSize, accumulate: true); break;
            default: Conv2DKernelBodies<Scalar<T>, T, T>.Product(ref d, positions, 1, ref q, ref d, false, ref g, filters, positions, patchSize, accumulate: true); break;
        }

        if (!biasGradient.IsEmpty)
        {
            ref T gb = ref MemoryMarshal.GetReference(biasGradient);
            switch (VectorWidths.For<T>(positions))
            {
                case Width.Vector512: Conv2DKernelBodies<Width512<T>, Vector512<T>, T>.AddRowSums(ref d, ref gb, filters, positions); break;
                case Width.Vector256: Conv2DKernelBodies<Width256<T>, Vector256<T>, T>.AddRowSums(ref d, ref gb, filters, positions); break;
                case Width.Vector128: Conv2DKernelBodies<Width128<T>, Vector128<T>, T>.AddRowSums(ref d, ref gb, filters, positions); break;
                default: Conv2DKernelBodies<Scalar<T>, T, T>.AddRowSums(ref d, ref gb, filters, positions); break;
            }
        }
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
        CheckParameters<TShape>(weights.Length, biases.Length);
        int used = TShape.Inputs * Positions<TShape>();
        Span<T> weightGradient = workspace.Slice(used, TShape.Outputs * TShape.Inputs);
        Span<T> biasGradient = biases.IsEmpty ? default : workspace.Slice(used + weightGradient.Length, TShape.Outputs);
        weightGradient.Clear();
        biasGradient.Clear();
        AddGradientUnchecked<TShape, T>(weightGradient, biasGradient, deltas, input, workspace);
        VectorMath.SubtractScaled(weights, weightGradient, rate);
        if (!biases.IsEmpty)
            VectorMath.SubtractScaled(biases, biasGradient, rate);
    }

    /// <summary>Throws unless the weights (or their gradient) and the biases have the layer's lengths (constants to the JIT).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckParameters<TShape>(int weights, int biases)
        where TShape : struct, IConv2DShape
    {
        if (weights != TShape.Inputs * TShape.Outputs || (biases != 0 && biases != TShape.Outputs))
            ThrowParameters(TShape.Inputs * TShape.Outputs, TShape.Outputs, weights, biases);
    }

    private static void ThrowParameters(int weights, int biases, int weightLength, int biasLength)
        => throw new ArgumentException($"The convolution has {weights} weights and {biases} biases (or none), but got {weightLength} and {biasLength}.");

    /// <summary>Throws unless the image spans and the workspace have the lengths the shape needs (constants to the JIT).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckImages<TShape>(int inputLength, int outputLength, int workspaceLength)
        where TShape : struct, IConv2DShape
    {
        ShapeChecks.Conv<TShape>();
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
