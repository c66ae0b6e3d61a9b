namespace CompiledNets.Generator.Model
{
    /// <summary>
    /// One block of a layer's parameters as Parameters holds it, e.g. the weights W1 of layer 1 (role "Weights") or
    /// its biases b1 ("Biases"). The network's storage, views, offsets, the parameter table of the generated header
    /// and the list of generated member names all come from these blocks.
    /// </summary>
    /// <param name="Layer">The layer's member prefix: its declared Name or "Layer1".</param>
    /// <param name="Role">"Weights" or "Biases": the view is Layer + Role, e.g. HiddenWeights.</param>
    /// <param name="Field">The storage field, e.g. W1 or B1.</param>
    /// <param name="Symbol">The name in the math, e.g. W1 or b1.</param>
    /// <param name="Dimensions">The math shape, e.g. "[4, 3]".</param>
    /// <param name="Offset">Where the block starts in Parameters.</param>
    /// <param name="Count">How many values it holds.</param>
    /// <param name="IndexFormula">Where one value is, for the parameter table, e.g. "W1[j, i] at 0 + j * 3 + i"; null when plain.</param>
    internal sealed record ParameterBlock(
        string Layer, string Role, string Field, string Symbol, string Dimensions, int Offset, int Count, string? IndexFormula)
    {
        /// <summary>The public span over the block, e.g. HiddenWeights.</summary>
        public string View => Layer + Role;

        /// <summary>The constant holding <see cref="Offset"/>, e.g. HiddenWeightsOffset.</summary>
        public string OffsetConstant => Layer + Role + "Offset";

        /// <summary>
        /// The type of another buffer this block shares, e.g. a dense layer's biases are stored in the layer's
        /// HiddenNeuronsBuffer (one value per neuron); null when the block has a type of its own.
        /// </summary>
        public string? SharedBuffer { get; init; }

        /// <summary>The inline-array type of the storage field, e.g. HiddenWeightsBuffer.</summary>
        public string Buffer => SharedBuffer ?? Layer + Role + "Buffer";
    }
}
