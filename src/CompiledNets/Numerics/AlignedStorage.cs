using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CompiledNets.Numerics;

/// <summary>
/// One <typeparamref name="TStorage"/> that starts on a 64-byte boundary and stays there: where generated networks
/// that call the runtime's kernels keep their parameters, and <see cref="ThreadScratch{TScratch}"/> its buffers.
/// Generated code uses it; users have no reason to.
/// </summary>
/// <remarks>
/// <para>Why: a 64-byte boundary is both a cache line and a Vector512. The kernels stream rows of weights with vector
/// loads; when the rows start off a boundary, every Vector512 load (and every other Vector256 load) spans two cache
/// lines. Measured on a 2-core Xeon with AVX-512, the 784x128 matrix-vector product of the digits network, as the
/// kernels compute it: 3.5-4.6 us from a 64-byte boundary, 6.0-7.4 us from 8, 16 or 32 bytes past one. An object's
/// fields cannot be aligned (the GC places objects on 8-byte boundaries and moves them), so the storage lives in its
/// own block instead.</para>
/// <para>How: a byte array on the pinned object heap, which the GC never moves, 63 bytes longer than the storage; the
/// storage starts at its first 64-byte boundary. The address is taken once. The block is zeroed, as a field would
/// be.</para>
/// <para>Alignment changes where values are, never the order in which the kernels add them: results are the same
/// bits wherever the storage starts.</para>
/// </remarks>
/// <typeparam name="TStorage">The generated network's parameter (or scratch) struct: only floating-point values.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly unsafe struct AlignedStorage<TStorage>
    where TStorage : unmanaged
{
    /// <summary>The boundary, in bytes: a cache line and one Vector512.</summary>
    public const int Alignment = AlignedArray.Alignment;

    private readonly byte[] _block;      // keeps the pinned block alive as long as its owner
    private readonly TStorage* _storage; // the first 64-byte boundary inside it

    /// <summary>A new zeroed <typeparamref name="TStorage"/> on a 64-byte boundary (<c>default</c> has none).</summary>
    public AlignedStorage()
    {
        _block = GC.AllocateArray<byte>(sizeof(TStorage) + Alignment - 1, pinned: true);
        _storage = (TStorage*)AlignedArray.FirstBoundary(ref MemoryMarshal.GetArrayDataReference(_block));
    }

    /// <summary>Whether the constructor made this storage (<c>default</c> has none).</summary>
    public bool IsAllocated => _block is not null;

    /// <summary>The storage (of an allocated instance).</summary>
    public ref TStorage Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref *_storage;
    }
}
