using System.Collections.Generic;
using System.Globalization;
using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit.Layers
{
    /// <summary>
    /// Max or average pooling, channel by channel: one call into the runtime's Pool2DKernels per pass, specialized by
    /// the layer's shape type. No parameters, so no gradient of its own; backward passes the deltas through.
    /// </summary>
    internal sealed class Pool2DLayerEmitter : LayerEmitter
    {
        private const string Kernels = "global::CompiledNets.Numerics.Pool2DKernels";

        private readonly Pool2DLayerSpec _pool;

        public Pool2DLayerEmitter(NetworkSpec spec, Pool2DLayerSpec layer)
            : base(spec, layer)
        {
            _pool = layer;
        }

        private bool IsMax => _pool.Kind == PoolKind.Max;


        protected override string Title
            => $"{_pool.KindName} {_pool.Input} -> {_pool.Output}, {Int(_pool.Size)}x{Int(_pool.Size)} windows, stride {Int(_pool.Stride)}";

        protected override string Form => "kernels";

        public override bool BackwardReadsValues => IsMax;

        public override IEnumerable<ParameterBlock> BlocksReadBy(LayerNames.Method method) => System.Array.Empty<ParameterBlock>();

        private string Call(string kernel) => $"{Kernels}.{kernel}<{ShapeType}, {S.Type}>";

        protected override string SizesSentence
            => $"Outputs of {InSentence}: {Int(_pool.Output.Channels)} channels of {Int(_pool.Output.Height)} x {Int(_pool.Output.Width)}";

        protected override IEnumerable<(string Name, int Value)> SizeConstants
            => new[] { (GeneratedMembers.Outputs(_pool), _pool.Output.Size) };

        protected override void WriteShapeType(SourceWriter w)
        {
            Shape input = _pool.Input, output = _pool.Output;
            if (!BeginShapeType(w, "geometry"))
                return;
            w.WriteLine($"private readonly struct {ShapeType} : global::CompiledNets.Numerics.IPool2DShape");
            w.OpenBlock();
            w.WriteLine($"public static int Channels => {Int(input.Channels)};");
            w.WriteLine($"public static int InHeight => {Int(input.Height)};");
            w.WriteLine($"public static int InWidth => {Int(input.Width)};");
            w.WriteLine($"public static int Size => {Int(_pool.Size)};");
            w.WriteLine($"public static int Stride => {Int(_pool.Stride)};");
            w.WriteLine($"public static int OutHeight => {Int(output.Height)};");
            w.WriteLine($"public static int OutWidth => {Int(output.Width)};");
            w.CloseBlock();
        }

        public override void WriteViews(SourceWriter w)
        {
        }

        public override void WriteInitialization(SourceWriter w)
        {
        }

        private void WriteFormula(SourceWriter w, string output)
        {
            string input = Previous is null ? "x" : "a" + Previous.Number.ToString(CultureInfo.InvariantCulture);
            string s = _pool.Stride == 1 ? "" : "*" + Int(_pool.Stride);
            string window = $"{input}[c, u{s} + i, v{s} + j] over i, j < {Int(_pool.Size)}";
            w.WriteLine(IsMax ? $"// {output}[c, u, v] = max of {window}" : $"// {output}[c, u, v] = mean of {window}");
        }

        public override void WriteForward(SourceWriter w)
        {
            w.WriteLine(Banner("forward"));
            WriteFormula(w, "a" + Number);
            w.WriteCall(Call(IsMax ? "MaxForward" : "AverageForward"), LayerNames.In(Spec, _pool), LayerNames.A(_pool));
        }

        private void WriteBackwardComment(SourceWriter w, string deltas)
        {
            string p = Previous!.Number.ToString(CultureInfo.InvariantCulture);
            w.WriteLine(IsMax
                ? $"// dL/da{p}: each {deltas} goes to the first input of its window equal to a{Number}[c, u, v], its maximum; the rest get 0."
                : $"// dL/da{p}: each {deltas} divided by {Int(_pool.Size * _pool.Size)} goes to every input of its window.");
        }

        public override bool WriteBackward(SourceWriter w, bool derivativeApplied)
        {
            LayerSpec? previous = Previous;
            if (previous is null)
                return false;
            w.WriteLine();
            w.WriteLine(Banner("backward"));
            WriteBackwardComment(w, $"d{Number}[c, u, v]");
            if (IsMax)
                w.WriteCall(Call("MaxBackward"), LayerNames.A(previous), LayerNames.A(_pool), LayerNames.D(_pool), LayerNames.D(previous));
            else
                w.WriteCall(Call("AverageBackward"), LayerNames.D(_pool), LayerNames.D(previous));
            return false;
        }

        public override void WriteGradient(SourceWriter w, bool update)
        {
        }

        public override void WriteTileForward(SourceWriter w)
        {
            w.WriteLine();
            w.WriteLine(Banner("tile forward", withForm: false));
            WriteFormula(w, "A" + Number + "[e]");
            w.OpenBlock("for (int e = 0; e < count; e++)");
            w.WriteCall(Call(IsMax ? "MaxForward" : "AverageForward"),
                Row(LayerNames.In(Spec, _pool), InputsConstant), Row(LayerNames.A(_pool), GeneratedMembers.Outputs(_pool)));
            w.CloseBlock();
        }

        public override void WriteTileBackward(SourceWriter w)
        {
            LayerSpec? previous = Previous;
            if (previous is null)
                return;
            string outputs = GeneratedMembers.Outputs(_pool);
            w.WriteLine();
            w.WriteLine(Banner("tile backward", withForm: false));
            WriteBackwardComment(w, $"D{Number}[e, c, u, v]");
            w.OpenBlock("for (int e = 0; e < count; e++)");
            if (IsMax)
                w.WriteCall(Call("MaxBackward"), Row(LayerNames.A(previous), InputsConstant), Row(LayerNames.A(_pool), outputs),
                    Row(LayerNames.D(_pool), outputs), Row(LayerNames.D(previous), InputsConstant));
            else
                w.WriteCall(Call("AverageBackward"), Row(LayerNames.D(_pool), outputs), Row(LayerNames.D(previous), InputsConstant));
            w.CloseBlock();
        }

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
