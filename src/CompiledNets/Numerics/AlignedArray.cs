using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CompiledNets.Numerics;

/// <summary>
/// Working buffers for the trainer that start on a 64-byte boundary, for the reason <see cref="AlignedStorage{TStorage}"/>
/// gives: the kernels stream gradients and batches of inputs with vector loads, and a load that spans two cache lines
/// costs about two.
/// </summary>
internal static class AlignedArray
{
    /// <summary>The boundary, in bytes: a cache line and one Vector512.</summary>
    public const int Alignment = 64;

    /// <summary>
    /// <paramref name="length"/> zeroed values from a 64-byte boundary: a segment of an array on the pinned object
    /// heap (never moved, so the boundary holds), a few values longer than asked.
    /// </summary>
    public static unsafe ArraySegment<T> Allocate<T>(int length)
        where T : unmanaged
    {
        T[] array = GC.AllocateArray<T>(length + Alignment / sizeof(T), pinned: true);
        ref T first = ref MemoryMarshal.GetArrayDataReference(array);
        int skip = (int)(FirstBoundary(ref first) - AddressOf(ref first)) / sizeof(T);
        return new ArraySegment<T>(array, skip, length);
    }

    /// <summary>
    /// <paramref name="length"/> rounded up to whole 64-byte lines of T: the distance between buffers laid end to end
    /// in one allocation, so that each starts on a boundary when the first does.
    /// </summary>
    public static unsafe int WholeLines<T>(int length)
        where T : unmanaged
    {
        int perLine = Alignment / sizeof(T);
        return (length + perLine - 1) / perLine * perLine;
    }

    /// <summary>The address of the first 64-byte boundary at or after <paramref name="value"/> (pinned by the caller).</summary>
    public static nuint FirstBoundary<T>(ref T value) => (AddressOf(ref value) + Alignment - 1) & ~(nuint)(Alignment - 1);

    /// <summary>Whether <paramref name="value"/> (pinned by the caller) sits on a 64-byte boundary.</summary>
    public static bool IsOnBoundary<T>(ref T value) => AddressOf(ref value) % Alignment == 0;

    private static unsafe nuint AddressOf<T>(ref T value) => (nuint)Unsafe.AsPointer(ref value);
}
