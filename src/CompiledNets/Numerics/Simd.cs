using System.ComponentModel;
using System.Runtime.Intrinsics;

namespace CompiledNets.Numerics;

/// <summary>
/// Whether generated code takes its Vector256 paths. True where the hardware accelerates Vector256, unless the
/// application sets the AppContext switch <c>CompiledNets.DisableSimd</c> (e.g. in the project file:
/// <c>&lt;RuntimeHostConfigurationOption Include="CompiledNets.DisableSimd" Value="true" /&gt;</c>), which
/// runs the scalar paths instead: the tests use it to prove both paths compute the same thing.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Simd
{
    /// <summary>
    /// Read once; a static readonly bool is a constant to the optimizing JIT, so the untaken path costs nothing.
    /// </summary>
    public static readonly bool IsEnabled = Vector256.IsHardwareAccelerated && !IsDisabledByTheApplication();

    /// <summary>
    /// Whether the runtime's kernels (<see cref="VectorMath"/>) may use vectors: unless the switch turns SIMD off, they
    /// take the widest accelerated width (Vector512, Vector256 or Vector128), each checked when the kernel is compiled.
    /// </summary>
    public static readonly bool IsAllowed = !IsDisabledByTheApplication();

    private static bool IsDisabledByTheApplication()
        => AppContext.TryGetSwitch("CompiledNets.DisableSimd", out bool disabled) && disabled;
}
