using System.Collections.Generic;
using System.Globalization;
using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit.Layers
{
    /// <summary>
    /// An image read as one vector: the same values in the same order (channel, row, column), copied into the layer's
    /// own buffer so that every layer keeps one output buffer and one delta buffer, as the scratch lays them out.
    /// </summary>
    internal sealed class FlattenLayerEmitter : LayerEmitter
    {
        public FlattenLayerEmitter(NetworkSpec spec, FlattenLayerSpec layer)
            : base(spec, layer)
        {
        }

        protected override string Title => $"Flatten {Layer.Input} -> {Layer.Output}";

        protected override string Form => "a copy";

        public override IEnumerable<ParameterBlock> BlocksReadBy(LayerNames.Method method) => System.Array.Empty<ParameterBlock>();

        protected override string SizesSentence => $"Outputs of {InSentence}: the {Layer.Input} values before it, as one vector";

        protected override IEnumerable<(string Name, int Value)> SizeConstants
            => new[] { (GeneratedMembers.Outputs(Layer), Layer.OutputSize) };

        public override void WriteViews(SourceWriter w)
        {
        }

        public override void WriteInitialization(SourceWriter w)
        {
        }

        private string InputName => Previous is null ? "x" : "a" + Previous.Number.ToString(CultureInfo.InvariantCulture);

        public override void WriteForward(SourceWriter w)
        {
            w.WriteLine(Banner("forward"));
            w.WriteLine($"// a{Number}[(c * {Layer.Input.Height} + u) * {Layer.Input.Width} + v] = {InputName}[c, u, v]: the same values, in the same order.");
            w.WriteLine($"(({S.ReadOnlySpan}){LayerNames.In(Spec, Layer)}).CopyTo({LayerNames.A(Layer)});");
        }

        public override bool WriteBackward(SourceWriter w, bool derivativeApplied)
        {
            LayerSpec? previous = Previous;
            if (previous is null)
                return false;
            w.WriteLine();
            w.WriteLine(Banner("backward"));
            w.WriteLine($"// dL/d{InputName} = d{Number}, read as an image again.");
            w.WriteLine($"(({S.ReadOnlySpan}){LayerNames.D(Layer)}).CopyTo({LayerNames.D(previous)});");
            return false;
        }

        public override void WriteGradient(SourceWriter w, bool update)
        {
        }

        public override void WriteTileForward(SourceWriter w)
        {
            w.WriteLine();
            w.WriteLine(Banner("tile forward", withForm: false));
            w.WriteLine($"// A{Number}[e] = {(Previous is null ? "X" : "A" + Previous.Number.ToString(CultureInfo.InvariantCulture))}[e] as one vector: the tile's rows are the same values.");
            w.WriteLine($"{LayerNames.In(Spec, Layer)}.CopyTo({LayerNames.A(Layer)});");
        }

        public override void WriteTileBackward(SourceWriter w)
        {
            LayerSpec? previous = Previous;
            if (previous is null)
                return;
            w.WriteLine();
            w.WriteLine(Banner("tile backward", withForm: false));
            w.WriteLine($"// D{previous.Number.ToString(CultureInfo.InvariantCulture)} = D{Number}, read as images again.");
            w.WriteLine($"{LayerNames.D(Layer)}.CopyTo({LayerNames.D(previous)});");
        }
    }
}
