using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace CompiledNets.Numerics;

/// <summary>
/// A dense layer's sizes as constants. Each generated network declares one struct per kernel-computed layer and passes
/// it to <see cref="DenseKernels"/>: the JIT compiles the kernel once per shape, with every loop bound and every
/// remainder known, so a small layer's product runs with no loop that does nothing and no size arithmetic.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IDenseShape
{
    /// <summary>The layer's inputs: the columns of its weight matrix.</summary>
    static abstract int Inputs { get; }

    /// <summary>The layer's outputs: the rows of its weight matrix.</summary>
    static abstract int Outputs { get; }
}

/// <summary>Sizes known only at run time, read from the span lengths (zero here means "not fixed").</summary>
internal readonly struct RuntimeShape : IDenseShape
{
    public static int Inputs => 0;
    public static int Outputs => 0;
}

internal static class DenseShape
{
    /// <summary>Replaces the run-time sizes by the shape's constants, when it has them (folded by the JIT).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Resolve<TShape>(ref int rows, ref int columns)
        where TShape : struct, IDenseShape
    {
        if (TShape.Outputs > 0)
        {
            rows = TShape.Outputs;
            columns = TShape.Inputs;
        }
    }
}
