namespace CompiledNets.Numerics;

/// <summary>
/// The trainer's working buffers (the gradient, the gathered batch), kept from one <c>Trainer.Train</c> call for the
/// next. They live on the pinned heap (<see cref="AlignedArray"/>), which only a full collection reclaims: a fresh
/// 784-128-10 gradient per call set off a gen-2 collection every seventh call, and a call that trained one batch of
/// 32 took about three times the batch's own time. At most eight buffers are kept per element type, the largest values
/// not at all (their runs are long enough not to notice one allocation).
/// </summary>
internal static class AlignedBufferCache<T>
    where T : unmanaged
{
    /// <summary>Buffers of more values than this (16 MB of floats) are not kept.</summary>
    public const int LargestKept = 1 << 22;

    /// <summary>How many buffers are kept: a run's batch and gradient, or with threads that split the examples, a gradient per part.</summary>
    public const int MostKept = 8;

    private static readonly List<ArraySegment<T>> s_kept = [];

    /// <summary><paramref name="length"/> zeroed values from a 64-byte boundary: a kept buffer if one is long enough.</summary>
    public static ArraySegment<T> Rent(int length)
    {
        ArraySegment<T>? found = null;
        lock (s_kept)
        {
            int best = -1;
            for (int k = 0; k < s_kept.Count; k++)
            {
                if (s_kept[k].Count >= length && (best < 0 || s_kept[k].Count < s_kept[best].Count))
                    best = k;
            }

            if (best >= 0)
            {
                found = s_kept[best];
                s_kept.RemoveAt(best);
            }
        }

        if (found is not { } kept)
            return AlignedArray.Allocate<T>(length);

        // The same array from the same boundary (the pinned heap never moves it), as long as asked, cleared.
        var buffer = new ArraySegment<T>(kept.Array!, kept.Offset, length);
        buffer.AsSpan().Clear();
        return buffer;
    }

    /// <summary>Keeps <paramref name="buffer"/> (from <see cref="Rent"/>) for a later run; the caller no longer uses it.</summary>
    public static void Return(ArraySegment<T> buffer)
    {
        if (buffer.Array is not { } array || buffer.Count == 0)
            return;

        // Its whole length from the boundary, so a later run may take more of it than this one did.
        var whole = new ArraySegment<T>(array, buffer.Offset, array.Length - buffer.Offset);
        if (whole.Count > LargestKept)
            return;
        lock (s_kept)
        {
            if (s_kept.Count < MostKept)
                s_kept.Add(whole);
        }
    }
}
