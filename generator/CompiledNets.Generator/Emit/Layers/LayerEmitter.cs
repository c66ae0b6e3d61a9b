using System.Collections.Generic;
using System.Linq;
using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit.Layers
{
    /// <summary>
    /// What one kind of layer writes into each generated file. The file emitters (Members, Forward, Backward, Batch)
    /// write what every network has and walk the layers, asking each layer's emitter for its own part; adding a layer
    /// kind means a model record, one emitter deriving from this class, and its runtime kernels.
    /// </summary>
    /// <remarks>
    /// The backward contract: when a layer's turn comes, its deltas buffer d(l) holds dL/da(l), written by the layer
    /// after it, unless that layer already multiplied in this layer's activation derivative (a Dense layer written out
    /// statement by statement does: the tutorial form). The layer applies its own f' where it was not applied,
    /// making d(l) = dL/dz(l); accumulates its own parameter gradients; and, unless it is the first layer, writes
    /// dL/da(l-1) into d(l-1).
    /// </remarks>
    internal abstract class LayerEmitter
    {
        protected LayerEmitter(NetworkSpec spec, LayerSpec layer)
        {
            Spec = spec;
            Layer = layer;
            S = ScalarSyntax.For(spec.Scalar);
        }

        public static LayerEmitter For(NetworkSpec spec, LayerSpec layer) => layer switch
        {
            DenseLayerSpec dense => new DenseLayerEmitter(spec, dense),
            Conv2DLayerSpec conv => new Conv2DLayerEmitter(spec, conv),
            Pool2DLayerSpec pool => new Pool2DLayerEmitter(spec, pool),
            FlattenLayerSpec flatten => new FlattenLayerEmitter(spec, flatten),
            _ => throw new System.ArgumentException("No emitter for layer kind " + layer.GetType().Name, nameof(layer)),
        };

        public static IEnumerable<LayerEmitter> All(NetworkSpec spec)
        {
            foreach (LayerSpec layer in spec.Layers)
                yield return For(spec, layer);
        }

        protected NetworkSpec Spec { get; }

        public LayerSpec Layer { get; }

        protected ScalarSyntax S { get; }

        /// <summary>The runtime's initializer, which every layer kind calls for its random starting values.</summary>
        protected const string FillUniform = "global::CompiledNets.Numerics.ParameterInitializer.FillUniform";

        protected bool IsOutput => Layer.Number == Spec.Layers.Count;

        /// <summary>The layer before this one, or null for the first.</summary>
        protected LayerSpec? Previous => Layer.Number == 1 ? null : Spec.Layers[Layer.Number - 2];

        /// <summary>Whether the forward pass keeps this layer's sums z: the output logits the loss reads, or softmax's input.</summary>
        protected bool KeepsLogits => (IsOutput && Spec.LossUsesLogits) || Layer.Activation == ActivationKind.Softmax;

        /// <summary>The banner's description, e.g. "Dense 3 -> 4, sigmoid, no bias".</summary>
        protected abstract string Title { get; }

        /// <summary>How the layer's per-example code is written, for the banner: "unrolled" or "kernels".</summary>
        protected abstract string Form { get; }

        /// <summary>
        /// The backward banner's form (null: none). <paramref name="passesBack"/> is false for the first layer, whose
        /// section is only its own f'.
        /// </summary>
        protected virtual string? BackwardForm(bool passesBack) => Form;

        /// <summary>The parameter blocks a method reads, for its ref locals (w1, b1).</summary>
        public abstract IEnumerable<ParameterBlock> BlocksReadBy(LayerNames.Method method);

        /// <summary>Whether the layer's forward section uses the ForwardPass temporary z.</summary>
        public virtual bool UsesSumTemporary => false;

        /// <summary>Whether the layer's backward section reads its input a(l-1) and output a(l) (max pooling finds where each maximum was).</summary>
        public virtual bool BackwardReadsValues => false;

        /// <summary>
        /// The layer's constants (Network.g.cs) in one declaration under one summary: its sizes (every kind has
        /// {Name}Outputs, the size of a(l)) and where its parameter blocks start in Parameters; then its shape type.
        /// </summary>
        public void WriteSizes(SourceWriter w)
        {
            IReadOnlyList<ParameterBlock> blocks = Layer.ParameterBlocks;
            string symbols = string.Join(" and ", blocks.Select(block => block.Symbol));
            string where = blocks.Count == 0 ? "" : $"; {(blocks.Count == 1 ? "offset" : "offsets")} of {symbols} in <see cref=\"Parameters\"/>";
            w.WriteLine($"/// <summary>{SizesSentence}{where}.</summary>");
            w.WriteConstants(SizeConstants.Concat(blocks.Select(block => (block.OffsetConstant, block.Offset))).ToArray());
            WriteShapeType(w);
        }

        /// <summary>What the size constants say: "Layer 1 (Hidden): 6 inputs, 8 outputs, one per neuron".</summary>
        protected abstract string SizesSentence { get; }

        /// <summary>The size constants, each name with its value.</summary>
        protected abstract IEnumerable<(string Name, int Value)> SizeConstants { get; }

        /// <summary>The shape type the runtime kernels compile for, where the layer calls them and declares it.</summary>
        protected virtual void WriteShapeType(SourceWriter w)
        {
        }

        /// <summary>The public views over its parameter blocks (Network.g.cs).</summary>
        public abstract void WriteViews(SourceWriter w);

        /// <summary>Its part of InitializeParameters (Network.g.cs).</summary>
        public abstract void WriteInitialization(SourceWriter w);

        /// <summary>Its section of ForwardPass: a(l) from a(l-1).</summary>
        public abstract void WriteForward(SourceWriter w);

        /// <summary>Its section of BackwardPass, per the contract above.</summary>
        /// <param name="derivativeApplied">The layer after this one already multiplied in this layer's f'.</param>
        /// <returns>Whether the deltas it wrote into d(l-1) already include the previous layer's f'.</returns>
        public abstract bool WriteBackward(SourceWriter w, bool derivativeApplied);

        /// <summary>
        /// Its section of AccumulateGradient (dL/dparameters added into the gradient) or, with <paramref name="update"/>,
        /// of TrainStep (parameters -= learningRate * dL/dparameters, in place).
        /// </summary>
        public abstract void WriteGradient(SourceWriter w, bool update);

        /// <summary>Its section of TileForward: A(l) from A(l-1) for the tile's examples.</summary>
        public abstract void WriteTileForward(SourceWriter w);

        /// <summary>Its section of TileBackward: its own f', its gradient summed over the tile, and D(l-1).</summary>
        public abstract void WriteTileBackward(SourceWriter w);

        /// <summary>
        /// The start of a backward section per the contract above: when there is anything to write, the banner and the
        /// layer's own f' (unless the layer after applied it). Returns the previous layer to pass deltas back to, or
        /// null when there is none (the first layer), in which case the section is complete.
        /// </summary>
        protected LayerSpec? BeginBackward(SourceWriter w, bool derivativeApplied)
        {
            bool ownDerivative = !derivativeApplied && ActivationMath.HasDerivative(Layer.Activation);
            LayerSpec? previous = Previous;
            if (!ownDerivative && previous is null)
                return null;
            w.WriteLine();
            w.WriteLine(Banner("backward", BackwardForm(passesBack: previous is not null)));
            if (ownDerivative)
                WriteOwnDerivative(w, LayerNames.D(Layer), LayerNames.A(Layer), GeneratedMembers.Outputs(Layer), Layer.OutputSize);
            return previous;
        }

        /// <summary>"// ---- Layer 2 (Output) forward: Dense 4 -> 1, sigmoid, unrolled ----...".</summary>
        protected string Banner(string what, bool withForm = true) => Banner(what, withForm ? Form : null);

        /// <summary>The banner naming <paramref name="form"/> (null: none) as how this part is written.</summary>
        protected string Banner(string what, string? form)
            => LayerNames.Banner($"{Heading} {what}: {Title}" + (form is null ? "" : ", " + form));

        /// <summary>"Layer 2", or "Layer 1 (Hidden)" where the declaration names it.</summary>
        protected string Heading => $"Layer {Number}{DeclaredNameSuffix}";

        /// <summary>"layer 2", or "layer 1 (Hidden)": <see cref="Heading"/> inside a sentence.</summary>
        protected string InSentence => $"layer {Number}{DeclaredNameSuffix}";

        private string DeclaredNameSuffix => Layer.DeclaredName is null ? "" : $" ({Layer.DeclaredName})";

        /// <summary>
        /// d(l)[j] *= f'(a(l)[j]) over <paramref name="count"/> values: the layer's own derivative, turning dL/da(l) into
        /// dL/dz(l). Writes nothing for a linear layer. <paramref name="length"/> is the value count where known (null: a tile's rows).
        /// </summary>
        protected void WriteOwnDerivative(SourceWriter w, string deltas, string outputs, string count, int? length)
        {
            string? derivative = ActivationMath.Derivative(Layer.Activation, outputs + "[k]", S);
            if (derivative is null)
                return;
            string n = Number;
            w.WriteLine($"// d{n} = dL/da{n} * f'(a{n}), value by value, where f'(a) = {ActivationMath.DerivativeFormula(Layer.Activation)} for {ActivationMath.Describe(Layer.Activation)}");
            if (ActivationLoops.TryWriteDerivative(w, S, Layer.Activation, deltas, outputs, length))
                return;
            w.OpenBlock($"for (int k = 0; k < {count}; k++)");
            w.WriteLine($"{deltas}[k] *= {derivative};");
            w.CloseBlock();
        }

        /// <summary>The tile rows of example e in a tile buffer of <paramref name="size"/> values per example: "a1.Slice(e * Layer1Outputs, Layer1Outputs)".</summary>
        protected static string Row(string rows, string size) => $"{rows}.Slice(e * {size}, {size})";

        /// <summary>The size constant of what this layer reads: InputSize for the first layer, else the previous layer's Outputs.</summary>
        protected string InputsConstant => Previous is null ? GeneratedMembers.InputSize : GeneratedMembers.Outputs(Previous);

        /// <summary>The workspace of the call's scratch (per-example methods) or of its tiles (tile passes).</summary>
        protected static string Workspace(bool tiles) => (tiles ? LayerNames.Tiles : LayerNames.Scratch) + GeneratedMembers.WorkspaceField;

        protected string Number => Layer.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>The shape type this layer's kernel calls name: its own, or that of the first layer of its sizes.</summary>
        protected string ShapeType => GeneratedMembers.Shape(Layer, Spec);

        /// <summary>
        /// When this layer is the first of its sizes, writes the summary of the shape type it declares for itself and
        /// the later layers of equal sizes, and returns true; otherwise writes nothing (the type is declared already).
        /// </summary>
        protected bool BeginShapeType(SourceWriter w, string sizes)
        {
            if (GeneratedMembers.ShapeOwner(Layer, Spec).Number != Layer.Number)
                return false;
            List<int> users = GeneratedMembers.ShapeUsers(Layer, Spec).Select(layer => layer.Number).ToList();
            w.WriteLine(users.Count == 1
                ? $"/// <summary>Layer {Number}'s {sizes} as a type: the runtime kernels compile for exactly these sizes.</summary>"
                : $"/// <summary>The {sizes} of {LayerNames.Layers(users)}, as one type: the runtime kernels compile once for {(users.Count == 2 ? "both" : "all " + users.Count)}.</summary>");
            return true;
        }
    }
}
