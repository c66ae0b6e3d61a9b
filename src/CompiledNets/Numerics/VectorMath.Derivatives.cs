using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // no slow first epochs: see DenseKernelBodies
    public static void MultiplyByReluDerivative<T>(Span<T> deltas, ReadOnlySpan<T> outputs, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (deltas.Length != outputs.Length)
            throw new ArgumentException($"Expected {outputs.Length} deltas, but got {deltas.Length}.", nameof(deltas));
        ref T d = ref MemoryMarshal.GetReference(deltas);
        ref T a = ref MemoryMarshal.GetReference(outputs);
        int n = deltas.Length, k = 0;
        if (Simd.IsAllowed)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                Vector512<T> s = Vector512.Create(slope);
                for (; k <= n - Vector512<T>.Count; k += Vector512<T>.Count)
                {
                    Vector512<T> factor = Vector512.ConditionalSelect(Vector512.GreaterThan(Vector512.LoadUnsafe(ref a, (nuint)k), Vector512<T>.Zero), Vector512<T>.One, s);
                    (Vector512.LoadUnsafe(ref d, (nuint)k) * factor).StoreUnsafe(ref d, (nuint)k);
                }
            }

            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<T> s = Vector256.Create(slope);
                for (; k <= n - Vector256<T>.Count; k += Vector256<T>.Count)
                {
                    Vector256<T> factor = Vector256.ConditionalSelect(Vector256.GreaterThan(Vector256.LoadUnsafe(ref a, (nuint)k), Vector256<T>.Zero), Vector256<T>.One, s);
                    (Vector256.LoadUnsafe(ref d, (nuint)k) * factor).StoreUnsafe(ref d, (nuint)k);
                }
            }

            if (Vector128.IsHardwareAccelerated)
            {
                Vector128<T> s = Vector128.Create(slope);
                for (; k <= n - Vector128<T>.Count; k += Vector128<T>.Count)
                {
                    Vector128<T> factor = Vector128.ConditionalSelect(Vector128.GreaterThan(Vector128.LoadUnsafe(ref a, (nuint)k), Vector128<T>.Zero), Vector128<T>.One, s);
                    (Vector128.LoadUnsafe(ref d, (nuint)k) * factor).StoreUnsafe(ref d, (nuint)k);
                }
            }
        }

        for (; k < n; k++)
            Unsafe.Add(ref d, k) *= Unsafe.Add(ref a, k) > T.Zero ? T.One : slope;
    }

    /// <summary><c>deltas[k] *= 1 - outputs[k]^2</c>: tanh's derivative, read from its outputs.</summary>
    public static void MultiplyByTanhDerivative<T>(Span<T> deltas, ReadOnlySpan<T> outputs)
        where T : unmanaged, IFloatingPointIeee754<T>
        => MultiplyByDerivative<T, TanhDerivative<T>>(deltas, outputs);

    /// <summary><c>deltas[k] *= outputs[k] * (1 - outputs[k])</c>: the sigmoid's derivative, read from its outputs.</summary>
    public static void MultiplyBySigmoidDerivative<T>(Span<T> deltas, ReadOnlySpan<T> outputs)
        where T : unmanaged, IFloatingPointIeee754<T>
        => MultiplyByDerivative<T, SigmoidDerivative<T>>(deltas, outputs);

    /// <summary>deltas[k] *= TDerivative.Of(outputs[k]), at the widest accelerated width, then scalar.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // no slow first epochs: see DenseKernelBodies
    private static void MultiplyByDerivative<T, TDerivative>(Span<T> deltas, ReadOnlySpan<T> outputs)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TDerivative : IDerivativeFromOutput<T>
    {
        if (deltas.Length != outputs.Length)
            throw new ArgumentException($"Expected {outputs.Length} deltas, but got {deltas.Length}.", nameof(deltas));
        ref T d = ref MemoryMarshal.GetReference(deltas);
        ref T a = ref MemoryMarshal.GetReference(outputs);
        int n = deltas.Length, k = 0;
        if (Simd.IsAllowed)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                for (; k <= n - Vector512<T>.Count; k += Vector512<T>.Count)
                    (Vector512.LoadUnsafe(ref d, (nuint)k) * TDerivative.Of(Vector512.LoadUnsafe(ref a, (nuint)k))).StoreUnsafe(ref d, (nuint)k);
            }

            if (Vector256.IsHardwareAccelerated)
            {
                for (; k <= n - Vector256<T>.Count; k += Vector256<T>.Count)
                    (Vector256.LoadUnsafe(ref d, (nuint)k) * TDerivative.Of(Vector256.LoadUnsafe(ref a, (nuint)k))).StoreUnsafe(ref d, (nuint)k);
            }

            if (Vector128.IsHardwareAccelerated)
            {
                for (; k <= n - Vector128<T>.Count; k += Vector128<T>.Count)
                    (Vector128.LoadUnsafe(ref d, (nuint)k) * TDerivative.Of(Vector128.LoadUnsafe(ref a, (nuint)k))).StoreUnsafe(ref d, (nuint)k);
            }
        }

        for (; k < n; k++)
            Unsafe.Add(ref d, k) *= TDerivative.Of(Unsafe.Add(ref a, k));
    }

    /// <summary>f'(z) written in terms of the output a = f(z), at each width.</summary>
    private interface IDerivativeFromOutput<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        static abstract T Of(T a);
        static abstract Vector128<T> Of(Vector128<T> a);
        static abstract Vector256<T> Of(Vector256<T> a);
        static abstract Vector512<T> Of(Vector512<T> a);
    }

    /// <summary>tanh'(z) = 1 - a^2.</summary>
    private readonly struct TanhDerivative<T> : IDerivativeFromOutput<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static T Of(T a) => T.One - a * a;
        public static Vector128<T> Of(Vector128<T> a) => Vector128<T>.One - a * a;
        public static Vector256<T> Of(Vector256<T> a) => Vector256<T>.One - a * a;
        public static Vector512<T> Of(Vector512<T> a) => Vector512<T>.One - a * a;
    }

    /// <summary>sigmoid'(z) = a * (1 - a).</summary>
    private readonly struct SigmoidDerivative<T> : IDerivativeFromOutput<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static T Of(T a) => a * (T.One - a);
        public static Vector128<T> Of(Vector128<T> a) => a * (Vector128<T>.One - a);
        public static Vector256<T> Of(Vector256<T> a) => a * (Vector256<T>.One - a);
        public static Vector512<T> Of(Vector512<T> a) => a * (Vector512<T>.One - a);
    }
}
