using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CompiledNets.Reporting;

namespace CompiledNets.Numerics;

/// <summary>
/// Whole-buffer kernels that generated networks call: the parameter update, a sum, softmax, the float tanh and sigmoid,
/// and the activations' derivatives (VectorMath.Derivatives.cs).
/// Each runs the widest vectors the machine accelerates, chosen when the JIT (or the AOT compiler, for its target
/// instruction set) compiles it: Vector512, then Vector256 for what is left, then Vector128, then scalar. The same
/// element gets the same formula at every width, so an element's result does not depend on where it sits in the
/// buffer. Most are one formula written once over the width and run by <see cref="Elementwise"/>; the float tanh and
/// sigmoid, whose vector forms call the vectors' exp, are in VectorMath.Exponentials.cs.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class VectorMath
{
    /// <summary><c>parameters[k] -= scale * gradient[k]</c> for every k; the lengths must be equal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // no slow first epochs: see DenseKernelBodies
    public static void SubtractScaled<T>(Span<T> parameters, ReadOnlySpan<T> gradient, T scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLength(parameters.Length, gradient.Length, nameof(gradient));
        var formula = new SubtractScaledFormula<T>(parameters, gradient, scale);
        Elementwise.Run<SubtractScaledFormula<T>, T>(ref formula, parameters.Length);
    }

    /// <summary><c>destination[k] += values[k]</c> for every k; the lengths must be equal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // no slow first epochs: see DenseKernelBodies
    public static void Add<T>(Span<T> destination, ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLength(destination.Length, values.Length, nameof(values));
        var formula = new AddFormula<T>(destination, values);
        Elementwise.Run<AddFormula<T>, T>(ref formula, destination.Length);
    }

    /// <summary>
    /// <c>probabilities[k] = exp(logits[k] - m) / sum_j exp(logits[j] - m)</c>, with m the largest logit so that exp never
    /// overflows; returns <c>log sum_j exp(logits[j]) = m + log(sum_j exp(logits[j] - m))</c>, from which the cross-entropy
    /// reads log p[k] = logits[k] - this without ever taking log(0). Plain loops: a layer of logits is short.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // no slow first epochs: see DenseKernelBodies
    public static T Softmax<T>(ReadOnlySpan<T> logits, Span<T> probabilities)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (logits.Length == 0 || probabilities.Length != logits.Length)
            throw new ArgumentException($"Expected {logits.Length} probabilities for {logits.Length} logits (at least one), but got {probabilities.Length}.", nameof(probabilities));
        T max = logits[0];
        for (int k = 1; k < logits.Length; k++)
            max = T.Max(max, logits[k]);
        T sumOfExponentials = T.Zero;
        for (int k = 0; k < logits.Length; k++)
        {
            probabilities[k] = T.Exp(logits[k] - max);
            sumOfExponentials += probabilities[k];
        }

        for (int k = 0; k < probabilities.Length; k++)
            probabilities[k] /= sumOfExponentials;
        return max + T.Log(sumOfExponentials);
    }

    /// <summary>
    /// Throws unless a span holds <paramref name="expected"/> values. The kernels index without bounds checks: a shorter
    /// span would be read, or written, past its end.
    /// </summary>
    private static void CheckLength(int expected, int actual, string name)
    {
        if (actual != expected)
            throw new ArgumentException($"Expected {Counted.Of(expected, "value")}, but got {actual}.", name);
    }

    /// <summary>
    /// <c>destination[k] = source[k] &gt; 0 ? source[k] : 0</c>, without branches, whose mispredictions on the signs of a
    /// convolution's outputs cost more than the work; the same bits as the scalar formula. Source and destination may be
    /// the same buffer.
    /// </summary>
    public static void Relu<T>(ReadOnlySpan<T> source, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Rectify(source, destination, T.Zero, leaky: false);

    /// <summary><c>destination[k] = source[k] &gt; 0 ? source[k] : slope * source[k]</c>, as <see cref="Relu{T}"/>.</summary>
    public static void LeakyRelu<T>(ReadOnlySpan<T> source, Span<T> destination, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Rectify(source, destination, slope, leaky: true);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // no slow first epochs: see DenseKernelBodies
    private static void Rectify<T>(ReadOnlySpan<T> source, Span<T> destination, T slope, bool leaky)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLength(source.Length, destination.Length, nameof(destination));
        var formula = new RectifyFormula<T>(source, destination, slope, leaky);
        Elementwise.Run<RectifyFormula<T>, T>(ref formula, source.Length);
    }

    /// <summary>p - scale * g, at one index or one vector of them.</summary>
    private readonly ref struct SubtractScaledFormula<T>(Span<T> parameters, ReadOnlySpan<T> gradient, T scale)
        : IElementwiseFormula<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly ref T _p = ref MemoryMarshal.GetReference(parameters);
        private readonly ref T _g = ref MemoryMarshal.GetReference(gradient);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply<TWidth, TVector>(nuint index)
            where TWidth : struct, IVectorWidth<TVector, T>
            where TVector : struct
        {
            TVector step = TWidth.Multiply(TWidth.Broadcast(scale), TWidth.Load(ref _g, index));
            TWidth.Store(TWidth.Subtract(TWidth.Load(ref _p, index), step), ref _p, index);
        }
    }

    /// <summary>d + v.</summary>
    private readonly ref struct AddFormula<T>(Span<T> destination, ReadOnlySpan<T> values) : IElementwiseFormula<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly ref T _d = ref MemoryMarshal.GetReference(destination);
        private readonly ref T _v = ref MemoryMarshal.GetReference(values);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply<TWidth, TVector>(nuint index)
            where TWidth : struct, IVectorWidth<TVector, T>
            where TVector : struct
            => TWidth.Store(TWidth.Add(TWidth.Load(ref _d, index), TWidth.Load(ref _v, index)), ref _d, index);
    }

    /// <summary>z &gt; 0 ? z : (leaky ? slope * z : 0).</summary>
    private readonly ref struct RectifyFormula<T>(ReadOnlySpan<T> source, Span<T> destination, T slope, bool leaky)
        : IElementwiseFormula<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly ref T _z = ref MemoryMarshal.GetReference(source);
        private readonly ref T _a = ref MemoryMarshal.GetReference(destination);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply<TWidth, TVector>(nuint index)
            where TWidth : struct, IVectorWidth<TVector, T>
            where TVector : struct
        {
            TVector z = TWidth.Load(ref _z, index);
            TVector otherwise = leaky ? TWidth.Multiply(TWidth.Broadcast(slope), z) : TWidth.Zero;
            TWidth.Store(TWidth.SelectWherePositive(z, z, otherwise), ref _a, index);
        }
    }
}
