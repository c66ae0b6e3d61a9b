using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace CompiledNets.Numerics;

/// <summary>
/// Helper threads that each take a share of the large kernel calls made by the thread leading them (the trainer's,
/// during a step). The leader posts a call's arguments and a job; every member runs its part, and the leader returns
/// when all parts are done. Each part computes whole outputs exactly as one thread would (its neurons, its parameters),
/// so results are the same bits for any number of threads. The work is split by neurons because each part then reads
/// and writes only its own rows of the weights, the gradient and the optimizer's state, which stay in its core's
/// cache from one step to the next.
/// </summary>
internal sealed unsafe class KernelTeam : IDisposable
{
    /// <summary>Below this many multiply-adds (1-2 microseconds of one core's work) a call runs on the leader alone.</summary>
    public const long MinimumMultiplyAdds = 1 << 17;

    [ThreadStatic]
    private static KernelTeam? t_led; // the team this thread leads, while it leads one

    /// <summary>
    /// How long an idle helper spins before it blocks: 200 microseconds, far longer than the gaps between a training
    /// step's shared calls, far shorter than a time slice.
    /// </summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 5_000;

    private readonly HelperThreads.Assignment[] _helpers;
    private readonly object _gate = new();
    private delegate*<KernelTeam, int, void> _job;
    private ExceptionDispatchInfo? _failure;
    private long _posted; // jobs posted so far; every helper runs each once
    private long _finished; // helper parts finished so far, over all jobs
    private int _sleepers; // helpers blocked (or about to block) on _gate
    private volatile bool _stopping;

    /// <summary>The arguments of the call being shared: written by the leader before the job runs, read by every part.</summary>
    internal KernelArguments Arguments;

    // The batch's inputs as the leader holds them, and each helper's own copy of the same values (BatchCopies).
    private byte* _batchStart, _batchEnd;
    private void*[] _batchCopies = [];

