using System.ComponentModel;

namespace CompiledNets.Numerics;

/// <summary>
/// Per-thread working memory for the tiles of generated networks' batched methods, and for scratch too large for the
/// stack. Generated code calls it; users have no reason to.
/// </summary>
/// <remarks>
/// Each generated network keeps the intermediate values of a call (layer outputs, deltas, tiles of a batch) in a
/// private struct that the call owns, not in the instance, so one instance can serve any number of threads at
/// once. A small per-example struct is a local on the stack; a wide layer's, and the tiles of a batch, live here, one
/// per thread and struct type, allocated on the thread's first call and reused by every later call on that
/// thread. (C# clears a local struct on every call: for tiles that costs more than a small batch's math.) Generated
/// methods never call back into user code while they hold it, so no two calls on one thread ever share it, and they
/// never read a row their call did not write.
/// </remarks>
/// <typeparam name="TScratch">The generated network's scratch struct.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ThreadScratch<TScratch>
    where TScratch : unmanaged
{
    [ThreadStatic]
    private static AlignedStorage<TScratch> t_storage;

    /// <summary>This thread's instance of <typeparamref name="TScratch"/>; its contents are whatever the last call left.</summary>
    /// <remarks>It starts on a 64-byte boundary, as the parameters of such networks do (<see cref="AlignedStorage{TStorage}"/>).</remarks>
    public static ref TScratch Value
    {
        get
        {
            if (!t_storage.IsAllocated)
                t_storage = new AlignedStorage<TScratch>();
            return ref t_storage.Value;
        }
    }
}
