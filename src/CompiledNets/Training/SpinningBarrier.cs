namespace CompiledNets.Training;

/// <summary>
/// A sense-reversing barrier that waits by spinning and yielding, never sleeping. Training workers meet several
/// times per mini-batch, a few microseconds apart; a sleeping wait (System.Threading.Barrier after its short
/// spin) costs tens of microseconds to wake, more than the work between meetings. Only for threads that have
/// nothing else to do while they wait.
/// </summary>
internal sealed class SpinningBarrier(int participants)
{
    private readonly int _participants = participants;
    private int _remaining = participants;
    private volatile bool _sense;

    /// <summary>Returns when all participants have arrived.</summary>
    public void SignalAndWait()
    {
        bool mySense = !_sense;
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _remaining = _participants;
            _sense = mySense; // releases the others
            return;
        }

        var spinner = new SpinWait();
        while (_sense != mySense)
            spinner.SpinOnce(sleep1Threshold: -1);
    }
}
