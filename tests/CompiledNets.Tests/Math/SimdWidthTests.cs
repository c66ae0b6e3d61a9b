using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using CompiledNets.Numerics;

namespace CompiledNets.Tests.MathTests;

/// <summary>
/// The kernels' vector width against the processor's: a native AOT binary published for an older instruction set
/// leaves width unused with no other sign, so the runtime says so (the digits sample prints it; .ci/publish-check
/// checks it in the x86-64-v2 binary).
/// </summary>
public sealed class SimdWidthTests
{
    [Fact]
    public void TheProcessorsWidth_IsWhatTheRuntimeSeesInIt()
    {
        // The JIT reads the same CPUID bits, unless a setting such as DOTNET_EnableAVX512F=0 hides some from it.
        bool hidden = Environment.GetEnvironmentVariables().Keys.Cast<string>().Any(name => name.StartsWith("DOTNET_Enable", StringComparison.Ordinal));
        string expected = !X86Base.IsSupported ? (Vector128.IsHardwareAccelerated ? "Vector128" : "scalar")
            : Avx512F.IsSupported && Avx512DQ.IsSupported && Avx512CD.IsSupported && Avx512BW.IsSupported && Avx512F.VL.IsSupported ? "Vector512"
            : Avx2.IsSupported ? "Vector256"
            : "Vector128";
        if (hidden)
        {
            Assert.InRange(Rank(Simd.ProcessorWidestVector), Rank(expected), 3);
            return;
        }

        Assert.Equal(expected, Simd.ProcessorWidestVector);
    }

    [Fact]
    public void TheKernels_NeverUseMoreThanTheProcessorSupports()
    {
        Assert.InRange(Rank(Simd.WidestVector), 0, Rank(Simd.ProcessorWidestVector));
        Assert.Equal(Simd.WidestVector == Simd.ProcessorWidestVector || !Simd.IsAllowed, Simd.UnusedWidthAdvice is null);
    }

    [Theory]
    [InlineData("Vector128", "Vector512", "x86-64-v4")] // the SDK's default publish on an AVX-512 machine
    [InlineData("Vector128", "Vector256", "x86-64-v3")] // ... on an AVX2 machine
    [InlineData("Vector256", "Vector512", "x86-64-v4")] // the digits sample's own x86-64-v3 on an AVX-512 machine
    public void A_NativeBinaryBelowTheProcessor_IsToldWhichInstructionSetUsesIt(string used, string supported, string instructionSet)
    {
        string? advice = Simd.AdviceFor(used, supported, aheadOfTime: true);

        Assert.Equal(
            $"This processor supports {supported} but this native AOT binary was published for {used}: publish with " +
            $"<IlcInstructionSet>{instructionSet}</IlcInstructionSet>, or native for this machine's own instruction set, " +
            "to use it (the binary then needs a processor that has it).",
            advice);
    }

    [Fact]
    public void A_JitRunBelowTheProcessor_IsToldWhy()
    {
        Assert.Equal(
            "This processor supports Vector512 but the runtime uses at most Vector256: its default on processors that slow " +
            "their clock for wider vectors, or a setting (DOTNET_EnableAVX512F=0, DOTNET_PreferredVectorBitWidth...).",
            Simd.AdviceFor("Vector256", "Vector512", aheadOfTime: false));
    }

    [Theory]
    [InlineData("Vector512", "Vector512")]
    [InlineData("Vector256", "Vector256")]
    [InlineData("Vector128", "Vector128")]
    public void KernelsAtTheProcessorsWidth_NeedNoAdvice(string used, string supported)
    {
        Assert.Null(Simd.AdviceFor(used, supported, aheadOfTime: true));
        Assert.Null(Simd.AdviceFor(used, supported, aheadOfTime: false));
    }

    private static int Rank(string width) => Array.IndexOf(["scalar", "Vector128", "Vector256", "Vector512"], width);
}
