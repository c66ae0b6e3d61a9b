using System.Globalization;

namespace CompiledNets.Generator.Model
{
    /// <summary>
    /// One layer of a network, of any kind: where it sits, its name, what it reads and writes, and where its parameters
    /// start. Each kind is a record of its own (<see cref="DenseLayerSpec"/>, <see cref="Conv2DLayerSpec"/>,
    /// <see cref="Pool2DLayerSpec"/>, <see cref="FlattenLayerSpec"/>) with an emitter of its own
    /// (Emit/Layers). Records compare by value, so an array of them still caches in the incremental pipeline.
    /// </summary>
    /// <param name="Number">1-based position: layer l reads a(l-1) and writes a(l); a0 is the network input.</param>
    /// <param name="DeclaredName">The Name given on the attribute, or null when the layer takes its default name.</param>
    /// <param name="Input">The shape of a(l-1).</param>
    /// <param name="Output">The shape of a(l).</param>
    /// <param name="Activation">f in a(l) = f(z(l)), applied value by value (softmax: over the layer); linear for kinds without one.</param>
    /// <param name="ParameterOffset">Where the layer's parameters start in Parameters.</param>
    internal abstract record LayerSpec(
        int Number,
        string? DeclaredName,
        Shape Input,
        Shape Output,
        ActivationKind Activation,
        int ParameterOffset)
    {
        /// <summary>Prefix of the layer's public members: the declared Name, else "Layer1", "Layer2", ...</summary>
        public string Name => DeclaredName ?? "Layer" + Number.ToString(CultureInfo.InvariantCulture);

        public int InputSize => Input.Size;

        public int OutputSize => Output.Size;

        /// <summary>The layer's parameter blocks, in the order of Parameters.</summary>
        public abstract System.Collections.Generic.IReadOnlyList<ParameterBlock> ParameterBlocks { get; }

        /// <summary>The parameter count without int overflow, for the parser's checks of declarations too large to emit.</summary>
        public abstract long ParameterCountLong { get; }

        public int ParameterCount => (int)ParameterCountLong;

        /// <summary>The layer as the architecture line writes it, e.g. "Dense(128, Relu)" or "Conv2D(16, 5x5, Relu) [16x24x24]".</summary>
        public abstract string Describe();

        /// <summary>Values of working memory the layer's kernels need for one example, shared by all layers in turn (0: none).</summary>
        public virtual long WorkspaceSize => 0;

        /// <summary>
        /// The sizes the layer's shape type carries, which the runtime's kernels are specialized for, e.g. "Dense 256 -> 256";
        /// null for a kind that never calls kernels (Flatten). Layers of equal values share one shape type (GeneratedMembers.Shape), so
        /// the JIT compiles each kernel once for all of them rather than once per layer.
        /// </summary>
        public virtual string? KernelShape => null;
    }
}
