using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CompiledNets.Benchmarks;

/// <summary>
/// The single-core multiply-add ceiling: 12 independent chains of multiply-adds at one vector width in a tight loop,
/// enough chains to cover FMA latency x FMA ports on current x64 cores. The chains use
/// <c>MultiplyAddEstimate</c>, as the kernels do: one fused instruction where the processor has FMA, a multiply and an
/// add where it has not (x86-64-v2, or <c>DOTNET_EnableAVX=0</c>), so the peak is of the instructions the kernels run.
/// GFLOP/s = chains x lanes x 2 x iterations / seconds; best of 40 short runs (measured before and after the benchmarks,
/// the larger kept), as a shared machine lends a core in slices. A width the machine does not accelerate gets NaN:
/// its software fallback would be measured, not the processor.
/// </summary>
public static class FmaPeak
{
    /// <summary>The widths the kernels can run at, narrowest first, as <see cref="Numerics.Simd.WidestVector"/> names them.</summary>
    public static readonly string[] Widths = ["Vector128", "Vector256", "Vector512"];

    /// <summary>Single-core GFLOP/s of 12 multiply-add chains at <paramref name="width"/> (one of <see cref="Widths"/>), or NaN.</summary>
    public static double GFlops(string width, int runs = 40)
    {
        if (Accelerated(width) is not (Func<long, float> chains, int lanes, long iterations))
            return double.NaN;
        double best = 0;
        for (int r = 0; r < runs; r++)
        {
            var watch = Stopwatch.StartNew();
            float sink = chains(iterations);
            double seconds = watch.Elapsed.TotalSeconds;
            GC.KeepAlive(sink);
            best = Math.Max(best, 12.0 * lanes * 2 * iterations / seconds / 1e9);
        }

        return best;
    }

    // The chains of one width, its lanes and iterations for a run of a few milliseconds; null where not accelerated.
    private static (Func<long, float> Chains, int Lanes, long Iterations)? Accelerated(string width) => width switch
    {
        "Vector128" when Vector128.IsHardwareAccelerated => (Chains128, Vector128<float>.Count, 8_000_000),
        "Vector256" when Vector256.IsHardwareAccelerated => (Chains256, Vector256<float>.Count, 4_000_000),
        "Vector512" when Vector512.IsHardwareAccelerated => (Chains512, Vector512<float>.Count, 2_000_000),
        _ => null,
    };

    /// <summary>
    /// How much FMA work two cores do at once against one: the same chains at the widest accelerated width on two
    /// threads together, against one thread alone; best of <paramref name="runs"/> of each. This bounds the speed-up of
    /// two training threads wherever the kernels are compute-bound; on a VM whose vCPUs share a physical core, or whose
    /// host is busy, it falls well below 2. Each thread is started explicitly: Parallel.For may run both halves on the
    /// calling thread and measure 1x.
    /// </summary>
    public static double TwoCoreScaling(int runs = 7, long iterations = 20_000_000)
    {
        Func<long, float> chains = Vector512.IsHardwareAccelerated ? Chains512 : Vector256.IsHardwareAccelerated ? Chains256 : Chains128;
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
    private static float Chains128(long iterations)
    {
        Vector128<float> m = Vector128.Create(0.999999f), c = Vector128.Create(1e-6f);
        Vector128<float> a0 = Vector128.Create(1.0f), a1 = Vector128.Create(1.1f), a2 = Vector128.Create(1.2f), a3 = Vector128.Create(1.3f);
        Vector128<float> a4 = Vector128.Create(1.4f), a5 = Vector128.Create(1.5f), a6 = Vector128.Create(1.6f), a7 = Vector128.Create(1.7f);
        Vector128<float> a8 = Vector128.Create(1.8f), a9 = Vector128.Create(1.9f), a10 = Vector128.Create(2.0f), a11 = Vector128.Create(2.1f);
        for (long k = 0; k < iterations; k++)
        {
            a0 = Vector128.MultiplyAddEstimate(a0, m, c); a1 = Vector128.MultiplyAddEstimate(a1, m, c);
            a2 = Vector128.MultiplyAddEstimate(a2, m, c); a3 = Vector128.MultiplyAddEstimate(a3, m, c);
            a4 = Vector128.MultiplyAddEstimate(a4, m, c); a5 = Vector128.MultiplyAddEstimate(a5, m, c);
            a6 = Vector128.MultiplyAddEstimate(a6, m, c); a7 = Vector128.MultiplyAddEstimate(a7, m, c);
            a8 = Vector128.MultiplyAddEstimate(a8, m, c); a9 = Vector128.MultiplyAddEstimate(a9, m, c);
            a10 = Vector128.MultiplyAddEstimate(a10, m, c); a11 = Vector128.MultiplyAddEstimate(a11, m, c);
        }

        return Vector128.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
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
            a0 = Vector256.MultiplyAddEstimate(a0, m, c); a1 = Vector256.MultiplyAddEstimate(a1, m, c);
            a2 = Vector256.MultiplyAddEstimate(a2, m, c); a3 = Vector256.MultiplyAddEstimate(a3, m, c);
            a4 = Vector256.MultiplyAddEstimate(a4, m, c); a5 = Vector256.MultiplyAddEstimate(a5, m, c);
            a6 = Vector256.MultiplyAddEstimate(a6, m, c); a7 = Vector256.MultiplyAddEstimate(a7, m, c);
            a8 = Vector256.MultiplyAddEstimate(a8, m, c); a9 = Vector256.MultiplyAddEstimate(a9, m, c);
            a10 = Vector256.MultiplyAddEstimate(a10, m, c); a11 = Vector256.MultiplyAddEstimate(a11, m, c);
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
            a0 = Vector512.MultiplyAddEstimate(a0, m, c); a1 = Vector512.MultiplyAddEstimate(a1, m, c);
            a2 = Vector512.MultiplyAddEstimate(a2, m, c); a3 = Vector512.MultiplyAddEstimate(a3, m, c);
            a4 = Vector512.MultiplyAddEstimate(a4, m, c); a5 = Vector512.MultiplyAddEstimate(a5, m, c);
            a6 = Vector512.MultiplyAddEstimate(a6, m, c); a7 = Vector512.MultiplyAddEstimate(a7, m, c);
            a8 = Vector512.MultiplyAddEstimate(a8, m, c); a9 = Vector512.MultiplyAddEstimate(a9, m, c);
            a10 = Vector512.MultiplyAddEstimate(a10, m, c); a11 = Vector512.MultiplyAddEstimate(a11, m, c);
        }

        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
