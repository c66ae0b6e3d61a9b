namespace CompiledNets.Generator.Model
{
    /// <summary>Mirrors CompiledNets.Precision: Single is float, Double is double.</summary>
    internal enum ScalarKind
    {
        Single = 0,
        Double = 1,
    }
}
