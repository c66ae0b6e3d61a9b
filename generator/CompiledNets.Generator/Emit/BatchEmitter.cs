using System.Linq;
using CompiledNets.Generator.Model;
using Microsoft.CodeAnalysis.Text;

namespace CompiledNets.Generator.Emit
{
    /// <summary>
    /// Writes {Type}.Batch.g.cs: PredictBatch and BackpropagateBatch as matrix-matrix work. Examples go through in
    /// tiles of <see cref="Tile"/>, held in each call's own scratch; the runtime's DenseKernels multiply a whole tile
    /// at once, so each weight they load serves several examples, which turns a memory-bound matrix-vector loop into
    /// compute-bound matrix-matrix work. Networks whose layers are all unrolled (small) keep the simple per-example loop.
    /// </summary>
    internal static class BatchEmitter
    {
        /// <summary>Examples per tile.</summary>
        public const int Tile = 32;

        public static bool UsesTiles(NetworkSpec spec) => spec.Layers.Any(layer => !layer.Unrolled);

        public static SourceText Emit(NetworkSpec spec)
        {
            var w = new SourceWriter();
            var s = ScalarSyntax.For(spec.Scalar);
            int blocks = FileHeader.Open(w, spec, "Batched forward and backward passes", withParameterTable: false);
            w.OpenBlock("partial class " + spec.Type.Name);
            if (UsesTiles(spec))
            {
                WriteTileStorage(w, spec, s);
                WritePredictBatch(w, spec, s);
                WriteBackpropagateBatch(w, spec, s);
                WriteTileForward(w, spec, s);
                WriteTileBackward(w, spec, s);
            }
            else
            {
                WritePerExampleMethods(w, spec, s);
            }

            w.CloseBlock();
            FileHeader.Close(w, blocks);
            return w.ToSourceText();
        }

        /// <summary>The tile scratch parameter, as the prefix of its fields: "tiles.".</summary>
        private const string Tiles = GeneratedMembers.TileScratchParameter + ".";
        private const string TilesArgument = "ref " + GeneratedMembers.TileScratchParameter;

        private static string TileA(LayerSpec layer) => Tiles + GeneratedMembers.ActivationsField(layer);
        private static string TileD(LayerSpec layer) => Tiles + GeneratedMembers.DeltasField(layer);
        private static string TileZ(LayerSpec layer) => Tiles + GeneratedMembers.LogitsField(layer);
        private static string TileLogSumExp => Tiles + GeneratedMembers.LogSumExpField;

        private static void WriteDocs(SourceWriter w, bool backward)
        {
            if (backward)
            {
                w.WriteLine("/// <summary>Adds the gradient summed over <c>inputs.Length / InputSize</c> examples into <paramref name=\"gradient\"/>; returns the summed loss.</summary>");
                w.WriteLine("/// <param name=\"inputs\">Examples stored one after another.</param>");
                w.WriteLine("/// <param name=\"targets\">Their targets, one after another.</param>");
                w.WriteLine("/// <param name=\"gradient\">Same layout and length as <see cref=\"Parameters\"/>; added to, not overwritten.</param>");
            }
            else
            {
                w.WriteLine("/// <summary>Runs the network on examples stored one after another: <c>inputs.Length / InputSize</c> of them.</summary>");
                w.WriteLine("/// <exception cref=\"global::System.ArgumentException\">inputs is not whole examples, or outputs does not hold one output per example.</exception>");
            }
        }

        private static void WriteSignatureChecks(SourceWriter w, bool backward)
        {
            w.WriteLine($"int count = inputs.Length / {GeneratedMembers.InputSize};");
            w.WriteLine($"{GeneratedMembers.ThrowIfWrongLength}(inputs.Length, count * {GeneratedMembers.InputSize}, nameof(inputs));");
            if (backward)
            {
                w.WriteLine($"{GeneratedMembers.ThrowIfWrongLength}(targets.Length, count * {GeneratedMembers.OutputSize}, nameof(targets));");
                w.WriteLine($"{GeneratedMembers.ThrowIfWrongLength}(gradient.Length, {GeneratedMembers.ParameterCount}, nameof(gradient));");
            }
            else
            {
                w.WriteLine($"{GeneratedMembers.ThrowIfWrongLength}(outputs.Length, count * {GeneratedMembers.OutputSize}, nameof(outputs));");
            }
        }

