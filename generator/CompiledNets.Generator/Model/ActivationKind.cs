namespace CompiledNets.Generator.Model
{
    /// <summary>Mirrors CompiledNets.Activation (names and values; a test checks they agree).</summary>
    internal enum ActivationKind
    {
        Linear = 0,
        Sigmoid = 1,
        Tanh = 2,
        Relu = 3,
        LeakyRelu = 4,
        Softmax = 5,
    }
}
