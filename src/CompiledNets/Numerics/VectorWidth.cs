using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CompiledNets.Numerics;

/// <summary>
/// One vector width seen through static members, so that a kernel is written once (generic over the width) and the
/// JIT compiles it per width with every member inlined. <see cref="Scalar{T}"/> is the width of one, which gives the
/// same kernels a plain scalar form for machines without SIMD and for the <c>CompiledNets.DisableSimd</c> switch.
/// </summary>
/// <typeparam name="TVector">The vector type: <c>Vector512&lt;T&gt;</c>, <c>Vector256&lt;T&gt;</c>, <c>Vector128&lt;T&gt;</c> or T itself.</typeparam>
/// <typeparam name="T">float or double.</typeparam>
internal interface IVectorWidth<TVector, T>
    where TVector : struct
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Values per vector.</summary>
    static abstract int Count { get; }

    static abstract TVector Zero { get; }

    static abstract TVector One { get; }

    static abstract TVector Load(ref T source, nuint offset);

    static abstract void Store(TVector value, ref T destination, nuint offset);

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TVector Broadcast(T value);

    /// <summary><c>a * b + addend</c>, fused where the hardware has FMA (one rounding), else a multiply and an add.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector addend);

    static abstract TVector Add(TVector a, TVector b);

    static abstract TVector Subtract(TVector a, TVector b);

    static abstract TVector Multiply(TVector a, TVector b);

    static abstract TVector Divide(TVector a, TVector b);

    /// <summary>The square root of each lane, correctly rounded (as <c>T.Sqrt</c>), so every width gives the same bits.</summary>
    static abstract TVector Sqrt(TVector value);

    /// <summary>0 in the lanes whose magnitude is below <paramref name="tiny"/>; the others (NaN included) unchanged.</summary>
    static abstract TVector FlushBelow(TVector value, TVector tiny);

    /// <summary>
    /// <paramref name="ifPositive"/> in the lanes where <paramref name="test"/> is above zero, <paramref name="otherwise"/>
    /// in the rest (zero, negative and NaN): a ReLU and its derivative, without branches in the vector forms.
    /// </summary>
    static abstract TVector SelectWherePositive(TVector test, TVector ifPositive, TVector otherwise);

    /// <summary>
    /// The sum of the lanes, as a tree: the upper half added to the lower until one lane is left. Fewer and shorter
    /// dependency chains than Vector512.Sum, which adds each 128-bit quarter's lanes separately; a dot product of a
    /// short row spends most of its time here.
    /// </summary>
    static abstract T Sum(TVector value);
}

/// <summary>Which width the kernels run at: the widest the machine accelerates that fits the data, or scalar.</summary>
internal enum Width
{
    Scalar,
    Vector128,
    Vector256,
    Vector512,
}

