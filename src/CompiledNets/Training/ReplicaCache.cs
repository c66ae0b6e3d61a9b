using System.Numerics;
using System.Runtime.CompilerServices;

namespace CompiledNets.Training;

/// <summary>
/// The worker replicas of <see cref="ParallelBatchStep{TNet, T}"/>, kept from one <c>Trainer.Train</c> call for the next
/// with the network they copy, and let go with it. A new replica costs a pinned allocation of the parameters and their
/// random initialization, only to be overwritten by the copy: 148 us for the 11,738 parameters of C1 (issue 9's
/// conv8-pool-dense10) when made in a loop, about a tenth of a 256-example call on two threads, and in a probe a gen-2
/// collection every 60-80 such calls.
/// </summary>
internal static class ReplicaCache<TNet, T>
    where TNet : class, INeuralNetwork<TNet, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly ConditionalWeakTable<TNet, Stack<TNet>> s_spares = new();

    /// <summary>A replica of <paramref name="trained"/>'s type, kept from an earlier run or new. Its parameters are stale: copy them.</summary>
    public static TNet Rent(TNet trained)
    {
        Stack<TNet> spares = SparesOf(trained);
        lock (spares)
        {
            if (spares.TryPop(out TNet? replica))
                return replica;
        }

        return TNet.Create();
    }

    /// <summary>Keeps <paramref name="replica"/> (from <see cref="Rent"/>) for <paramref name="trained"/>'s next run.</summary>
    public static void Return(TNet trained, TNet replica)
    {
        Stack<TNet> spares = SparesOf(trained);
        lock (spares)
            spares.Push(replica);
    }

    private static Stack<TNet> SparesOf(TNet trained) => s_spares.GetValue(trained, static _ => new Stack<TNet>());
}
