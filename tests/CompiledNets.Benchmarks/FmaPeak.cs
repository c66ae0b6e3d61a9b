using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CompiledNets.Benchmarks;

/// <summary>
/// The single-core FMA ceiling: 12 independent chains of Vector256 (and, where the CPU has it, Vector512) fused
/// multiply-adds in a tight loop, enough chains to cover FMA latency x FMA ports on current x64 cores.
/// GFLOP/s = chains x lanes x 2 x iterations / seconds; best of 40 short runs (measured before and after the benchmarks,
/// the larger kept), as a shared machine lends a core in slices.
/// </summary>
public static class FmaPeak
{
    public static double Vector256GFlops(int runs = 40, long iterations = 4_000_000)
    {
        double best = 0;
        for (int r = 0; r < runs; r++)
        {
            var watch = Stopwatch.StartNew();
            float sink = Chains256(iterations);
            double seconds = watch.Elapsed.TotalSeconds;
            GC.KeepAlive(sink);
            best = Math.Max(best, 12.0 * Vector256<float>.Count * 2 * iterations / seconds / 1e9);
        }

        return best;
    }

    public static double Vector512GFlops(int runs = 40, long iterations = 2_000_000)
    {
        if (!Vector512.IsHardwareAccelerated)
            return double.NaN;
        double best = 0;
        for (int r = 0; r < runs; r++)
        {
            var watch = Stopwatch.StartNew();
            float sink = Chains512(iterations);
            double seconds = watch.Elapsed.TotalSeconds;
            GC.KeepAlive(sink);
            best = Math.Max(best, 12.0 * Vector512<float>.Count * 2 * iterations / seconds / 1e9);
        }

        return best;
    }

    /// <summary>
    /// How much FMA work two cores do at once against one: the same chains at the widest accelerated width on two
    /// threads together, against one thread alone; best of <paramref name="runs"/> of each. This bounds the speed-up of
    /// two training threads wherever the kernels are compute-bound; on a VM whose vCPUs share a physical core, or whose
    /// host is busy, it falls well below 2. Each thread is started explicitly: Parallel.For may run both halves on the
    /// calling thread and measure 1x.
    /// </summary>
    public static double TwoCoreScaling(int runs = 7, long iterations = 20_000_000)
    {
        Func<long, float> chains = Vector512.IsHardwareAccelerated ? Chains512 : Chains256;
        double alone = double.MaxValue, together = double.MaxValue;
        for (int r = 0; r < runs; r++)
        {
            var watch = Stopwatch.StartNew();
            GC.KeepAlive(chains(iterations));
            alone = Math.Min(alone, watch.Elapsed.TotalSeconds);

            watch.Restart();
            var other = new Thread(() => GC.KeepAlive(chains(iterations)));
            other.Start();
            GC.KeepAlive(chains(iterations));
            other.Join();
            together = Math.Min(together, watch.Elapsed.TotalSeconds);
        }

        return 2 * alone / together;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains256(long iterations)
    {
        Vector256<float> m = Vector256.Create(0.999999f), c = Vector256.Create(1e-6f);
        Vector256<float> a0 = Vector256.Create(1.0f), a1 = Vector256.Create(1.1f), a2 = Vector256.Create(1.2f), a3 = Vector256.Create(1.3f);
        Vector256<float> a4 = Vector256.Create(1.4f), a5 = Vector256.Create(1.5f), a6 = Vector256.Create(1.6f), a7 = Vector256.Create(1.7f);
        Vector256<float> a8 = Vector256.Create(1.8f), a9 = Vector256.Create(1.9f), a10 = Vector256.Create(2.0f), a11 = Vector256.Create(2.1f);
        for (long k = 0; k < iterations; k++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, m, c); a1 = Vector256.FusedMultiplyAdd(a1, m, c);
            a2 = Vector256.FusedMultiplyAdd(a2, m, c); a3 = Vector256.FusedMultiplyAdd(a3, m, c);
            a4 = Vector256.FusedMultiplyAdd(a4, m, c); a5 = Vector256.FusedMultiplyAdd(a5, m, c);
            a6 = Vector256.FusedMultiplyAdd(a6, m, c); a7 = Vector256.FusedMultiplyAdd(a7, m, c);
            a8 = Vector256.FusedMultiplyAdd(a8, m, c); a9 = Vector256.FusedMultiplyAdd(a9, m, c);
            a10 = Vector256.FusedMultiplyAdd(a10, m, c); a11 = Vector256.FusedMultiplyAdd(a11, m, c);
        }

        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains512(long iterations)
    {
        Vector512<float> m = Vector512.Create(0.999999f), c = Vector512.Create(1e-6f);
        Vector512<float> a0 = Vector512.Create(1.0f), a1 = Vector512.Create(1.1f), a2 = Vector512.Create(1.2f), a3 = Vector512.Create(1.3f);
        Vector512<float> a4 = Vector512.Create(1.4f), a5 = Vector512.Create(1.5f), a6 = Vector512.Create(1.6f), a7 = Vector512.Create(1.7f);
        Vector512<float> a8 = Vector512.Create(1.8f), a9 = Vector512.Create(1.9f), a10 = Vector512.Create(2.0f), a11 = Vector512.Create(2.1f);
        for (long k = 0; k < iterations; k++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, c); a1 = Vector512.FusedMultiplyAdd(a1, m, c);
            a2 = Vector512.FusedMultiplyAdd(a2, m, c); a3 = Vector512.FusedMultiplyAdd(a3, m, c);
            a4 = Vector512.FusedMultiplyAdd(a4, m, c); a5 = Vector512.FusedMultiplyAdd(a5, m, c);
            a6 = Vector512.FusedMultiplyAdd(a6, m, c); a7 = Vector512.FusedMultiplyAdd(a7, m, c);
            a8 = Vector512.FusedMultiplyAdd(a8, m, c); a9 = Vector512.FusedMultiplyAdd(a9, m, c);
            a10 = Vector512.FusedMultiplyAdd(a10, m, c); a11 = Vector512.FusedMultiplyAdd(a11, m, c);
        }

        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
