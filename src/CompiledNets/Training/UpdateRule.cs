using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CompiledNets.Numerics;

namespace CompiledNets.Training;

/// <summary>The one place the mini-batch update is defined, so the single- and multi-threaded paths agree bit for bit.</summary>
internal static class UpdateRule
{
    /// <summary>
    /// Velocities smaller than this are set to zero. A parameter that stops receiving gradient (a weight of a pixel that
    /// is never lit) has its velocity multiplied by the momentum every step, down into the subnormal floats, where every
    /// multiply takes a slow microcode assist on Intel CPUs and .NET cannot turn on flush-to-zero: the digits sample
    /// trained at half speed from its third epoch on. A step of learning rate times 1e-30 moves no float parameter
    /// larger than about 1e-22 (and no double larger than 1e-14), so the flush changes nothing a network computes.
    /// </summary>
    public const double FlushBelow = 1e-30;

    /// <summary>
    /// Classical momentum on a range of parameters: v = momentum * v + meanScale * gradient, with |v| &lt;
    /// <see cref="FlushBelow"/> set to 0. Each value is computed as in the scalar formula (two products and a sum,
    /// never fused), at every vector width, so the result does not depend on how the range is split.
    /// </summary>
    public static void AccumulateVelocity<T>(Span<T> velocity, ReadOnlySpan<T> gradient, T momentum, T meanScale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SpanLength.Check(gradient.Length, velocity.Length, nameof(gradient));
        ref T v = ref MemoryMarshal.GetReference(velocity);
        ref T g = ref MemoryMarshal.GetReference(gradient);
        T tiny = T.CreateChecked(FlushBelow);
        int n = velocity.Length, k = 0;
        if (Simd.IsAllowed)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                Vector512<T> m = Vector512.Create(momentum), s = Vector512.Create(meanScale), t = Vector512.Create(tiny);
                for (; k <= n - Vector512<T>.Count; k += Vector512<T>.Count)
                {
                    Vector512<T> next = m * Vector512.LoadUnsafe(ref v, (nuint)k) + s * Vector512.LoadUnsafe(ref g, (nuint)k);
                    Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(next), t), Vector512<T>.Zero, next).StoreUnsafe(ref v, (nuint)k);
                }
            }

            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<T> m = Vector256.Create(momentum), s = Vector256.Create(meanScale), t = Vector256.Create(tiny);
                for (; k <= n - Vector256<T>.Count; k += Vector256<T>.Count)
                {
                    Vector256<T> next = m * Vector256.LoadUnsafe(ref v, (nuint)k) + s * Vector256.LoadUnsafe(ref g, (nuint)k);
                    Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(next), t), Vector256<T>.Zero, next).StoreUnsafe(ref v, (nuint)k);
                }
            }

            if (Vector128.IsHardwareAccelerated)
            {
                Vector128<T> m = Vector128.Create(momentum), s = Vector128.Create(meanScale), t = Vector128.Create(tiny);
                for (; k <= n - Vector128<T>.Count; k += Vector128<T>.Count)
                {
                    Vector128<T> next = m * Vector128.LoadUnsafe(ref v, (nuint)k) + s * Vector128.LoadUnsafe(ref g, (nuint)k);
                    Vector128.ConditionalSelect(Vector128.LessThan(Vector128.Abs(next), t), Vector128<T>.Zero, next).StoreUnsafe(ref v, (nuint)k);
                }
            }
        }

        for (; k < n; k++)
            Unsafe.Add(ref v, k) = Flush(momentum * Unsafe.Add(ref v, k) + meanScale * Unsafe.Add(ref g, k), tiny);
    }

    /// <summary>0 for |value| below <paramref name="tiny"/>; NaN and infinities pass, so divergence is still seen.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Flush<T>(T value, T tiny)
        where T : unmanaged, IFloatingPointIeee754<T>
        => T.Abs(value) < tiny ? T.Zero : value;
}
