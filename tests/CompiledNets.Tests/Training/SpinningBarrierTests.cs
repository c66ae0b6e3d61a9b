using CompiledNets.Training;

namespace CompiledNets.Tests.Training;

public sealed class SpinningBarrierTests
{
    [Theory]
    [InlineData(0L)] // every wait that does not end at once blocks
    [InlineData(-1L)] // the default budget: spins, and blocks when the threads outnumber the cores
    public void No_thread_passes_a_round_before_every_thread_has_reached_it(long spinTicks)
    {
        const int participants = 5, rounds = 3000;
        var barrier = new SpinningBarrier(participants, spinTicks < 0 ? SpinningBarrier.DefaultSpinTicks : spinTicks);
        int[] reached = new int[participants];
        int early = 0;

        var threads = Enumerable.Range(0, participants).Select(me => new Thread(() =>
        {
            for (int round = 1; round <= rounds; round++)
            {
                Volatile.Write(ref reached[me], round);
                barrier.SignalAndWait();
                for (int other = 0; other < participants; other++)
                {
                    if (Volatile.Read(ref reached[other]) < round)
                        Interlocked.Increment(ref early);
                }
            }
        })).ToArray();
        foreach (Thread thread in threads)
            thread.Start();
        foreach (Thread thread in threads)
            Assert.True(thread.Join(TimeSpan.FromMinutes(2)), "a thread is still waiting: a wake-up was lost");

        Assert.Equal(0, early);
        Assert.All(reached, round => Assert.Equal(rounds, round));
    }
}
