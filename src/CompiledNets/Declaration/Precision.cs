namespace CompiledNets;

/// <summary>The element type of a network's parameters, inputs and outputs.</summary>
public enum Precision
{
    /// <summary>32-bit <see cref="float"/>: the default, twice the SIMD width of double.</summary>
    Single = 0,

    /// <summary>64-bit <see cref="double"/>: for gradient checks and exact tutorial numbers.</summary>
    Double = 1,
}
