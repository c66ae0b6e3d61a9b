using System.Diagnostics;

namespace CompiledNets.Benchmarks;

/// <summary>
/// What it costs two cores to pass data between them, printed beside the FMA peak. Two threads that share a dense
/// step meet four times per batch, and each reads the half of the other's first-layer outputs or deltas it needs (the
/// helper gathers its own copy of the batch's inputs): where these costs are high (a VM whose two vCPUs sit on distant
/// cores), sharing a step gains little.
/// </summary>
public static class CoreHandover
{
    /// <summary>The fastest of a few runs: one thread writes a flag, the other answers, in nanoseconds per round trip.</summary>
    public static double RoundTripNanoseconds(int runs = 5, int trips = 200_000)
    {
        double best = double.MaxValue;
        for (int r = 0; r < runs; r++)
        {
            var flag = new long[16]; // [0] only; the rest keeps other objects off its cache line
            var other = new Thread(() =>
            {
                for (long i = 1; i <= trips; i++)
                {
                    while (Volatile.Read(ref flag[0]) != 2 * i - 1) { }
                    Volatile.Write(ref flag[0], 2 * i);
                }
            });
            other.Start();
            var watch = Stopwatch.StartNew();
            for (long i = 1; i <= trips; i++)
            {
                Volatile.Write(ref flag[0], 2 * i - 1);
                while (Volatile.Read(ref flag[0]) != 2 * i) { }
            }

            best = Math.Min(best, watch.Elapsed.TotalNanoseconds / trips);
            other.Join();
        }

        return best;
    }

    /// <summary>
    /// The fastest of a few runs, in microseconds per turn: one thread writes 100 KB (a batch of 32 digit images in
    /// float), the other then reads a value from every cache line of it, and the turn passes back.
    /// </summary>
    public static double HundredKilobytesMicroseconds(int runs = 5, int turns = 500)
    {
        const int values = 25_600, perLine = 16;
        double best = double.MaxValue;
        for (int r = 0; r < runs; r++)
        {
            var buffer = new float[values];
            var turn = new long[16];
            float sum = 0;
            var reader = new Thread(() =>
            {
                for (long t = 0; t < turns; t++)
                {
                    while (Volatile.Read(ref turn[0]) != 2 * t + 1) { }
                    for (int i = 0; i < values; i += perLine)
                        sum += buffer[i];
                    Volatile.Write(ref turn[0], 2 * t + 2);
                }
            });
            reader.Start();
            var watch = Stopwatch.StartNew();
            for (long t = 0; t < turns; t++)
            {
                for (int i = 0; i < values; i += perLine)
                    buffer[i] = t;
                Volatile.Write(ref turn[0], 2 * t + 1);
                while (Volatile.Read(ref turn[0]) != 2 * t + 2) { }
            }

            best = Math.Min(best, watch.Elapsed.TotalMicroseconds / turns);
            reader.Join();
            GC.KeepAlive(sum);
        }

        return best;
    }
}
