using CompiledNets.Generator.Model;
using CompiledNets.Tests.Shared;

namespace CompiledNets.Generator.Tests.Execution;

/// <summary>The shared reference implementation (tests/Shared/ReferenceMlp.cs) for the network a spec describes.</summary>
internal static class ReferenceNetwork
{
    public static ReferenceMlp For(NetworkSpec spec)
        => new(spec.InputSize,
            spec.Layers.Cast<DenseLayerSpec>().Select(layer => (layer.OutputSize, (Activation)(int)layer.Activation, layer.HasBias)).ToArray(),
            (Loss)(int)spec.Loss);
}
