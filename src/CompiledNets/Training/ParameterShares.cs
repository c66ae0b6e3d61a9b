using CompiledNets.Numerics;

namespace CompiledNets.Training;

/// <summary>
/// Which parameters each thread of a <see cref="KernelTeam"/> clears and updates in a dense network's step: the rows of
/// the weights that its share of the shared kernels computes, so the gradient values a thread writes are cleared and
/// stepped by that same thread and stay in its core's cache. Everything the leader computes alone (small layers,
/// biases) is the leader's. An even split of the whole vector instead handed the helper the last layer's gradient
/// and parameters, which the leader writes and reads: lines crossing between the cores several times a batch.
/// </summary>
internal sealed class ParameterShares
{
    private readonly (int Start, int End)[][] _ranges; // per part, ascending and disjoint; together every parameter once

    private ParameterShares((int Start, int End)[][] ranges) => _ranges = ranges;

    /// <summary>The ranges [Start, End) of the parameters <paramref name="part"/> clears and updates.</summary>
    public ReadOnlySpan<(int Start, int End)> Of(int part) => _ranges[part];

    /// <summary>
    /// The shares of <paramref name="parts"/> threads for a network of <paramref name="layers"/>, stepped in batches of up
    /// to <paramref name="examples"/>: a dense layer's weights whose products the team shares (as
    /// <see cref="DenseKernels"/> decides, by <see cref="KernelTeam.MinimumMultiplyAdds"/> over a tile of at most
    /// <see cref="TileExamples"/>) go to the threads by the same blocks of rows; all else to the leader.
    /// </summary>
    public static ParameterShares For(IReadOnlyList<NetworkLayer> layers, int parameterCount, int parts, int examples)
    {
        var ranges = new List<(int, int)>[parts];
        for (int part = 0; part < parts; part++)
            ranges[part] = [];
        int leaderFrom = 0;
        int tile = Math.Min(examples, TileExamples);
        foreach (NetworkLayer layer in layers)
        {
            if (layer.Kind != LayerKind.Dense || layer.Weights is not { } weights)
                continue;
            int rows = weights.Shape[0], columns = weights.Shape[1];
            if (rows < 4 * parts || (long)rows * columns * tile < KernelTeam.MinimumMultiplyAdds)
                continue;
            ranges[0].Add((leaderFrom, weights.Offset));
            for (int part = 0; part < parts; part++)
            {
                (int first, int end) = KernelTeam.Share(rows, part, parts, granule: 4); // as SharedDenseKernels splits
                ranges[part].Add((weights.Offset + first * columns, weights.Offset + end * columns));
            }

            leaderFrom = weights.Offset + weights.Count;
        }

        ranges[0].Add((leaderFrom, parameterCount));
        return new ParameterShares(ranges.Select(list => list.Where(range => range.Item2 > range.Item1).ToArray()).ToArray());
    }

    /// <summary>
    /// Examples per tile of the generated batched passes (the generator's BatchTile, which is smaller only for networks
    /// of wide images): the kernels' calls see at most this many. The shares decide where values stay in cache, not
    /// what is computed: a tile of fewer examples (the last of a batch) only moves work between threads' caches.
    /// </summary>
    public const int TileExamples = 32;
}
