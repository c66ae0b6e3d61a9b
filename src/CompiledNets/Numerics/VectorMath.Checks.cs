using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CompiledNets.Numerics;

public static partial class VectorMath
{
    /// <summary>
    /// The index of the first NaN or infinity in <paramref name="values"/>, or -1. Whole vectors are skipped while
    /// x - x is zero in every lane (it is NaN exactly where x is not finite); the vector holding the first non-finite
    /// value is searched value by value, so the answer is the scalar loop's. The trainer checks every input and target
    /// before a run, and the parameters after every epoch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // no slow first epochs: see DenseKernelBodies
    public static int IndexOfNonFinite<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T v = ref MemoryMarshal.GetReference(values);
        int n = values.Length, k = 0;
        if (Simd.IsAllowed)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                for (; k <= n - Vector512<T>.Count; k += Vector512<T>.Count)
                {
                    Vector512<T> x = Vector512.LoadUnsafe(ref v, (nuint)k);
                    if (!Vector512.EqualsAll(x - x, Vector512<T>.Zero))
                        break;
                }
            }

            if (Vector256.IsHardwareAccelerated)
            {
                for (; k <= n - Vector256<T>.Count; k += Vector256<T>.Count)
                {
                    Vector256<T> x = Vector256.LoadUnsafe(ref v, (nuint)k);
                    if (!Vector256.EqualsAll(x - x, Vector256<T>.Zero))
                        break;
                }
            }

            if (Vector128.IsHardwareAccelerated)
            {
                for (; k <= n - Vector128<T>.Count; k += Vector128<T>.Count)
                {
                    Vector128<T> x = Vector128.LoadUnsafe(ref v, (nuint)k);
                    if (!Vector128.EqualsAll(x - x, Vector128<T>.Zero))
                        break;
                }
            }
        }

        for (; k < n; k++)
        {
            if (!T.IsFinite(Unsafe.Add(ref v, k)))
                return k;
        }

        return -1;
    }
}
