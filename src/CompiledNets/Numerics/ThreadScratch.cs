using System.ComponentModel;

namespace CompiledNets.Numerics;

/// <summary>
/// Per-thread working memory for generated networks whose scratch is too large for the stack. Generated code calls
/// it; users have no reason to.
/// </summary>
/// <remarks>
/// Each generated network keeps the intermediate values of a call (layer outputs, deltas, tiles of a batch) in a
/// private struct that the call owns, not in the instance, so one instance can serve any number of threads at
/// once. Small structs are locals on the stack; larger ones (a wide layer, the tiles of a batch) live here, one
/// per thread and struct type, allocated on the thread's first call and reused by every later call on that
/// thread. Generated methods never call back into user code while they hold it, so no two calls on one thread
/// ever share it.
/// </remarks>
/// <typeparam name="TScratch">The generated network's scratch struct.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ThreadScratch<TScratch>
    where TScratch : struct
{
    [ThreadStatic]
    private static Box? t_box;

    /// <summary>This thread's instance of <typeparamref name="TScratch"/>; its contents are whatever the last call left.</summary>
    public static ref TScratch Value => ref (t_box ??= new Box()).Value;

    private sealed class Box
    {
        public TScratch Value;
    }
}