        private static void WritePerExampleMethods(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            w.WriteLine("// Every layer is small enough to be unrolled, so one example at a time is already the fast path.");
            WriteDocs(w, backward: false);
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenBlock($"public void {GeneratedMembers.PredictBatch}({s.ReadOnlySpan} inputs, {s.Span} outputs)");
            WriteSignatureChecks(w, backward: false);
            ScratchCode.DeclareScratch(w, spec);
            w.OpenBlock("for (int n = 0; n < count; n++)");
            w.WriteLine($"{GeneratedMembers.ForwardPass}(inputs.Slice(n * {GeneratedMembers.InputSize}, {GeneratedMembers.InputSize}), ref {GeneratedMembers.ScratchParameter});");
            w.WriteLine($"{ForwardEmitter.CopyPrediction(spec, s)}.CopyTo(outputs.Slice(n * {GeneratedMembers.OutputSize}, {GeneratedMembers.OutputSize}));");
            w.CloseBlock();
            w.CloseBlock();
            w.WriteLine();
            WriteDocs(w, backward: true);
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenBlock($"public {s.Type} {GeneratedMembers.BackpropagateBatch}({s.ReadOnlySpan} inputs, {s.ReadOnlySpan} targets, {s.Span} gradient)");
            WriteSignatureChecks(w, backward: true);
            ScratchCode.DeclareScratch(w, spec);
            w.WriteLine($"{s.Type} loss = {s.Zero};");
            w.OpenBlock("for (int n = 0; n < count; n++)");
            w.WriteLine($"{s.ReadOnlySpan} input = inputs.Slice(n * {GeneratedMembers.InputSize}, {GeneratedMembers.InputSize});");
            w.WriteLine($"{s.ReadOnlySpan} target = targets.Slice(n * {GeneratedMembers.OutputSize}, {GeneratedMembers.OutputSize});");
            w.WriteLine($"loss += {GeneratedMembers.AccumulateGradient}(input, target, gradient, ref {GeneratedMembers.ScratchParameter});");
            w.CloseBlock();
            w.WriteLine("return loss;");
            w.CloseBlock();
        }

        private static void WriteTileStorage(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            w.WriteLine($"/// <summary>Examples per tile of the batched passes.</summary>");
            w.WriteLine($"private const int {GeneratedMembers.BatchTile} = {Tile};");
            w.WriteLine();
            foreach (LayerSpec layer in spec.Layers)
            {
                w.WriteLine(FileHeader.GeneratedCodeAttribute);
                w.WriteLine($"[global::System.Runtime.CompilerServices.InlineArray({GeneratedMembers.BatchTile} * {GeneratedMembers.Outputs(layer)})]");
                w.WriteLine($"private struct {GeneratedMembers.TileBuffer(layer)} {{ private {s.Type} _element0; }}");
                w.WriteLine();
            }

            if (spec.Loss == LossKind.CrossEntropy)
            {
                w.WriteLine(FileHeader.GeneratedCodeAttribute);
                w.WriteLine($"[global::System.Runtime.CompilerServices.InlineArray({GeneratedMembers.BatchTile})]");
                w.WriteLine($"private struct {GeneratedMembers.TileLogSumExpBuffer} {{ private {s.Type} _element0; }}");
                w.WriteLine();
            }

            bool onStack = ScratchCode.TileScratchBytes(spec) <= ScratchCode.StackLimitBytes;
            w.WriteLine("// The values of one tile: row e of each buffer belongs to example e (A: outputs, D: deltas, Z: logits).");
            w.WriteLine(onStack
                ? "// Every call takes its own (a local on the stack), so one instance can serve many threads at once."
                : "// Every call takes this thread's (from ThreadScratch: too large for the stack), so one instance can serve many threads at once.");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenBlock($"private struct {GeneratedMembers.TileScratch}");
            ScratchCode.WriteFields(w, spec, GeneratedMembers.TileBuffer, GeneratedMembers.TileLogSumExpBuffer,
                logitsComment: null,
                logSumExpComment: "// Per example, log sum_k exp(z[k]) from the softmax, which the cross-entropy reads.");
            w.CloseBlock();
            w.WriteLine();
        }

