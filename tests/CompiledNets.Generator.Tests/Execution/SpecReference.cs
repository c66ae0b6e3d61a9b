using CompiledNets.Generator.Model;
using CompiledNets.Tests.Shared;

namespace CompiledNets.Generator.Tests.Execution;

/// <summary>The shared reference implementation (tests/Shared/ReferenceNetwork.cs) for the network a spec describes.</summary>
internal static class SpecReference
{
    public static ReferenceNetwork For(NetworkSpec spec)
    {
        ReferenceLayer[] dense = spec.Layers.OfType<DenseLayerSpec>()
            .Select(layer => new ReferenceLayer(layer.OutputSize, (Activation)(int)layer.Activation, layer.HasBias)).ToArray();
        if (!spec.Input.IsImage)
            return new ReferenceNetwork(spec.InputSize, (Loss)(int)spec.Loss, dense);

        ReferenceImageLayer[] images = spec.Layers.Where(layer => layer is not DenseLayerSpec).Select(layer => layer switch
        {
            Conv2DLayerSpec conv => (ReferenceImageLayer)new ReferenceConv(conv.Filters, conv.Kernel, conv.Stride, conv.Padding, (Activation)(int)conv.Activation, conv.HasBias),
            Pool2DLayerSpec pool => new ReferencePool(pool.Kind == PoolKind.Max, pool.Size, pool.Stride),
            _ => new ReferenceFlatten(),
        }).ToArray();
        return new ReferenceNetwork((spec.Input.Channels, spec.Input.Height, spec.Input.Width), images, (Loss)(int)spec.Loss, dense);
    }
}
