using System.Linq;
using CompiledNets.Generator.Emit.Layers;
using CompiledNets.Generator.Model;
using Microsoft.CodeAnalysis.Text;

namespace CompiledNets.Generator.Emit
{
    /// <summary>
    /// Writes {Type}.Batch.g.cs: PredictBatch, ComputeLossBatch and BackpropagateBatch as matrix-matrix work. Examples
    /// go through in tiles of <see cref="NetworkSpec.BatchTile"/>, held in this thread's scratch; the runtime's DenseKernels multiply a whole tile
    /// at once, so each weight they load serves several examples, which turns a memory-bound matrix-vector loop into
    /// compute-bound matrix-matrix work, and the activations' vector math serves many examples at once. Networks whose
    /// layers are all unrolled (small) and piecewise linear keep the simple per-example loop, which is about as fast
    /// (<see cref="NetworkSpec.UsesTiles"/>).
    /// </summary>
    internal static class BatchEmitter
    {
        public static SourceText Emit(NetworkSpec spec)
        {
            var w = new SourceWriter();
            var s = ScalarSyntax.For(spec.Scalar);
            int blocks = FileHeader.Open(w, spec, "Batched forward and backward passes", withParameterTable: false);
            w.OpenBlock("partial class " + spec.Type.Name);
            if (spec.UsesTiles)
            {
                WriteTileStorage(w, spec, s);
                WritePredictBatch(w, spec, s);
                WriteComputeLossBatch(w, spec, s);
                WriteBackpropagateBatch(w, spec, s);
                WriteTileForward(w, spec, s);
                WriteTileLosses(w, spec, s);
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

        private const string TilesArgument = "ref " + GeneratedMembers.TileScratchParameter;

        /// <summary>The three batched methods: each documents and checks its spans its own way.</summary>
        private enum BatchMethod
        {
            Predict,
            Loss,
            Backpropagate,
        }

        private static void WriteDocs(SourceWriter w, BatchMethod method)
        {
            switch (method)
            {
                case BatchMethod.Predict:
                    w.WriteLine("/// <summary>Runs the network on examples stored one after another: <c>inputs.Length / InputSize</c> of them.</summary>");
                    w.WriteLine("/// <exception cref=\"global::System.ArgumentException\">inputs is not whole examples, outputs does not hold one output per example, or outputs overlaps inputs.</exception>");
                    break;
                case BatchMethod.Loss:
                    w.WriteLine("/// <summary>Each example's prediction and loss: Predict and ComputeLoss for many examples at once.</summary>");
                    w.WriteLine("/// <exception cref=\"global::System.ArgumentException\">A span does not hold one row per example, or outputs or losses share memory with another span.</exception>");
                    break;
                default:
                    w.WriteLine("/// <summary>Adds the gradient summed over <c>inputs.Length / InputSize</c> examples into <paramref name=\"gradient\"/>; returns the summed loss.</summary>");
                    w.WriteLine("/// <param name=\"inputs\">Examples stored one after another.</param>");
                    w.WriteLine("/// <param name=\"targets\">Their targets, one after another.</param>");
                    w.WriteLine("/// <param name=\"gradient\">Same layout and length as <see cref=\"Parameters\"/>; added to, not overwritten.</param>");
                    w.WriteLine("/// <exception cref=\"global::System.ArgumentException\">A span does not hold one row per example, or gradient shares memory with inputs, targets or Parameters.</exception>");
                    break;
            }
        }

        /// <summary>
        /// The method's argument checks, one runtime call that returns the number of examples: whole examples in, one
        /// row per example in every other span, and nothing it writes overlapping what it reads (see BatchArguments).
        /// </summary>
        private static void WriteSignatureChecks(SourceWriter w, BatchMethod method)
        {
            const string Arguments = "int count = global::CompiledNets.Numerics.BatchArguments.";
            string[] sizes = { GeneratedMembers.InputSize, GeneratedMembers.OutputSize };
            switch (method)
            {
                case BatchMethod.Predict:
                    w.WriteCall(Arguments + "ForPredict", new[] { "inputs", "outputs" }.Concat(sizes).ToArray());
                    break;
                case BatchMethod.Loss:
                    w.WriteCall(Arguments + "ForComputeLoss", new[] { "inputs", "targets", "outputs", "losses" }.Concat(sizes).ToArray());
                    break;
                default:
                    w.WriteCall(Arguments + "ForBackpropagate", new[] { "inputs", "targets", "gradient", GeneratedMembers.Parameters }.Concat(sizes).ToArray());
                    break;
            }
        }

        private static void OpenComputeLossBatch(SourceWriter w, ScalarSyntax s)
        {
            WriteDocs(w, BatchMethod.Loss);
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenMethod($"public void {GeneratedMembers.ComputeLossBatch}", $"{s.ReadOnlySpan} inputs", $"{s.ReadOnlySpan} targets", $"{s.Span} outputs",
                $"{s.Span} losses");
            WriteSignatureChecks(w, BatchMethod.Loss);
        }

        /// <summary>
        /// Opens the loop of PredictBatch and ComputeLossBatch over examples one at a time: ForwardPass, then the
        /// prediction copied out. The caller may add to the loop's body, and closes it.
        /// </summary>
        private static void OpenForwardExamples(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            ScratchCode.DeclareScratch(w, spec);
            w.OpenBlock("for (int n = 0; n < count; n++)");
            w.WriteLine($"{GeneratedMembers.ForwardPass}(inputs.Slice(n * {GeneratedMembers.InputSize}, {GeneratedMembers.InputSize}), ref {GeneratedMembers.ScratchParameter});");
            w.WriteLine($"{ForwardEmitter.CopyPrediction(spec, s)}.CopyTo(outputs.Slice(n * {GeneratedMembers.OutputSize}, {GeneratedMembers.OutputSize}));");
        }

        /// <summary>The same loop over tiles: TileForward, then the tile's predictions copied out.</summary>
        private static void OpenForwardTiles(SourceWriter w, NetworkSpec spec)
        {
            ScratchCode.DeclareTiles(w);
            w.OpenBlock($"for (int start = 0; start < count; start += {GeneratedMembers.BatchTile})");
            w.WriteLine($"int tile = global::System.Math.Min({GeneratedMembers.BatchTile}, count - start);");
            w.WriteLine($"{GeneratedMembers.TileForward}(inputs.Slice(start * {GeneratedMembers.InputSize}, tile * {GeneratedMembers.InputSize}), tile, {TilesArgument});");
            string predictions = LayerNames.Tiles + GeneratedMembers.ActivationsField(spec.OutputLayer);
            w.WriteLine($"{predictions}[..(tile * {GeneratedMembers.OutputSize})].CopyTo(outputs.Slice(start * {GeneratedMembers.OutputSize}));");
        }

        private static void WritePerExampleMethods(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            w.WriteLine("// Every layer is unrolled and computes no exponential: one example at a time is about as fast as tiles, and simpler.");
            WriteDocs(w, BatchMethod.Predict);
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenMethod($"public void {GeneratedMembers.PredictBatch}", $"{s.ReadOnlySpan} inputs", $"{s.Span} outputs");
            WriteSignatureChecks(w, BatchMethod.Predict);
            OpenForwardExamples(w, spec, s);
            w.CloseBlock();
            w.CloseBlock();
            w.WriteLine();
            OpenComputeLossBatch(w, s);
            OpenForwardExamples(w, spec, s);
            w.WriteLine($"losses[n] = {GeneratedMembers.LossOfForwardPass}(targets.Slice(n * {GeneratedMembers.OutputSize}, {GeneratedMembers.OutputSize}), ref {GeneratedMembers.ScratchParameter});");
            w.CloseBlock();
            w.CloseBlock();
            w.WriteLine();
            WriteDocs(w, BatchMethod.Backpropagate);
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenMethod($"public {s.Type} {GeneratedMembers.BackpropagateBatch}", $"{s.ReadOnlySpan} inputs", $"{s.ReadOnlySpan} targets", $"{s.Span} gradient");
            WriteSignatureChecks(w, BatchMethod.Backpropagate);
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
            if (spec.BatchTile < NetworkSpec.MaxBatchTile)
            {
                w.WriteLine($"// Not {NetworkSpec.MaxBatchTile}: that many examples' outputs and deltas would take more than the " +
                    $"{NetworkSpec.MaxStructBytes / (1024 * 1024)} MiB one struct can hold.");
            }

            w.WriteLine($"/// <summary>Examples per tile of the batched passes.</summary>");
            w.WriteLine($"private const int {GeneratedMembers.BatchTile} = {spec.BatchTile};");
            w.WriteLine();
            foreach (LayerSpec layer in spec.Layers)
            {
                MembersEmitter.WriteInlineArray(w, s, GeneratedMembers.TileBuffer(layer), $"{GeneratedMembers.BatchTile} * {GeneratedMembers.Outputs(layer)}");
            }

            MembersEmitter.WriteInlineArray(w, s, GeneratedMembers.TileExampleBuffer, GeneratedMembers.BatchTile);

            w.WriteLine();

            w.WriteLine("// The values of one tile: row e of each buffer belongs to example e (A: outputs, D: deltas, Z: logits). Every call");
            w.WriteLine("// takes this thread's, from ThreadScratch (a local would be cleared on every call), so one instance serves many threads.");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenBlock($"private struct {GeneratedMembers.TileScratch}");
            ScratchCode.WriteFields(w, spec, GeneratedMembers.TileBuffer, GeneratedMembers.TileExampleBuffer, tile: true);
            w.CloseBlock();
            w.WriteLine();
        }

        private static void WritePredictBatch(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            WriteDocs(w, BatchMethod.Predict);
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenMethod($"public void {GeneratedMembers.PredictBatch}", $"{s.ReadOnlySpan} inputs", $"{s.Span} outputs");
            WriteSignatureChecks(w, BatchMethod.Predict);
            OpenForwardTiles(w, spec);
            w.CloseBlock();
            w.CloseBlock();
            w.WriteLine();
        }

        private static void WriteComputeLossBatch(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            OpenComputeLossBatch(w, s);
            OpenForwardTiles(w, spec);
            w.WriteLine($"{GeneratedMembers.TileLosses}(targets.Slice(start * {GeneratedMembers.OutputSize}, tile * {GeneratedMembers.OutputSize}), tile, {TilesArgument});");
            w.WriteLine($"{LayerNames.Tiles}{GeneratedMembers.LossesField}[..tile].CopyTo(losses.Slice(start));");
            w.CloseBlock();
            w.CloseBlock();
            w.WriteLine();
        }

        private static void WriteBackpropagateBatch(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            WriteDocs(w, BatchMethod.Backpropagate);
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenMethod($"public {s.Type} {GeneratedMembers.BackpropagateBatch}", $"{s.ReadOnlySpan} inputs", $"{s.ReadOnlySpan} targets", $"{s.Span} gradient");
            WriteSignatureChecks(w, BatchMethod.Backpropagate);
            ScratchCode.DeclareTiles(w);
            w.WriteLine($"{s.Type} loss = {s.Zero};");
            w.OpenBlock($"for (int start = 0; start < count; start += {GeneratedMembers.BatchTile})");
            w.WriteLine($"int tile = global::System.Math.Min({GeneratedMembers.BatchTile}, count - start);");
            w.WriteLine($"{s.ReadOnlySpan} tileInputs = inputs.Slice(start * {GeneratedMembers.InputSize}, tile * {GeneratedMembers.InputSize});");
            w.WriteLine($"{s.ReadOnlySpan} tileTargets = targets.Slice(start * {GeneratedMembers.OutputSize}, tile * {GeneratedMembers.OutputSize});");
            w.WriteLine($"{GeneratedMembers.TileForward}(tileInputs, tile, {TilesArgument});");
            w.WriteLine($"loss += {GeneratedMembers.TileLosses}(tileTargets, tile, {TilesArgument});");
            w.WriteLine($"{GeneratedMembers.TileBackward}(tileInputs, tileTargets, gradient, tile, {TilesArgument});");
            w.CloseBlock();
            w.WriteLine("return loss;");
            w.CloseBlock();
            w.WriteLine();
        }

        private static void WriteTileForward(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            w.WriteLine("/// <summary>The forward pass for a tile of <paramref name=\"count\"/> examples: A(l)[e, j] = f(b(l)[j] + sum_i W(l)[j, i] * A(l-1)[e, i]).</summary>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            MethodImplAttributes.WriteFullyOptimized(w);
            w.OpenMethod($"private void {GeneratedMembers.TileForward}", $"{s.ReadOnlySpan} x", "int count", $"ref {GeneratedMembers.TileScratch} {GeneratedMembers.TileScratchParameter}");
            LayerNames.DeclareTileRows(w, spec, s, backward: false);
            foreach (LayerEmitter layer in LayerEmitter.All(spec))
                layer.WriteTileForward(w);
            w.CloseBlock();
            w.WriteLine();
        }

        private static void WriteTileBackward(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            LayerSpec output = spec.OutputLayer;
            w.WriteLine("/// <summary>Output deltas and backpropagation for a tile after <see cref=\"" + GeneratedMembers.TileForward + "\"/>; adds the tile's gradient.</summary>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            MethodImplAttributes.WriteFullyOptimized(w);
            w.OpenMethod($"private void {GeneratedMembers.TileBackward}", $"{s.ReadOnlySpan} x", $"{s.ReadOnlySpan} t", $"{s.Span} gradient", "int count",
                $"ref {GeneratedMembers.TileScratch} {GeneratedMembers.TileScratchParameter}");
            LayerNames.DeclareTileRows(w, spec, s, backward: true);
            w.WriteLine();
            w.WriteLine($"// Output deltas, example by example: {LossFormulas.GradientFormula(spec.Loss)}.");
            string d = LayerNames.D(output);
            w.OpenBlock($"for (int k = 0; k < {d}.Length; k++)");
            string p = $"{LayerNames.A(output)}[k]";
            string error = $"{p} - t[k]";
            if (spec.LossUsesLogits)
            {
                w.WriteLine($"{d}[k] = {error};");
            }
            else
            {
                string lossGradient = LossFormulas.OutputGradient(spec.Loss, error, GeneratedMembers.OutputSize, s);
                w.WriteLine($"{d}[k] = {ActivationMath.TimesDerivative(lossGradient, output.Activation, p, s)};");
            }

            w.CloseBlock();
            foreach (LayerEmitter layer in LayerEmitter.All(spec).Reverse())
                layer.WriteTileBackward(w);
            w.CloseBlock();
        }

        private static void WriteTileLosses(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            w.WriteLine("/// <summary>Each example's loss after <see cref=\"" + GeneratedMembers.TileForward + "\"/>, into tiles.Losses; returns their sum.</summary>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            MethodImplAttributes.WriteFullyOptimized(w);
            w.OpenMethod($"private static {s.Type} {GeneratedMembers.TileLosses}", $"{s.ReadOnlySpan} t", "int count",
                $"ref {GeneratedMembers.TileScratch} {GeneratedMembers.TileScratchParameter}");
            w.WriteLine($"{s.Type} sum = {s.Zero};");
            LayerSpec output = spec.OutputLayer;
            bool oneOutput = spec.OutputSize == 1; // the tutorials' networks: row e is output e, no loop of one turn
            string at = oneOutput ? "e" : "row + k";
            string rows = LayerNames.Tiles + (spec.LossUsesLogits ? GeneratedMembers.LogitsField(output) : GeneratedMembers.ActivationsField(output));
            w.OpenBlock("for (int e = 0; e < count; e++)");
            if (!oneOutput)
                w.WriteLine($"int row = e * {GeneratedMembers.OutputSize};");
            w.WriteLine($"{s.Type} loss = {s.Zero};");
            if (!oneOutput)
                w.OpenBlock($"for (int k = 0; k < {GeneratedMembers.OutputSize}; k++)");
            LossFormulas.WriteTerm(w, spec.Loss, s, $"t[{at}]", $"{rows}[{at}]", $"{rows}[{at}]", $"{LayerNames.Tiles}{GeneratedMembers.LogSumExpField}[e]");
            if (!oneOutput)
                w.CloseBlock();
            string losses = LayerNames.Tiles + GeneratedMembers.LossesField;
            w.WriteLine($"{losses}[e] = {LossFormulas.FromSum(spec.Loss, "loss", GeneratedMembers.OutputSize, s)};");
            w.WriteLine($"sum += {losses}[e];");
            w.CloseBlock();
            w.WriteLine("return sum;");
            w.CloseBlock();
            w.WriteLine();
        }
    }
}
