using CompiledNets.Numerics;

namespace CompiledNets.Tests.MathTests;

/// <summary>Runs alone: it counts the helpers parked process-wide, which training tests running meanwhile would take and return.</summary>
[CollectionDefinition(nameof(ProcessWideHelpers), DisableParallelization = true)]
public sealed class ProcessWideHelpers;

/// <summary>The trainer's helper threads park between runs, and the next run's work goes to them.</summary>
[Collection(nameof(ProcessWideHelpers))]
public sealed class HelperThreadsTests
{
    [Fact]
    public void Disposing_an_assignment_waits_until_its_work_has_returned_and_may_be_repeated()
    {
        bool returned = false;
        HelperThreads.Assignment assignment = HelperThreads.Start(() =>
        {
            Thread.Sleep(50);
            returned = true;
        });
        assignment.Dispose();

        Assert.True(Volatile.Read(ref returned));
        assignment.Dispose(); // again: returns at once
    }

    [Fact]
    public void The_next_assignment_runs_on_the_helper_that_parked_last()
    {
        int first = 0, second = 0;
        using (HelperThreads.Start(() => first = Environment.CurrentManagedThreadId))
        {
        }

        using (HelperThreads.Start(() => second = Environment.CurrentManagedThreadId))
        {
        }

        Assert.NotEqual(Environment.CurrentManagedThreadId, first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Assignments_at_once_run_on_as_many_threads_and_at_most_one_helper_per_core_stays_parked()
    {
        int count = Environment.ProcessorCount + 2;
        using var gate = new ManualResetEventSlim();
        var threads = new int[count];
        using var started = new CountdownEvent(count);
        var assignments = new HelperThreads.Assignment[count];
        for (int k = 0; k < count; k++)
        {
            int slot = k;
            assignments[k] = HelperThreads.Start(() =>
            {
                threads[slot] = Environment.CurrentManagedThreadId;
                started.Signal();
                gate.Wait();
            });
        }

        Assert.True(started.Wait(TimeSpan.FromSeconds(10)), "every assignment runs while the others wait");
        gate.Set();
        foreach (HelperThreads.Assignment assignment in assignments)
            assignment.Dispose();

        Assert.Equal(count, threads.Distinct().Count());
        Assert.Equal(Environment.ProcessorCount, HelperThreads.ParkedCount);
    }
}