        private static void WritePredictBatch(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            WriteDocs(w, backward: false);
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenBlock($"public void {GeneratedMembers.PredictBatch}({s.ReadOnlySpan} inputs, {s.Span} outputs)");
            WriteSignatureChecks(w, backward: false);
            ScratchCode.DeclareTiles(w, spec);
            w.OpenBlock($"for (int start = 0; start < count; start += {GeneratedMembers.BatchTile})");
            w.WriteLine($"int tile = global::System.Math.Min({GeneratedMembers.BatchTile}, count - start);");
            w.WriteLine($"{GeneratedMembers.TileForward}(inputs.Slice(start * {GeneratedMembers.InputSize}, tile * {GeneratedMembers.InputSize}), tile, {TilesArgument});");
            w.WriteLine($"(({s.ReadOnlySpan}){TileA(spec.OutputLayer)}).Slice(0, tile * {GeneratedMembers.OutputSize}).CopyTo(outputs.Slice(start * {GeneratedMembers.OutputSize}));");
            w.CloseBlock();
            w.CloseBlock();
            w.WriteLine();
        }

        private static void WriteBackpropagateBatch(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            WriteDocs(w, backward: true);
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenBlock($"public {s.Type} {GeneratedMembers.BackpropagateBatch}({s.ReadOnlySpan} inputs, {s.ReadOnlySpan} targets, {s.Span} gradient)");
            WriteSignatureChecks(w, backward: true);
            ScratchCode.DeclareTiles(w, spec);
            w.WriteLine($"{s.Type} loss = {s.Zero};");
            w.OpenBlock($"for (int start = 0; start < count; start += {GeneratedMembers.BatchTile})");
            w.WriteLine($"int tile = global::System.Math.Min({GeneratedMembers.BatchTile}, count - start);");
            w.WriteLine($"{s.ReadOnlySpan} tileInputs = inputs.Slice(start * {GeneratedMembers.InputSize}, tile * {GeneratedMembers.InputSize});");
            w.WriteLine($"{s.ReadOnlySpan} tileTargets = targets.Slice(start * {GeneratedMembers.OutputSize}, tile * {GeneratedMembers.OutputSize});");
            w.WriteLine($"{GeneratedMembers.TileForward}(tileInputs, tile, {TilesArgument});");
            w.WriteLine($"loss += {GeneratedMembers.TileBackward}(tileInputs, tileTargets, gradient, tile, {TilesArgument});");
            w.CloseBlock();
            w.WriteLine("return loss;");
            w.CloseBlock();
            w.WriteLine();
        }

        /// <summary>The tile rows of a buffer that are in use: the first count examples' values.</summary>
        private static string Rows(string buffer, LayerSpec layer) => $"{buffer}[..(count * {GeneratedMembers.Outputs(layer)})]";

        /// <summary>The tile rows layer <paramref name="layer"/> reads: the tile's inputs x, else the previous layer's A.</summary>
        private static string TileIn(NetworkSpec spec, LayerSpec layer)
        {
            if (layer.Number == 1)
                return "x";
            LayerSpec previous = LayerNames.Previous(spec, layer);
            return Rows(TileA(previous), previous);
        }

        /// <summary>"A1", "X": the math name of the tile rows a layer reads.</summary>
        private static string TileInName(LayerSpec layer) => layer.Number == 1 ? "X" : "A" + (layer.Number - 1);

        private static string StoredWeights(LayerSpec layer) => $"{GeneratedMembers.ParametersField}.W{layer.Number}";