internal static class VectorWidths
{
    /// <summary>
    /// The accelerated width that takes the fewest steps over a row of <paramref name="length"/> values: whole vectors
    /// plus the scalar tail past them, the wider on a tie (784 floats: Vector512, 49 steps; 24 floats: Vector256, 3
    /// steps, where Vector512 would take 1 + 8). <see cref="Width.Scalar"/> when SIMD is switched off.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Width For<T>(int length)
    {
        if (!Simd.IsAllowed)
            return Width.Scalar;
        Width best = Width.Scalar;
        int bestSteps = length;
        if (Vector128.IsHardwareAccelerated)
            Consider(Width.Vector128, Vector128<T>.Count, length, ref best, ref bestSteps);
        if (Vector256.IsHardwareAccelerated)
            Consider(Width.Vector256, Vector256<T>.Count, length, ref best, ref bestSteps);
        if (Vector512.IsHardwareAccelerated)
            Consider(Width.Vector512, Vector512<T>.Count, length, ref best, ref bestSteps);
        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Consider(Width width, int count, int length, ref Width best, ref int bestSteps)
    {
        int steps = length / count + length % count;
        if (length >= count && steps <= bestSteps)
        {
            best = width;
            bestSteps = steps;
        }
    }
}

internal readonly struct Scalar<T> : IVectorWidth<T, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => 1;
    public static T Zero => T.Zero;
    public static T One => T.One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Load(ref T source, nuint offset) => Unsafe.Add(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(T value, ref T destination, nuint offset) => Unsafe.Add(ref destination, offset) = value;

    public static T Broadcast(T value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MultiplyAdd(T a, T b, T addend) => T.MultiplyAddEstimate(a, b, addend);

    public static T Add(T a, T b) => a + b;
    public static T Subtract(T a, T b) => a - b;
    public static T Multiply(T a, T b) => a * b;
    public static T Divide(T a, T b) => a / b;
    public static T Sqrt(T value) => T.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T FlushBelow(T value, T tiny) => T.Abs(value) < tiny ? T.Zero : value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T SelectWherePositive(T test, T ifPositive, T otherwise) => test > T.Zero ? ifPositive : otherwise;

    public static T Sum(T value) => value;
}

internal readonly struct Width128<T> : IVectorWidth<Vector128<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector128<T>.Count;
    public static Vector128<T> Zero => Vector128<T>.Zero;
    public static Vector128<T> One => Vector128<T>.One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(ref T source, nuint offset) => Vector128.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<T> value, ref T destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Broadcast(T value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAdd(Vector128<T> a, Vector128<T> b, Vector128<T> addend)
    {
        if (typeof(T) == typeof(float))
            return Vector128.MultiplyAddEstimate(a.AsSingle(), b.AsSingle(), addend.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector128.MultiplyAddEstimate(a.AsDouble(), b.AsDouble(), addend.AsDouble()).As<double, T>();
        return a * b + addend;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Add(Vector128<T> a, Vector128<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Subtract(Vector128<T> a, Vector128<T> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Multiply(Vector128<T> a, Vector128<T> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Divide(Vector128<T> a, Vector128<T> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Sqrt(Vector128<T> value) => Vector128.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> FlushBelow(Vector128<T> value, Vector128<T> tiny)
        => Vector128.ConditionalSelect(Vector128.LessThan(Vector128.Abs(value), tiny), Vector128<T>.Zero, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> SelectWherePositive(Vector128<T> test, Vector128<T> ifPositive, Vector128<T> otherwise)
        => Vector128.ConditionalSelect(Vector128.GreaterThan(test, Vector128<T>.Zero), ifPositive, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector128<T> value)
    {
        if (typeof(T) == typeof(float))
        {
            // [a, b, c, d] + [c, d, a, b], then + its lane 1: (a + c) + (b + d).
            Vector128<float> v = value.AsSingle();
            v += Vector128.Shuffle(v, Vector128.Create(2, 3, 0, 1));
            v += Vector128.Shuffle(v, Vector128.Create(1, 0, 3, 2));
            return (T)(object)v.ToScalar();
        }

        if (typeof(T) == typeof(double))
        {
            Vector128<double> v = value.AsDouble();
            return (T)(object)(v + Vector128.Shuffle(v, Vector128.Create(1L, 0L))).ToScalar();
        }

        return Vector128.Sum(value);
    }
}

internal readonly struct Width256<T> : IVectorWidth<Vector256<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector256<T>.Count;
    public static Vector256<T> Zero => Vector256<T>.Zero;
    public static Vector256<T> One => Vector256<T>.One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref T source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, ref T destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Broadcast(T value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd(Vector256<T> a, Vector256<T> b, Vector256<T> addend)
    {
        if (typeof(T) == typeof(float))
            return Vector256.MultiplyAddEstimate(a.AsSingle(), b.AsSingle(), addend.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector256.MultiplyAddEstimate(a.AsDouble(), b.AsDouble(), addend.AsDouble()).As<double, T>();
        return a * b + addend;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Add(Vector256<T> a, Vector256<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Subtract(Vector256<T> a, Vector256<T> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Multiply(Vector256<T> a, Vector256<T> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Divide(Vector256<T> a, Vector256<T> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Sqrt(Vector256<T> value) => Vector256.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> FlushBelow(Vector256<T> value, Vector256<T> tiny)
        => Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(value), tiny), Vector256<T>.Zero, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> SelectWherePositive(Vector256<T> test, Vector256<T> ifPositive, Vector256<T> otherwise)
        => Vector256.ConditionalSelect(Vector256.GreaterThan(test, Vector256<T>.Zero), ifPositive, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector256<T> value) => Width128<T>.Sum(value.GetLower() + value.GetUpper());
}

internal readonly struct Width512<T> : IVectorWidth<Vector512<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector512<T>.Count;
    public static Vector512<T> Zero => Vector512<T>.Zero;
    public static Vector512<T> One => Vector512<T>.One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref T source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, ref T destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Broadcast(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> a, Vector512<T> b, Vector512<T> addend)
    {
        if (typeof(T) == typeof(float))
            return Vector512.MultiplyAddEstimate(a.AsSingle(), b.AsSingle(), addend.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector512.MultiplyAddEstimate(a.AsDouble(), b.AsDouble(), addend.AsDouble()).As<double, T>();
        return a * b + addend;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> a, Vector512<T> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Subtract(Vector512<T> a, Vector512<T> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Multiply(Vector512<T> a, Vector512<T> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Divide(Vector512<T> a, Vector512<T> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sqrt(Vector512<T> value) => Vector512.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> FlushBelow(Vector512<T> value, Vector512<T> tiny)
        => Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(value), tiny), Vector512<T>.Zero, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> SelectWherePositive(Vector512<T> test, Vector512<T> ifPositive, Vector512<T> otherwise)
        => Vector512.ConditionalSelect(Vector512.GreaterThan(test, Vector512<T>.Zero), ifPositive, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector512<T> value) => Width256<T>.Sum(value.GetLower() + value.GetUpper());
}
