using System.ComponentModel;

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
            : System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "Vector512"
            : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? "Vector256"
            : System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? "Vector128"
            : "scalar";

    private static bool IsDisabledByTheApplication()
        => AppContext.TryGetSwitch("CompiledNets.DisableSimd", out bool disabled) && disabled;
}
