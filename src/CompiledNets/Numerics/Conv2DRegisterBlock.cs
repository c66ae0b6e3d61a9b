using System.Runtime.CompilerServices;

namespace CompiledNets.Numerics;

/// <summary>
/// The block of sums that <see cref="Conv2DKernelBodies{TWidth, TVector, T}"/> keeps in vector registers: four rows by
/// this many vectors, the most that fit the processor's registers without spilling to the stack on every step. No
/// block changes the order of any sum, so all three give the same bits.
/// </summary>
internal enum Conv2DRegisterBlock
{
    /// <summary>Sixteen sums, four loaded vectors and a broadcast: 21 registers, so only where there are 32.</summary>
    FourByFour,

    /// <summary>Twelve sums, three loaded vectors and a broadcast: x86-64's 16 registers exactly, with fused multiply-add.</summary>
    FourByThree,

    /// <summary>
    /// Eight sums, two loaded vectors and a broadcast: 16 registers without fused multiply-add, where each product
    /// takes a register of its own before it is added (so four by three would need 17).
    /// </summary>
    FourByTwo,
}

internal static class Conv2DRegisterBlocks
{
    /// <summary>
    /// The block for this processor. Arm64 and x86-64 with AVX-512 have 32 vector registers (the JIT then uses
    /// AVX-512's encoding at every width); x86-64 without it has 16, where four by four spilled (measured: 1.4x the
    /// time of the whole convolutional sample) and four by three runs 2-7% faster than four by two, but only with FMA:
    /// without it (x86-64-v2, the native AOT default) one of its sums goes to the stack on every step. A property, not
    /// a static readonly field: made of <see cref="VectorRegisters"/>' constants it folds to one even in a method compiled
    /// fully optimized before this class is initialized, where a field's read keeps an initialization check. Inlined by
    /// request: at 22 bytes of IL the JIT left it a call in some callers, where the field had been a constant.
    /// </summary>
    public static Conv2DRegisterBlock ForThisProcessor
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => VectorRegisters.Count == 32 ? Conv2DRegisterBlock.FourByFour
            : VectorRegisters.FitFourByThree ? Conv2DRegisterBlock.FourByThree
            : Conv2DRegisterBlock.FourByTwo;
    }
}