        private static void WriteTileForward(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            w.WriteLine("/// <summary>The forward pass for a tile of <paramref name=\"count\"/> examples: A(l)[e, j] = f(b(l)[j] + sum_i W(l)[j, i] * A(l-1)[e, i]).</summary>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenBlock($"private void {GeneratedMembers.TileForward}({s.ReadOnlySpan} x, int count, ref {GeneratedMembers.TileScratch} {GeneratedMembers.TileScratchParameter})");
            foreach (LayerSpec layer in spec.Layers)
            {
                bool output = layer == spec.OutputLayer;
                bool logits = (output && spec.LossUsesLogits) || layer.Activation == ActivationKind.Softmax;
                string sums = logits ? TileZ(layer) : TileA(layer);
                string n = layer.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                w.WriteLine();
                w.WriteLine(LayerNames.Banner(layer, "tile forward", withForm: false));
                w.WriteLine($"// {(logits ? "Z" : "A") + n}[e, j] = " + (layer.HasBias ? $"b{n}[j] + " : "") + $"sum_i W{n}[j, i] * {TileInName(layer)}[e, i], for each example e");
                DenseKernelCalls.MatrixTimesMatrix(w, layer, s, StoredWeights(layer), $"{GeneratedMembers.ParametersField}.B{n}", TileIn(spec, layer), Rows(sums, layer));
                if (layer.Activation == ActivationKind.Softmax)
                    WriteTileSoftmax(w, layer, s);
                else if (logits || layer.Activation != ActivationKind.Linear)
                {
                    ActivationLoops.Write(w, s, layer.Activation, sums, TileA(layer), $"count * {GeneratedMembers.Outputs(layer)}", wholeBuffers: false);
                }
            }

            w.CloseBlock();
            w.WriteLine();
        }

        private static void WriteTileSoftmax(SourceWriter w, LayerSpec layer, ScalarSyntax s)
        {
            string outputs = GeneratedMembers.Outputs(layer);
            w.WriteLine("// Softmax of each example's row, shifted by its largest logit.");
            w.OpenBlock("for (int e = 0; e < count; e++)");
            w.WriteLine($"int row = e * {outputs};");
            SoftmaxCode.Write(w, s, TileZ(layer), TileA(layer), outputs, row: "row + ");
            w.WriteLine($"{TileLogSumExp}[e] = max + {s.Math}.Log(sumOfExponentials);");
            w.CloseBlock();
        }

        private static void WriteTileBackward(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            LayerSpec output = spec.OutputLayer;
            string outputs = GeneratedMembers.OutputSize;
            w.WriteLine("/// <summary>Loss, output deltas and backpropagation for a tile after <see cref=\"" + GeneratedMembers.TileForward + "\"/>; adds the tile's gradient.</summary>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenBlock($"private {s.Type} {GeneratedMembers.TileBackward}({s.ReadOnlySpan} x, {s.ReadOnlySpan} t, {s.Span} gradient, int count, ref {GeneratedMembers.TileScratch} {GeneratedMembers.TileScratchParameter})");
            w.WriteLine($"{s.Type} loss = {s.Zero};");
            w.WriteLine($"// Loss and output deltas, example by example: {LossFormulas.GradientFormula(spec.Loss)}.");
            w.OpenBlock($"for (int k = 0; k < count * {outputs}; k++)");
            string p = $"{TileA(output)}[k]";
            string error = $"{p} - t[k]";
            if (spec.LossUsesLogits)
            {
                w.WriteLine($"{TileD(output)}[k] = {error};");
            }
            else
            {
                string lossGradient = LossFormulas.OutputGradient(spec.Loss, error, outputs, s);
                w.WriteLine($"{s.Type} error = {error};");
                w.WriteLine("loss += error * error;");
                w.WriteLine($"{TileD(output)}[k] = {ActivationMath.TimesDerivative(lossGradient, output.Activation, p, s)};");
            }

            w.CloseBlock();
            WriteTileLossFromLogits(w, spec, s);
            string scaled = LossFormulas.FromSum(spec.Loss, "loss", outputs, s);
            if (scaled != "loss")
                w.WriteLine($"loss = {scaled};");

            for (int index = spec.Layers.Count - 1; index >= 0; index--)
            {
                LayerSpec layer = spec.Layers[index];
                string n = layer.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                w.WriteLine();
                w.WriteLine(LayerNames.Banner(layer, "tile backward", withForm: false));
                if (layer.Number > 1)
                {
                    LayerSpec previous = LayerNames.Previous(spec, layer);
                    w.WriteLine($"// D{previous.Number}[e, i] = f'(A{previous.Number}[e, i]) * sum_j W{n}[j, i] * D{n}[e, j]  (with the weights before this tile's update)");
                    DenseKernelCalls.TransposedTimesMatrix(w, s, StoredWeights(layer), Rows(TileD(layer), layer), Rows(TileD(previous), previous));
                    string? derivative = ActivationMath.Derivative(previous.Activation, $"{TileA(previous)}[k]", s);
                    if (derivative is not null)
                    {
                        w.OpenBlock($"for (int k = 0; k < count * {GeneratedMembers.Outputs(previous)}; k++)");
                        w.WriteLine($"{TileD(previous)}[k] *= {derivative};");
                        w.CloseBlock();
                    }
                }

                w.WriteLine($"// dL/dW{n}[j, i] += sum_e D{n}[e, j] * {TileInName(layer)}[e, i]" + (layer.HasBias ? $";  dL/db{n}[j] += sum_e D{n}[e, j]" : ""));
                DenseKernelCalls.AddDeltasTimesInputs(w, layer, s, Rows(TileD(layer), layer), TileIn(spec, layer));
                if (layer.HasBias)
                {
                    w.OpenBlock($"for (int j = 0; j < {GeneratedMembers.Outputs(layer)}; j++)");
                    w.WriteLine($"{s.Type} sum = {s.Zero};");
                    w.OpenBlock("for (int e = 0; e < count; e++)");
                    w.WriteLine($"sum += {TileD(layer)}[e * {GeneratedMembers.Outputs(layer)} + j];");
                    w.CloseBlock();
                    w.WriteLine($"gradient[{GeneratedMembers.BiasesOffset(layer)} + j] += sum;");
                    w.CloseBlock();
                }
            }

            w.WriteLine();
            w.WriteLine("return loss;");
            w.CloseBlock();
        }

        private static void WriteTileLossFromLogits(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            if (!spec.LossUsesLogits)
                return;
            LayerSpec output = spec.OutputLayer;
            string outputs = GeneratedMembers.OutputSize;
            string z = TileZ(output);
            w.OpenBlock("for (int e = 0; e < count; e++)");
            w.WriteLine($"int row = e * {outputs};");
            if (spec.Loss == LossKind.CrossEntropy)
            {
                w.WriteLine("// -sum_k t[k] log p[k], with log p[k] = z[k] - log sum_j exp(z[j]) from the softmax: no log(0).");
                w.WriteLine($"{s.Type} logSumExp = {TileLogSumExp}[e];");
                w.OpenBlock($"for (int k = 0; k < {outputs}; k++)");
                w.WriteLine($"loss -= t[row + k] * ({z}[row + k] - logSumExp);");
                w.CloseBlock();
            }
            else
            {
                w.WriteLine("// max(z, 0) - z t + log(1 + exp(-|z|)): binary cross-entropy from the logits, no overflow.");
                w.OpenBlock($"for (int k = 0; k < {outputs}; k++)");
                w.WriteLine($"{s.Type} logit = {z}[row + k];");
                w.WriteLine($"loss += {s.Math}.Max(logit, {s.Zero}) - logit * t[row + k] + {s.Math}.Log({s.One} + {s.Math}.Exp(-{s.Math}.Abs(logit)));");
                w.CloseBlock();
            }

            w.CloseBlock();
        }
    }
}
