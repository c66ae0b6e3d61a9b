using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CompiledNets.Numerics;

/// <summary>
/// A formula applied at every index of a few equally long buffers (an optimizer's update of each parameter and its
/// state), written once over <see cref="IVectorWidth{TVector, T}"/> and run by <see cref="Elementwise.Run{TFormula, T}"/>
/// at each width in turn.
/// </summary>
internal interface IElementwiseFormula<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Computes indices <c>[index, index + TWidth.Count)</c>.</summary>
    void Apply<TWidth, TVector>(nuint index)
        where TWidth : struct, IVectorWidth<TVector, T>
        where TVector : struct;
}

internal static class Elementwise
{
    /// <summary>
    /// Applies <paramref name="formula"/> to indices 0 to <paramref name="length"/> - 1: Vector512 steps while they
    /// fit, then Vector256, then Vector128, then one value at a time. A formula that uses no fused multiply-add gives
    /// every index the same bits at every width, so the result does not depend on the machine's vectors, nor on how
    /// a buffer is split into ranges.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TFormula, T>(ref TFormula formula, int length)
        where TFormula : struct, IElementwiseFormula<T>, allows ref struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // A copy the loops alone use, so the compiler can keep its fields in registers and hoist their broadcasts out of
        // the loops. The caller's formula may have had its address taken (a constructor the native compiler did not
        // inline), and then every step reloaded each field from the stack and broadcast it again.
        TFormula local = formula;
        int k = 0;
        if (Simd.IsAllowed)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                for (; k <= length - Vector512<T>.Count; k += Vector512<T>.Count)
                    local.Apply<Width512<T>, Vector512<T>>((nuint)k);
            }

            if (Vector256.IsHardwareAccelerated)
            {
                for (; k <= length - Vector256<T>.Count; k += Vector256<T>.Count)
                    local.Apply<Width256<T>, Vector256<T>>((nuint)k);
            }

            if (Vector128.IsHardwareAccelerated)
            {
                for (; k <= length - Vector128<T>.Count; k += Vector128<T>.Count)
                    local.Apply<Width128<T>, Vector128<T>>((nuint)k);
            }
        }

        for (; k < length; k++)
            local.Apply<Scalar<T>, T>((nuint)k);
    }
}
