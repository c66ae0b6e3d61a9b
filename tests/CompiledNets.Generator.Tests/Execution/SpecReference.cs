using CompiledNets.Generator.Model;
using CompiledNets.Tests.Shared;

namespace CompiledNets.Generator.Tests.Execution;

/// <summary>The shared reference implementation (tests/Shared/ReferenceNetwork.cs) for the network a spec describes.</summary>
internal static class SpecReference
{
    public static ReferenceNetwork For(NetworkSpec spec)
        => new(spec.InputSize, (Loss)(int)spec.Loss,
            spec.Layers.Cast<DenseLayerSpec>().Select(layer => new ReferenceLayer(layer.OutputSize, (Activation)(int)layer.Activation, layer.HasBias)).ToArray());
}
