using System.Runtime.InteropServices;

namespace CompiledNets.Benchmarks.Workloads;

/// <summary>Native buffers of random floats on a 64-byte boundary, as the runtime keeps the buffers its kernels stream.</summary>
public static unsafe class AlignedValues
{
    /// <summary><paramref name="count"/> values in [-0.5, 0.5); free with <see cref="NativeMemory.AlignedFree"/>.</summary>
    public static float* Random(int count, Random random)
    {
        var values = (float*)NativeMemory.AlignedAlloc((nuint)(count * sizeof(float)), 64);
        for (int k = 0; k < count; k++)
            values[k] = random.NextSingle() - 0.5f;
        return values;
    }
}
