using System.Numerics;

namespace CompiledNets.Training;

/// <summary>The one place the mini-batch update is defined, so the single- and multi-threaded paths agree bit for bit.</summary>
internal static class UpdateRule
{
    /// <summary>Classical momentum on a range of parameters: v = momentum * v + meanScale * gradient.</summary>
    public static void AccumulateVelocity<T>(Span<T> velocity, ReadOnlySpan<T> gradient, T momentum, T meanScale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < velocity.Length; i++)
            velocity[i] = momentum * velocity[i] + meanScale * gradient[i];
    }
}
