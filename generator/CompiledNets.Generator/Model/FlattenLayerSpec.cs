using System.Collections.Generic;

namespace CompiledNets.Generator.Model
{
    /// <summary>An image read as one vector, in the same order (channel, row, column); no parameters, no activation.</summary>
    internal sealed record FlattenLayerSpec(int Number, string? DeclaredName, Shape Input, int ParameterOffset)
        : LayerSpec(Number, DeclaredName, Input, Shape.Vector(Input.Size), ActivationKind.Linear, ParameterOffset)
    {
        public override string Describe() => $"Flatten [{Output}]";

        public override long ParameterCountLong => 0;

        public override IReadOnlyList<ParameterBlock> ParameterBlocks => System.Array.Empty<ParameterBlock>();
    }
}
