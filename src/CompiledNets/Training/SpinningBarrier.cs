using System.Diagnostics;

namespace CompiledNets.Training;

/// <summary>
/// A sense-reversing barrier that spins first and blocks only when the wait runs long. Training workers meet several
/// times per mini-batch, a few microseconds apart when every worker has a core: there a blocking wait (which costs
/// tens of microseconds to wake) would cost more than the work between meetings, so waiters spin. When the cores are
/// shared (other processes, a busy machine), the worker being waited for may not be running at all, and spinning would
/// take its core: after a spin budget a waiter blocks and gives the core back until the last arrival wakes it. (The
/// trainer itself never starts more workers than there are cores.)
/// </summary>
internal sealed class SpinningBarrier(int participants, long spinTicks)
{
    /// <summary>
    /// How long a waiter spins before it blocks, in <see cref="Stopwatch"/> ticks: 50 microseconds, far above a
    /// balanced meeting's wait and far below a time slice.
    /// </summary>
    public static readonly long DefaultSpinTicks = Stopwatch.Frequency / 20_000;

    public SpinningBarrier(int participants)
        : this(participants, DefaultSpinTicks)
    {
    }

    private readonly int _participants = participants;
    private readonly object _gate = new();
    private int _remaining = participants;
    private int _blocked;
    private volatile bool _sense;

    /// <summary>Returns when all participants have arrived.</summary>
    public void SignalAndWait()
    {
        bool mySense = !_sense;
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _remaining = _participants;
            _sense = mySense; // releases the spinning waiters
            Interlocked.MemoryBarrier(); // the write above before the read below (a blocked waiter does the reverse)
            if (Volatile.Read(ref _blocked) > 0)
            {
                lock (_gate)
                    Monitor.PulseAll(_gate);
            }

            return;
        }

        long giveUpAt = Stopwatch.GetTimestamp() + spinTicks;
        var spinner = new SpinWait();
        while (_sense != mySense)
        {
            if (spinner.NextSpinWillYield && Stopwatch.GetTimestamp() > giveUpAt)
            {
                Block(mySense);
                return;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    private void Block(bool mySense)
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _blocked); // a full fence: the count is visible before the sense is read
            while (_sense != mySense)
                Monitor.Wait(_gate);
            Interlocked.Decrement(ref _blocked);
        }
    }
}
