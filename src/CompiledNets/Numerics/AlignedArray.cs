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
    /// <summary>
    /// <paramref name="length"/> zeroed values from a 64-byte boundary: a segment of an array on the pinned object
    /// heap (never moved, so the boundary holds), a few values longer than asked.
    /// </summary>
    public static unsafe ArraySegment<T> Allocate<T>(int length)
        where T : unmanaged
    {
        int alignment = AlignedStorage<T>.Alignment;
        T[] array = GC.AllocateArray<T>(length + alignment / sizeof(T), pinned: true);
        nuint start = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        int skip = (int)((nuint)(alignment - (int)(start % (nuint)alignment)) % (nuint)alignment) / sizeof(T);
        return new ArraySegment<T>(array, skip, length);
    }
}