    /// <summary>A team of <paramref name="parts"/> threads: the leader and <paramref name="parts"/> - 1 helpers.</summary>
    public KernelTeam(int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 2);
        Parts = parts;
        _helpers = new HelperThreads.Assignment[parts - 1];
        for (int h = 0; h < _helpers.Length; h++)
        {
            int part = h + 1;
            _helpers[h] = HelperThreads.Start(() => HelperLoop(part));
        }
    }

    /// <summary>The threads that share each call, the leader included.</summary>
    public int Parts { get; }

    /// <summary>Calls shared by any team since the process started (tests check that a path really is shared).</summary>
    public static long SharedCalls => Interlocked.Read(ref s_sharedCalls);

    private static long s_sharedCalls;

    /// <summary>The team this thread leads, if a call of <paramref name="multiplyAdds"/> is worth sharing; else null.</summary>
    public static KernelTeam? For(long multiplyAdds) => multiplyAdds >= MinimumMultiplyAdds ? t_led : null;

    /// <summary>Makes this thread the leader of <paramref name="team"/> (null: of none) until the returned value is disposed.</summary>
    public static Leadership Lead(KernelTeam? team)
    {
        KernelTeam? previous = t_led;
        t_led = team;
        return new Leadership(previous);
    }

    /// <summary>Runs <paramref name="job"/> as part 0 here and parts 1, 2, ... on the helpers; returns when all are done.</summary>
    public void Run(delegate*<KernelTeam, int, void> job)
    {
        Interlocked.Increment(ref s_sharedCalls);
        _job = job;
        long posted = _posted + 1;
        // A full fence, not just a release: the count must be visible before _sleepers is read. Otherwise a helper
        // going to sleep could miss the new count while this thread misses its sleeping, and both would wait forever.
        Interlocked.Exchange(ref _posted, posted);
        if (Volatile.Read(ref _sleepers) != 0)
        {
            lock (_gate)
                Monitor.PulseAll(_gate);
        }

        try
        {
            job(this, 0);
        }
        finally
        {
            // The helpers started when the leader did and have as much to do: a short wait, so spin.
            long target = posted * _helpers.Length;
            var spinner = new SpinWait();
            while (Volatile.Read(ref _finished) != target)
                spinner.SpinOnce(sleep1Threshold: -1);
        }

        if (Interlocked.Exchange(ref _failure, null) is { } failure)
            failure.Throw();
    }

    /// <summary>
    /// Tells the shared kernels that <paramref name="bytes"/> from <paramref name="leaderBatch"/> (the batch the leader
    /// gathered) also sit at <paramref name="copies"/>[part] for each helper, which gathered its own copy from the data
    /// set: a kernel part reads its own copy (<see cref="ForPart"/>). Reading the leader's freshly written lines instead
    /// pulls each one from the leader's cache; for the digits network's batch of 32 (100 KB) that cost as much as the
    /// first layer's shared forward product saved. All pinned; <c>copies[0]</c> is unused (the leader's own).
    /// </summary>
    public void SetBatchCopies(void* leaderBatch, nint bytes, void*[] copies)
    {
        _batchStart = (byte*)leaderBatch;
        _batchEnd = (byte*)leaderBatch + bytes;
        _batchCopies = copies;
    }

    /// <summary>Where <paramref name="part"/> reads <paramref name="values"/>: in its own batch copy if they are in the batch, else where they are.</summary>
    public void* ForPart(void* values, int part)
    {
        byte* at = (byte*)values;
        return part > 0 && at >= _batchStart && at < _batchEnd ? (byte*)_batchCopies[part] + (at - _batchStart) : values;
    }

    /// <summary>
    /// The items [First, End) of <paramref name="count"/> that <paramref name="part"/> of <paramref name="parts"/> takes:
    /// shares as even as whole <paramref name="granule"/>s allow, the last taking the remainder.
    /// </summary>
    public static (int First, int End) Share(int count, int part, int parts, int granule)
    {
        int granules = (count + granule - 1) / granule;
        int first = Math.Min(count, (int)((long)granules * part / parts) * granule);
        int end = part == parts - 1 ? count : Math.Min(count, (int)((long)granules * (part + 1) / parts) * granule);
        return (first, end);
    }

    private void HelperLoop(int part)
    {
        long done = 0;
        while (true)
        {
            WaitForJob(done);
            if (_stopping)
                return;
            done++;
            try
            {
                _job(this, part);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
            }

            Interlocked.Increment(ref _finished);
        }
    }

    /// <summary>
    /// Spins until the job after <paramref name="done"/> is posted: while training, the leader posts one every few
    /// microseconds, and a pause per look answers within a fraction of a microsecond. After <see cref="SpinTicks"/>
    /// without a job (between epochs, or once training has stopped) the helper blocks and gives its core back.
    /// </summary>
    private void WaitForJob(long done)
    {
        long giveUpAt = Stopwatch.GetTimestamp() + SpinTicks;
        int looks = 0;
        while (Volatile.Read(ref _posted) == done && !_stopping)
        {
            Thread.SpinWait(1);
            if (++looks % 64 != 0 || Stopwatch.GetTimestamp() < giveUpAt)
                continue;
            lock (_gate)
            {
                Interlocked.Increment(ref _sleepers); // a full fence: the leader sees it before this helper looks again
                while (Volatile.Read(ref _posted) == done && !_stopping)
                    Monitor.Wait(_gate);
                Interlocked.Decrement(ref _sleepers);
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        lock (_gate)
            Monitor.PulseAll(_gate);
        foreach (HelperThreads.Assignment helper in _helpers)
            helper.Dispose(); // returns once the helper has left HelperLoop (and parked for the next team)
    }

    /// <summary>Restores the thread's previous team (normally none) when disposed.</summary>
    public readonly struct Leadership(KernelTeam? previous) : IDisposable
    {
        public void Dispose() => t_led = previous;
    }
}

/// <summary>A shared call's arguments: pointers to its spans (pinned by the leader meanwhile), its sizes, and what else its job needs.</summary>
internal unsafe struct KernelArguments
{
    public void* First, Second, Third, Fourth;
    public int Rows, Columns, Examples;
    public Width Width;
    public bool HasBias;
    public double Scale, Rate;
    public object? Owner, State;

    /// <summary>A step's clear and update: which parameters each part takes (the trainer's ParameterShares).</summary>
    public object? Shares;
}
