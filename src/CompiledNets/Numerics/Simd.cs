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

    private static bool IsDisabledByTheApplication()
        => AppContext.TryGetSwitch("CompiledNets.DisableSimd", out bool disabled) && disabled;
}
