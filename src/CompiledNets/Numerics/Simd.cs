using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CompiledNets.Numerics;

/// <summary>
/// Whether the runtime's kernels (<see cref="DenseKernels"/>, <see cref="VectorMath"/>) use vectors. They do, at the
/// widest width the machine accelerates (Vector512, Vector256 or Vector128, each checked when the kernel is
/// compiled), unless the application sets the AppContext switch <c>CompiledNets.DisableSimd</c> (e.g. in the project
/// file: <c>&lt;RuntimeHostConfigurationOption Include="CompiledNets.DisableSimd" Value="true" /&gt;</c>), which runs
/// their scalar forms instead: the tests use it to prove both forms compute the same thing.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Simd
{
    /// <summary>Read once; a static readonly bool is a constant to the optimizing JIT, so the untaken path costs nothing.</summary>
    public static readonly bool IsAllowed = !IsDisabledByTheApplication();

    /// <summary>
    /// The widest vectors the kernels use on this machine, in this build: "Vector512", "Vector256", "Vector128" or
    /// "scalar". A JIT build decides when it starts; a native AOT build decides when it is published (its instruction
    /// set), so printing this shows whether a published binary runs vectorized.
    /// </summary>
    public static string WidestVector
        => !IsAllowed ? "scalar"
            : Vector512.IsHardwareAccelerated ? "Vector512"
            : Vector256.IsHardwareAccelerated ? "Vector256"
            : Vector128.IsHardwareAccelerated ? "Vector128"
            : "scalar";

    /// <summary>
    /// The widest vectors this processor supports, whatever this build uses: "Vector512" (AVX-512), "Vector256" (AVX2),
    /// "Vector128" or "scalar", asked of the processor itself (CPUID) on x86-64; elsewhere the same as
    /// <see cref="WidestVector"/> without the application's switch. Wider than <see cref="WidestVector"/> when the build
    /// leaves width unused (<see cref="UnusedWidthAdvice"/>).
    /// </summary>
    public static string ProcessorWidestVector { get; } = AskTheProcessor();

    /// <summary>
    /// Null when the kernels use the widest vectors the processor supports, or when the application chose scalar;
    /// otherwise a sentence saying what is left unused and how to use it. A native AOT binary is compiled for one
    /// instruction set when it is published, and the SDK's default (x86-64-v2) has only 128-bit vectors, so on a newer
    /// processor its kernels do a half or a quarter of the work per instruction that they could, with no other sign.
    /// </summary>
    public static string? UnusedWidthAdvice
        => IsAllowed ? AdviceFor(WidestVector, ProcessorWidestVector, aheadOfTime: !RuntimeFeature.IsDynamicCodeCompiled) : null;

    /// <summary>The sentence of <see cref="UnusedWidthAdvice"/> for kernels at <paramref name="used"/> on a processor that supports <paramref name="supported"/>.</summary>
    internal static string? AdviceFor(string used, string supported, bool aheadOfTime)
    {
        if (Rank(used) >= Rank(supported))
            return null;
        if (!aheadOfTime)
        {
            return $"This processor supports {supported} but the runtime uses at most {used}: its default on processors " +
                   "that slow their clock for wider vectors, or a setting (DOTNET_EnableAVX512F=0, DOTNET_PreferredVectorBitWidth...).";
        }

        string instructionSet = supported == "Vector512" ? "x86-64-v4" : "x86-64-v3";
        return $"This processor supports {supported} but this native AOT binary was published for {used}: publish with " +
               $"<IlcInstructionSet>{instructionSet}</IlcInstructionSet>, or native for this machine's own instruction set, " +
               "to use it (the binary then needs a processor that has it).";
    }

    private static int Rank(string width) => width switch { "Vector512" => 3, "Vector256" => 2, "Vector128" => 1, _ => 0 };

    private static string AskTheProcessor()
    {
        if (!X86Base.IsSupported) // not x86-64: the runtime's own view (on Arm64, AdvSimd: Vector128)
            return Vector128.IsHardwareAccelerated ? "Vector128" : "scalar";
        (int highestLeaf, _, _, _) = X86Base.CpuId(0, 0);
        (_, _, int features, _) = X86Base.CpuId(1, 0);
        // AVX needs the operating system to save the vector registers on a thread switch (OSXSAVE, bit 27).
        bool avx = (features & (1 << 27)) != 0 && (features & (1 << 28)) != 0;
        if (!avx || highestLeaf < 7)
            return "Vector128"; // x86-64 always has SSE2
        (_, int extended, _, _) = X86Base.CpuId(7, 0);
        const int avx2 = 1 << 5, avx512 = (1 << 16) | (1 << 17) | (1 << 28) | (1 << 30) | (1 << 31); // F, DQ, CD, BW, VL
        return (extended & avx512) == avx512 ? "Vector512" : (extended & avx2) != 0 ? "Vector256" : "Vector128";
    }

    private static bool IsDisabledByTheApplication()
        => AppContext.TryGetSwitch("CompiledNets.DisableSimd", out bool disabled) && disabled;
}
