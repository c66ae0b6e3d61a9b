namespace CompiledNets.Generator.Model
{
    /// <summary>One dense layer: z = W * input + b, a = activation(z), W of shape [OutputSize, InputSize].</summary>
    /// <param name="Number">1-based position: layer l reads a(l-1) and writes a(l); a0 is the network input.</param>
    /// <param name="Name">Prefix of the layer's public members, e.g. "Layer1" or the declared Name.</param>
    /// <param name="Unrolled">Emitted as straight-line code (weight count within the unroll limit) rather than loops.</param>
    internal sealed record LayerSpec(
        int Number,
        string Name,
        int InputSize,
        int OutputSize,
        ActivationKind Activation,
        bool HasBias,
        bool Unrolled)
    {
        public int WeightCount => InputSize * OutputSize;

        public int ParameterCount => WeightCount + (HasBias ? OutputSize : 0);
    }
}
