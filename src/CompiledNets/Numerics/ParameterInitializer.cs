using System.ComponentModel;
using System.Numerics;

namespace CompiledNets.Numerics;

/// <summary>Fills parameter spans with random values; called by generated <c>InitializeParameters</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public static class ParameterInitializer
{
    /// <summary>Fills <paramref name="values"/> uniformly from [-limit, limit].</summary>
    public static void FillUniform<T>(Span<T> values, double limit, ref SplitMix64 random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < values.Length; i++)
            values[i] = T.CreateChecked((2 * random.NextDouble() - 1) * limit);
    }
}
