using System.Numerics;
using System.Runtime.InteropServices;

namespace CompiledNets.Training;

/// <summary>The squared Euclidean norm that clipping by global norm needs.</summary>
internal static class GradientNorms
{
    /// <summary>
    /// sum_k values[k]^2. Summed in T with vectors, which is fast and, for a clip factor, precise enough; if that
    /// overflows (a float gradient above about 1e19), summed again in double, so a huge gradient is clipped to the
    /// right size instead of to zero.
    /// </summary>
    public static double SumOfSquares<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        int k = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<T>.Count)
        {
            ReadOnlySpan<Vector<T>> vectors = MemoryMarshal.Cast<T, Vector<T>>(values);
            Vector<T> total = Vector<T>.Zero;
            foreach (Vector<T> vector in vectors)
                total += vector * vector;
            sum = Vector.Sum(total);
            k = vectors.Length * Vector<T>.Count;
        }

        for (; k < values.Length; k++)
            sum += values[k] * values[k];
        if (T.IsFinite(sum))
            return double.CreateChecked(sum);

        double wide = 0;
        foreach (T value in values)
        {
            double v = double.CreateChecked(value);
            wide += v * v;
        }

        return wide;
    }
}
