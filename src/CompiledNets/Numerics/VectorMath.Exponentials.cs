using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CompiledNets.Numerics;

// The float tanh and sigmoid. Their vector forms call the vectors' exp, which rounds differently from the math
// library's MathF.Exp and MathF.Tanh. So that a value's result never depends on where it sits in the buffer, every
// value goes through the vector formula, the last one to three in a padded Vector128: one example's layer (a row of,
// say, 10 values) and a tile of 32 examples' (320 values, all in whole vectors) give the same bits. With SIMD switched
// off, or no vectors at all, every value takes the math library's formula, as small unrolled layers do.
//
// Each width spells out its loop, as before the padded tail; the Vector128 formula is a method, which that loop and the
// tail share. Written once over the width (an interface of formulas and one generic loop), the JIT inlined other parts
// of the vector exp and of the length check into the loops, and a layer of 8 or 16 tanh values took 5-6 ns more per
// example in the suite's UnrollLimit rows (HISTORY.md).
public static partial class VectorMath
{
    /// <summary>
    /// <c>destination[k] = tanh(source[k])</c>, as sign(z) * (1 - e) / (1 + e) with e = exp(-2|z|), which never
    /// overflows. Source and destination may be the same buffer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // no slow first epochs: see DenseKernelBodies
    public static void Tanh(ReadOnlySpan<float> source, Span<float> destination)
    {
        CheckLength(source.Length, destination.Length, nameof(destination));
        ref float z = ref MemoryMarshal.GetReference(source);
        ref float a = ref MemoryMarshal.GetReference(destination);
        int n = source.Length, k = 0;
        if (Simd.IsAllowed && Vector128.IsHardwareAccelerated)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                for (; k <= n - Vector512<float>.Count; k += Vector512<float>.Count)
                {
                    Vector512<float> x = Vector512.LoadUnsafe(ref z, (nuint)k);
                    Vector512<float> e = Vector512.Exp(Vector512.Create(-2f) * Vector512.Abs(x));
                    Vector512.StoreUnsafe(Vector512.CopySign((Vector512<float>.One - e) / (Vector512<float>.One + e), x), ref a, (nuint)k);
                }
            }

            if (Vector256.IsHardwareAccelerated)
            {
                for (; k <= n - Vector256<float>.Count; k += Vector256<float>.Count)
                {
                    Vector256<float> x = Vector256.LoadUnsafe(ref z, (nuint)k);
                    Vector256<float> e = Vector256.Exp(Vector256.Create(-2f) * Vector256.Abs(x));
                    Vector256.StoreUnsafe(Vector256.CopySign((Vector256<float>.One - e) / (Vector256<float>.One + e), x), ref a, (nuint)k);
                }
            }

            for (; k <= n - Vector128<float>.Count; k += Vector128<float>.Count)
                Vector128.StoreUnsafe(Tanh(Vector128.LoadUnsafe(ref z, (nuint)k)), ref a, (nuint)k);

            if (k < n)
                TanhOfLastFew(source[k..], destination[k..]);
            return;
        }

        for (; k < n; k++)
            Unsafe.Add(ref a, k) = MathF.Tanh(Unsafe.Add(ref z, k));
    }

    /// <summary>
    /// <c>destination[k] = 1 / (1 + exp(-source[k]))</c>; exp(-z) = infinity for very negative z gives exactly 0.
    /// Source and destination may be the same buffer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // no slow first epochs: see DenseKernelBodies
    public static void Sigmoid(ReadOnlySpan<float> source, Span<float> destination)
    {
        CheckLength(source.Length, destination.Length, nameof(destination));
        ref float z = ref MemoryMarshal.GetReference(source);
        ref float a = ref MemoryMarshal.GetReference(destination);
        int n = source.Length, k = 0;
        if (Simd.IsAllowed && Vector128.IsHardwareAccelerated)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                for (; k <= n - Vector512<float>.Count; k += Vector512<float>.Count)
                    Vector512.StoreUnsafe(Vector512<float>.One / (Vector512<float>.One + Vector512.Exp(-Vector512.LoadUnsafe(ref z, (nuint)k))), ref a, (nuint)k);
            }

            if (Vector256.IsHardwareAccelerated)
            {
                for (; k <= n - Vector256<float>.Count; k += Vector256<float>.Count)
                    Vector256.StoreUnsafe(Vector256<float>.One / (Vector256<float>.One + Vector256.Exp(-Vector256.LoadUnsafe(ref z, (nuint)k))), ref a, (nuint)k);
            }

            for (; k <= n - Vector128<float>.Count; k += Vector128<float>.Count)
                Vector128.StoreUnsafe(Sigmoid(Vector128.LoadUnsafe(ref z, (nuint)k)), ref a, (nuint)k);

            if (k < n)
                SigmoidOfLastFew(source[k..], destination[k..]);
            return;
        }

        for (; k < n; k++)
            Unsafe.Add(ref a, k) = 1f / (1f + MathF.Exp(-Unsafe.Add(ref z, k)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Tanh(Vector128<float> x)
    {
        Vector128<float> e = Vector128.Exp(Vector128.Create(-2f) * Vector128.Abs(x));
        return Vector128.CopySign((Vector128<float>.One - e) / (Vector128<float>.One + e), x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Sigmoid(Vector128<float> x) => Vector128<float>.One / (Vector128<float>.One + Vector128.Exp(-x));

    // The last one to three values: methods of their own, so that the loops above compile as they did with a scalar tail.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void TanhOfLastFew(ReadOnlySpan<float> source, Span<float> destination)
        => StoreLastFew(Tanh(LoadLastFew(source)), destination);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void SigmoidOfLastFew(ReadOnlySpan<float> source, Span<float> destination)
        => StoreLastFew(Sigmoid(LoadLastFew(source)), destination);

    /// <summary>
    /// One to three values in a vector padded with zeros, built in registers: written lane by lane in memory and loaded
    /// whole, it took 27-33 ns a call, against 6-10 ns this way and 20-24 ns for two MathF.Tanh calls (HISTORY.md).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> LoadLastFew(ReadOnlySpan<float> values)
    {
        ref float z = ref MemoryMarshal.GetReference(values);
        return values.Length switch
        {
            1 => Vector128.CreateScalar(z),
            2 => Vector128.Create(z, Unsafe.Add(ref z, 1), 0f, 0f),
            _ => Vector128.Create(z, Unsafe.Add(ref z, 1), Unsafe.Add(ref z, 2), 0f),
        };
    }

    /// <summary>The first <c>destination.Length</c> (one to three) lanes of <paramref name="values"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreLastFew(Vector128<float> values, Span<float> destination)
    {
        ref float a = ref MemoryMarshal.GetReference(destination);
        a = values.ToScalar();
        if (destination.Length > 1)
            Unsafe.Add(ref a, 1) = values.GetElement(1);
        if (destination.Length > 2)
            Unsafe.Add(ref a, 2) = values.GetElement(2);
    }
}
