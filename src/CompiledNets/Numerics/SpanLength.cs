using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace CompiledNets.Numerics;

/// <summary>The length check at the top of every generated public method: one compare inline, the throw out of line.</summary>
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

    [DoesNotReturn]
    private static void ThrowWrongLength(int actual, int expected, string name)
        => throw new ArgumentException($"Expected a span of length {expected}, but its length is {actual}.", name);
}
