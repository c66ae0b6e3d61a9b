namespace CompiledNets.Generator.Model
{
    /// <summary>One dense layer: z = W * input + b, a = activation(z), W of shape [OutputSize, InputSize].</summary>
    /// <param name="Number">1-based position: layer l reads a(l-1) and writes a(l); a0 is the network input.</param>
    /// <param name="DeclaredName">The Name given on the attribute, or null when the layer takes its default name.</param>
    /// <param name="Unrolled">Emitted as straight-line code (weight count within the unroll limit) rather than loops.</param>
    /// <param name="ParameterOffset">Where the layer's weights start in Parameters; its biases follow them.</param>
    internal sealed record LayerSpec(
        int Number,
        string? DeclaredName,
        int InputSize,
        int OutputSize,
        ActivationKind Activation,
        bool HasBias,
        bool Unrolled,
        int ParameterOffset)
    {
        /// <summary>Prefix of the layer's public members: the declared Name, else "Layer1", "Layer2", ...</summary>
        public string Name => DeclaredName ?? "Layer" + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public int WeightCount => InputSize * OutputSize;

        public int ParameterCount => WeightCount + (HasBias ? OutputSize : 0);

        /// <summary>The parameter count without int overflow, for the parser's checks of declarations too large to emit.</summary>
        public long ParameterCountLong => (long)InputSize * OutputSize + (HasBias ? OutputSize : 0);

        public int WeightsOffset => ParameterOffset;

        public int BiasesOffset => ParameterOffset + WeightCount;
    }
}
