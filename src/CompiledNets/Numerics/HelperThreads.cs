namespace CompiledNets.Numerics;

/// <summary>
/// The threads that help the trainer (<see cref="KernelTeam"/>'s helpers, <c>ParallelBatchStep</c>'s workers), kept
/// parked between training runs. Starting and joining a thread costs 120-170 microseconds on the 2-core machine
/// README measures, and a two-thread Train call on two examples took 600-1,200 microseconds longer than a one-thread
/// call while each call started its own helper, 130-210 once helpers parked. A finished helper parks and waits,
/// blocked, for the next run's work; at most one parked helper per core is kept, the rest exit. They are background
/// threads, so a process ends without waiting for them.
/// </summary>
internal static class HelperThreads
{
    private static readonly Stack<Helper> s_parked = new(); // guarded by itself

    /// <summary>Runs <paramref name="work"/> on a helper thread, parked or new; dispose the result to wait for it to return.</summary>
    public static Assignment Start(Action work)
    {
        Helper? helper = null;
        lock (s_parked)
        {
            if (s_parked.Count > 0)
                helper = s_parked.Pop();
        }

        helper ??= new Helper();
        var assignment = new Assignment(work);
        helper.Assign(assignment);
        return assignment;
    }

    /// <summary>Helpers parked now (tests).</summary>
    internal static int ParkedCount
    {
        get
        {
            lock (s_parked)
                return s_parked.Count;
        }
    }

    /// <summary>
    /// One piece of work handed to a helper; <see cref="Dispose"/> returns once the work has returned (at once, if
    /// called again).
    /// </summary>
    public sealed class Assignment(Action work) : IDisposable
    {
        // Never disposed: a slim event holds no handle of the system's unless one is asked for, so the collector frees it.
        private readonly ManualResetEventSlim _returned = new();

        internal Action Work { get; } = work;

        internal void MarkReturned() => _returned.Set();

        public void Dispose() => _returned.Wait();
    }

    private sealed class Helper
    {
        private readonly SemaphoreSlim _assigned = new(0);
        private Assignment? _assignment;

        public Helper()
        {
            new Thread(Loop) { IsBackground = true, Name = "CompiledNets helper" }.Start();
        }

        public void Assign(Assignment assignment)
        {
            _assignment = assignment;
            _assigned.Release(); // a full fence: the helper sees the assignment when it wakes
        }

        private void Loop()
        {
            while (true)
            {
                _assigned.Wait();
                Assignment assignment = _assignment!;
                _assignment = null;
                assignment.Work(); // an exception ends the process, as it would on a thread of the owner's own

                // Parked before the owner hears of the return, so a run that starts right after this one finds it.
                bool parks;
                lock (s_parked)
                {
                    parks = s_parked.Count < Environment.ProcessorCount;
                    if (parks)
                        s_parked.Push(this);
                }

                assignment.MarkReturned();
                if (!parks)
                    return;
            }
        }
    }
}
