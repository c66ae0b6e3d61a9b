using System.Collections;
using System.Diagnostics;

namespace CompiledNets.Training;

/// <summary>
/// The epochs of a run that nothing watched, as three numbers each (24 bytes), from which a report is made when one is
/// read. Reports read twice are equal (<see cref="EpochReport"/> is a record), though not the same object.
/// </summary>
internal sealed class UnwatchedEpochs : IReadOnlyList<EpochReport>
{
    // In chunks of 1,024 epochs (24 KB, under the large object heap's 85 KB), added as epochs run: nothing is copied,
    // and a run of Epochs = int.MaxValue, stopped by its CancellationToken, takes only what it runs.
    private const int ChunkBits = 10;
    private const int ChunkSize = 1 << ChunkBits;

    private readonly List<(double LearningRate, double LossSum, double Seconds)[]> _chunks = [];
    private readonly int _firstEpoch;
    private readonly int _epochCount;
    private readonly int _examples;
    private int _count;

    /// <param name="firstEpoch">0-based number of the first epoch run (after a checkpoint, the epochs it had done).</param>
    /// <param name="epochs">The run's total epochs, as <see cref="TrainingOptions.Epochs"/>.</param>
    /// <param name="examples">Examples per epoch.</param>
    public UnwatchedEpochs(int firstEpoch, int epochs, int examples)
    {
        _firstEpoch = firstEpoch;
        _epochCount = epochs;
        _examples = examples;
    }

    /// <summary>Records the learning rate and summed loss of the 0-based <paramref name="epoch"/>, untimed yet.</summary>
    public void Ran(int epoch, double learningRate, double lossSum)
    {
        Debug.Assert(epoch - _firstEpoch == _count, "epochs are recorded in order");
        if ((_count & (ChunkSize - 1)) == 0)
            _chunks.Add(new (double, double, double)[Math.Min(ChunkSize, _epochCount - epoch)]);
        Figures(_count++) = (learningRate, lossSum, 0);
    }

    /// <summary>Gives each of the epochs <paramref name="first"/> to <paramref name="last"/> (0-based) the same time.</summary>
    public void Timed(int first, int last, double secondsEach)
    {
        for (int epoch = first; epoch <= last; epoch++)
            Figures(epoch - _firstEpoch).Seconds = secondsEach;
    }

    public EpochReport this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            (double rate, double lossSum, double seconds) = Figures(index);
            return EpochReport.Of(_firstEpoch + index, _epochCount, rate, lossSum, _examples, seconds, null, null);
        }
    }

    public int Count => _count;

    public IEnumerator<EpochReport> GetEnumerator()
    {
        for (int index = 0; index < _count; index++)
            yield return this[index];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private ref (double LearningRate, double LossSum, double Seconds) Figures(int index)
        => ref _chunks[index >> ChunkBits][index & (ChunkSize - 1)];
}
