using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using CompiledNets.Reporting;

namespace CompiledNets.Numerics;

/// <summary>
/// The checks at the top of the generated methods: a span's length (one compare inline, the throw out of line), the
/// examples in a batch, and Backpropagate's gradient apart from its input. The batched methods' other checks are in
/// <see cref="BatchArguments"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SpanLength
{
    /// <summary>Throws an <see cref="ArgumentException"/> for the argument <paramref name="name"/> unless <paramref name="actual"/> is <paramref name="expected"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Check(int actual, int expected, string name)
    {
        if (actual != expected)
            ThrowWrongLength(actual, expected, name);
    }

    /// <summary>
    /// How many examples of <paramref name="size"/> values <paramref name="length"/> values hold; throws an
    /// <see cref="ArgumentException"/> for the argument <paramref name="name"/> unless they are whole examples.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ExampleCount(int length, int size, string name)
    {
        int count = length / size;
        if (count * size != length)
            ThrowNotWholeExamples(length, size, name);
        return count;
    }

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> for the argument <paramref name="name"/> unless <paramref name="actual"/>
    /// is <paramref name="count"/> rows of <paramref name="size"/> values. The product is taken in long: in int, a huge
    /// batch's could wrap around to a small length and pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CheckRows(int actual, int count, int size, string name)
    {
        long expected = (long)count * size;
        if (actual != expected)
            ThrowWrongLength(actual, expected, name);
    }

    /// <summary>
    /// Backpropagate's check that <paramref name="gradient"/> shares no memory with <paramref name="input"/>: the
    /// first layer's weight gradient reads the input while (and after) gradients are added, which would change it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckGradientApartFromInput<T>(Span<T> gradient, ReadOnlySpan<T> input)
    {
        if (((ReadOnlySpan<T>)gradient).Overlaps(input))
            ThrowGradientOverInput();
    }

    [DoesNotReturn]
    private static void ThrowGradientOverInput()
        => throw new ArgumentException(
            "gradient overlaps input in memory: the network reads the input again after it has started adding to the " +
            "gradient, so it would read changed values. Pass spans that share no memory.", "gradient");

    [DoesNotReturn]
    private static void ThrowNotWholeExamples(int length, int size, string name)
        => throw new ArgumentException(
            $"Expected whole examples of {size} values each, one after another, but the length is {length} " +
            $"({Counted.Of(length / size, "example")} of {size} and {length % size} more).", name);

    [DoesNotReturn]
    private static void ThrowWrongLength(int actual, long expected, string name)
        => throw new ArgumentException($"Expected a span of length {expected}, but its length is {actual}.", name);
}
