namespace CompiledNets.Generator.Model
{
    /// <summary>Mirrors CompiledNets.Loss (names and values; a test checks they agree).</summary>
    internal enum LossKind
    {
        SquaredError = 0,
        HalfSquaredError = 1,
        MeanSquaredError = 2,
        CrossEntropy = 3,
        BinaryCrossEntropy = 4,
    }
}
