using System.Collections.Generic;
using System.Globalization;
using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit.Layers
{
    /// <summary>
    /// A 2-D convolution: z[f, y, x] = b[f] + sum_c,i,j W[f, c, i, j] * in[c, y*s + i - p, x*s + j - p], a = f(z). Each
    /// product is one call into the runtime's Conv2DKernels, specialized by the layer's shape type (Layer1Shape), written
    /// beside the formula it computes; the activation and its derivative are written out as for dense layers.
    /// </summary>
    internal sealed class Conv2DLayerEmitter : LayerEmitter
    {
        private const string Kernels = "global::CompiledNets.Numerics.Conv2DKernels";

        private readonly Conv2DLayerSpec _conv;

        public Conv2DLayerEmitter(NetworkSpec spec, Conv2DLayerSpec layer)
            : base(spec, layer)
        {
            _conv = layer;
        }

        protected override string Title
            // "filters", not "kernels": the banner ends with the form, and for this layer that is "kernels" (the runtime's).
            => $"Conv2D {_conv.Input} -> {_conv.Output}, {Int(_conv.Kernel)}x{Int(_conv.Kernel)} filters{_conv.Options}, {ActivationMath.Describe(_conv.Activation)}";

        protected override string Form => "kernels";

        public override IEnumerable<ParameterBlock> BlocksReadBy(LayerNames.Method method) => System.Array.Empty<ParameterBlock>();

        private string Call(string kernel) => $"{Kernels}.{kernel}<{ShapeType}, {S.Type}>";

        private string Weights => LayerNames.Stored(_conv.ParameterBlocks[0]);

        private string Biases => _conv.HasBias ? LayerNames.Stored(_conv.ParameterBlocks[1]) : "biases: default";

        protected override string SizesSentence
            => $"Outputs of {InSentence}: {Int(_conv.Output.Channels)} channels of {Int(_conv.Output.Height)} x {Int(_conv.Output.Width)}";

        protected override IEnumerable<(string Name, int Value)> SizeConstants
            => new[] { (GeneratedMembers.Outputs(_conv), _conv.Output.Size) };

        protected override void WriteShapeType(SourceWriter w)
        {
            Shape input = _conv.Input, output = _conv.Output;
            if (!BeginShapeType(w, "geometry"))
                return;
            w.WriteLine($"private readonly struct {ShapeType} : global::CompiledNets.Numerics.IConv2DShape");
            w.OpenBlock();
            w.WriteLine($"public static int InChannels => {Int(input.Channels)};");
            w.WriteLine($"public static int InHeight => {Int(input.Height)};");
            w.WriteLine($"public static int InWidth => {Int(input.Width)};");
            w.WriteLine($"public static int Kernel => {Int(_conv.Kernel)};");
            w.WriteLine($"public static int Stride => {Int(_conv.Stride)};");
            w.WriteLine($"public static int Padding => {Int(_conv.Padding)};");
            w.WriteLine($"public static int OutHeight => {Int(output.Height)};");
            w.WriteLine($"public static int OutWidth => {Int(output.Width)};");
            w.WriteLine("// Seen as a dense layer over patches: in channels x kernel x kernel inputs, one output per filter.");
            w.WriteLine($"public static int Inputs => {Int(_conv.PatchSize)};");
            w.WriteLine($"public static int Outputs => {Int(_conv.Filters)};");
            w.CloseBlock();
        }

        public override void WriteViews(SourceWriter w)
        {
            foreach (ParameterBlock block in _conv.ParameterBlocks)
            {
                w.WriteLine();
                w.WriteLine(block.Role == "Weights"
                    ? $"/// <summary>W{Number}, the kernels of layer {Number}: {block.Dimensions} (filters, in channels, rows, columns); {block.IndexFormula}.</summary>"
                    : $"/// <summary>b{Number}, the biases of layer {Number}: one per filter.</summary>");
                w.WriteLine(FileHeader.GeneratedCodeAttribute);
                w.WriteLine($"public {S.Span} {block.View} => {GeneratedMembers.ParametersField}.{block.Field};");
            }
        }

        public override void WriteInitialization(SourceWriter w)
        {
            // PyTorch's default for Conv2d (Kaiming uniform with a = sqrt(5)): measured on the ConvDigits sample, 98.1-98.2%
            // against 97.45% with He's wider sqrt(6 / fanIn) and zero biases.
            double limit = 1.0 / System.Math.Sqrt(_conv.PatchSize);
            string value = limit.ToString("R", CultureInfo.InvariantCulture);
            string names = _conv.HasBias ? $"W{Number} and b{Number}" : $"W{Number}";
            w.WriteLine($"// {names}: PyTorch's default for convolutions, uniform in +-1 / sqrt({Int(_conv.PatchSize)}), the values under one kernel");
            w.WriteCall(FillUniform, _conv.ParameterBlocks[0].View, value, "ref random");
            if (_conv.HasBias)
                w.WriteCall(FillUniform, _conv.ParameterBlocks[1].View, value, "ref random");
        }

        private void WriteFormula(SourceWriter w, string z)
        {
            string s = _conv.Stride == 1 ? "" : "*" + Int(_conv.Stride);
            string p = _conv.Padding == 0 ? "" : " - " + Int(_conv.Padding);
            string input = Previous is null ? "x" : "a" + Previous.Number.ToString(CultureInfo.InvariantCulture);
            w.WriteLine($"// {z}[f, u, v] = " + (_conv.HasBias ? $"b{Number}[f] + " : "")
                        + $"sum_c,i,j W{Number}[f, c, i, j] * {input}[c, u{s} + i{p}, v{s} + j{p}]" + (_conv.Padding == 0 ? "" : ", 0 outside the input"));
            w.WriteLine($"// a{Number}[f, u, v] = {ActivationMath.Formula(_conv.Activation, z, "f, u, v")}");
        }

        public override void WriteForward(SourceWriter w)
        {
            string a = LayerNames.A(_conv);
            string sums = KeepsLogits ? LayerNames.Z(_conv) : a;
            w.WriteLine(Banner("forward"));
            WriteFormula(w, "z" + Number);
            w.WriteCall(Call("Forward"), Weights, Biases, LayerNames.In(Spec, _conv), sums, Workspace(tiles: false));
            if (KeepsLogits || _conv.Activation != ActivationKind.Linear)
                ActivationLoops.Write(w, S, _conv.Activation, sums, a, GeneratedMembers.Outputs(_conv), _conv.OutputSize);
        }

        public override bool WriteBackward(SourceWriter w, bool derivativeApplied)
        {
            if (BeginBackward(w, derivativeApplied) is not { } previous)
                return false;
            string p = previous.Number.ToString(CultureInfo.InvariantCulture);
            w.WriteLine($"// dL/da{p}[c, y, x] = sum of W{Number}[f, c, i, j] * d{Number}[f, u, v] over every output (u, v) whose window");
            w.WriteLine($"// puts kernel position (i, j) on input (y, x): passed back to layer {p}, which applies its own f'.");
            w.WriteCall(Call("InputDeltas"), Weights, LayerNames.D(_conv), LayerNames.D(previous), Workspace(tiles: false));
            return false;
        }

        /// <summary>The weight and bias gradients' formula; <paramref name="assign"/> is "=" where the step uses it, "+=" where it is added into a gradient.</summary>
        private string GradientComment(string deltas, string input, string assign)
        {
            string s = _conv.Stride == 1 ? "" : "*" + Int(_conv.Stride);
            string p = _conv.Padding == 0 ? "" : " - " + Int(_conv.Padding);
            return $"dL/dW{Number}[f, c, i, j] {assign} sum_u,v {deltas}[f, u, v] * {input}[c, u{s} + i{p}, v{s} + j{p}]"
                   + (_conv.HasBias ? $";  dL/db{Number}[f] {assign} sum_u,v {deltas}[f, u, v]" : "");
        }

        public override void WriteGradient(SourceWriter w, bool update)
        {
            string input = LayerNames.In(Spec, _conv);
            string d = LayerNames.D(_conv);
            w.WriteLine();
            w.WriteLine(Banner(update ? "update" : "gradient"));
            w.WriteLine("// " + GradientComment("d" + Number, input, update ? "=" : "+="));
            if (update)
            {
                w.WriteLine($"// W{Number} -= learningRate * dL/dW{Number}" + (_conv.HasBias ? $";  b{Number} -= learningRate * dL/db{Number}" : ""));
                w.WriteCall(Call("SubtractScaledGradient"), Weights, _conv.HasBias ? LayerNames.Stored(_conv.ParameterBlocks[1]) : "biases: default",
                    d, input, "learningRate", Workspace(tiles: false));
            }
            else
            {
                w.WriteCall(Call("AddGradient"), GradientBlocks(), new[] { d, input, Workspace(tiles: false) });
            }
        }

        /// <summary>The weight and bias parts of the gradient: AddGradient's first line where its arguments wrap, what it
        /// adds into, above what from (deltas, inputs, workspace).</summary>
        private string[] GradientBlocks()
            => new[]
            {
                LayerNames.GradientOf(Spec, _conv.ParameterBlocks[0]),
                _conv.HasBias ? LayerNames.GradientOf(Spec, _conv.ParameterBlocks[1]) : "biasGradient: default",
            };

        public override void WriteTileForward(SourceWriter w)
        {
            string a = LayerNames.A(_conv);
            string sums = KeepsLogits ? LayerNames.Z(_conv) : a;
            string outputs = GeneratedMembers.Outputs(_conv);
            w.WriteLine();
            w.WriteLine(Banner("tile forward", withForm: false));
            WriteFormula(w, KeepsLogits ? "z" + Number : "a" + Number);
            w.WriteLine("// for each example e of the tile, one image at a time.");
            w.OpenBlock("for (int e = 0; e < count; e++)");
            w.WriteCall(Call("Forward"), Weights, Biases, Row(LayerNames.In(Spec, _conv), InputsConstant), Row(sums, outputs), Workspace(tiles: true));
            w.CloseBlock();
            if (KeepsLogits || _conv.Activation != ActivationKind.Linear)
                ActivationLoops.Write(w, S, _conv.Activation, sums, a, $"{a}.Length", length: null);
        }

        public override void WriteTileBackward(SourceWriter w)
        {
            string d = LayerNames.D(_conv);
            string outputs = GeneratedMembers.Outputs(_conv);
            string input = LayerNames.In(Spec, _conv);
            w.WriteLine();
            w.WriteLine(Banner("tile backward", withForm: false));
            if (!IsOutput)
                WriteOwnDerivative(w, d, LayerNames.A(_conv), $"{d}.Length", length: null);
            w.WriteLine($"// {GradientComment("D" + Number + "[e]", LayerNames.TileInName(_conv) + "[e]", "+=")}, summed over the tile's examples e.");
            LayerSpec? previous = Previous;
            if (previous is not null)
                w.WriteLine($"// dL/dA{previous.Number.ToString(CultureInfo.InvariantCulture)}[e] from D{Number}[e] through the kernels, as in BackwardPass.");
            w.OpenBlock("for (int e = 0; e < count; e++)");
            w.WriteCall(Call("AddGradient"), GradientBlocks(), new[] { Row(d, outputs), Row(input, InputsConstant), Workspace(tiles: true) });
            if (previous is not null)
                w.WriteCall(Call("InputDeltas"), Weights, Row(d, outputs), Row(LayerNames.D(previous), InputsConstant), Workspace(tiles: true));
            w.CloseBlock();
        }

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
