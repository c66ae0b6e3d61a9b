using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace CompiledNets.Numerics;

/// <summary>
/// How many vector sums a kernel's block can keep in registers on this processor. Each answer is made of
/// <c>IsSupported</c> checks, which the JIT (and the native AOT compiler, for its instruction set) reads as constants,
/// so a kernel that asks compiles only the block that fits.
/// </summary>
internal static class VectorRegisters
{
    /// <summary>
    /// 32 on Arm64 and on x86-64 with AVX-512 (the JIT then uses its encoding at every width), else x86-64's 16.
    /// </summary>
    public static int Count => Avx512F.IsSupported || AdvSimd.IsSupported ? 32 : 16;

    /// <summary>
    /// Whether a block of twelve sums, three loaded vectors and a broadcast fits without spilling: with 32 registers,
    /// or 16 with fused multiply-add. Without it (x86-64-v2, the native AOT default) each product takes a register of
    /// its own before it is added, so the block needs 17, and the JIT kept one sum on the stack, a load and a store
    /// per step.
    /// </summary>
    public static bool FitFourByThree => Count == 32 || Fma.IsSupported;
}
