using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CompiledNets.Numerics;

// The activations' derivatives for backpropagation, read from the layer's outputs a (which the forward pass kept):
// deltas[k] *= f'(a[k]) turns dL/da into dL/dz. Each gives exactly the bits of the scalar formula the generated code
// writes for small layers (the same operations in the same order, and no fused multiply-add), so a network's result
// does not depend on which form ran.
public static partial class VectorMath
{
    /// <summary>
    /// <c>deltas[k] *= outputs[k] &gt; 0 ? 1 : slope</c>: the (leaky) ReLU's derivative, read from its outputs, multiplied
    /// in without branches; the same bits as the scalar formula.
    /// </summary>
    public static void MultiplyByReluDerivative<T>(Span<T> deltas, ReadOnlySpan<T> outputs, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        => MultiplyByDerivative(deltas, outputs, new ReluDerivative<T>(slope));

    /// <summary><c>deltas[k] *= 1 - outputs[k]^2</c>: tanh's derivative, read from its outputs.</summary>
    public static void MultiplyByTanhDerivative<T>(Span<T> deltas, ReadOnlySpan<T> outputs)
        where T : unmanaged, IFloatingPointIeee754<T>
        => MultiplyByDerivative(deltas, outputs, default(TanhDerivative<T>));

    /// <summary><c>deltas[k] *= outputs[k] * (1 - outputs[k])</c>: the sigmoid's derivative, read from its outputs.</summary>
    public static void MultiplyBySigmoidDerivative<T>(Span<T> deltas, ReadOnlySpan<T> outputs)
        where T : unmanaged, IFloatingPointIeee754<T>
        => MultiplyByDerivative(deltas, outputs, default(SigmoidDerivative<T>));

    /// <summary>deltas[k] *= derivative.Of(outputs[k]), at the widest accelerated width, then scalar.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // no slow first epochs: see DenseKernelBodies
    private static void MultiplyByDerivative<T, TDerivative>(Span<T> deltas, ReadOnlySpan<T> outputs, TDerivative derivative)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TDerivative : struct, IDerivativeFromOutput<T>
    {
        if (deltas.Length != outputs.Length)
            throw new ArgumentException($"Expected {outputs.Length} deltas, but got {deltas.Length}.", nameof(deltas));
        var formula = new MultiplyByDerivativeFormula<T, TDerivative>(deltas, outputs, derivative);
        Elementwise.Run<MultiplyByDerivativeFormula<T, TDerivative>, T>(ref formula, deltas.Length);
    }

    /// <summary>d * f'(a).</summary>
    private readonly ref struct MultiplyByDerivativeFormula<T, TDerivative>(
        Span<T> deltas, ReadOnlySpan<T> outputs, TDerivative derivative) : IElementwiseFormula<T>
        where T : unmanaged, IFloatingPointIeee754<T>
        where TDerivative : struct, IDerivativeFromOutput<T>
    {
        private readonly ref T _d = ref MemoryMarshal.GetReference(deltas);
        private readonly ref T _a = ref MemoryMarshal.GetReference(outputs);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply<TWidth, TVector>(nuint index)
            where TWidth : struct, IVectorWidth<TVector, T>
            where TVector : struct
            => TWidth.Store(TWidth.Multiply(TWidth.Load(ref _d, index), derivative.Of<TWidth, TVector>(TWidth.Load(ref _a, index))), ref _d, index);
    }

    /// <summary>f'(z) written in terms of the output a = f(z), at any width.</summary>
    private interface IDerivativeFromOutput<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TVector Of<TWidth, TVector>(TVector a)
            where TWidth : struct, IVectorWidth<TVector, T>
            where TVector : struct;
    }

    /// <summary>relu'(z) = a &gt; 0 ? 1 : slope (0 for ReLU, the leak for leaky ReLU).</summary>
    private readonly struct ReluDerivative<T>(T slope) : IDerivativeFromOutput<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TVector Of<TWidth, TVector>(TVector a)
            where TWidth : struct, IVectorWidth<TVector, T>
            where TVector : struct
            => TWidth.SelectWherePositive(a, TWidth.One, TWidth.Broadcast(slope));
    }

    /// <summary>tanh'(z) = 1 - a^2.</summary>
    private readonly struct TanhDerivative<T> : IDerivativeFromOutput<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TVector Of<TWidth, TVector>(TVector a)
            where TWidth : struct, IVectorWidth<TVector, T>
            where TVector : struct
            => TWidth.Subtract(TWidth.One, TWidth.Multiply(a, a));
    }

    /// <summary>sigmoid'(z) = a * (1 - a).</summary>
    private readonly struct SigmoidDerivative<T> : IDerivativeFromOutput<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TVector Of<TWidth, TVector>(TVector a)
            where TWidth : struct, IVectorWidth<TVector, T>
            where TVector : struct
            => TWidth.Multiply(a, TWidth.Subtract(TWidth.One, a));
    }
}
