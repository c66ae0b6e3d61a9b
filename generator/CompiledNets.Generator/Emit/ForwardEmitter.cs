using System.Linq;
using CompiledNets.Generator.Model;
using Microsoft.CodeAnalysis.Text;

namespace CompiledNets.Generator.Emit
{
    /// <summary>Writes {Type}.Forward.g.cs: the forward pass, Predict, PredictBatch, ComputeLoss and the loss itself.</summary>
    internal static class ForwardEmitter
    {
        public static SourceText Emit(NetworkSpec spec)
        {
            var w = new SourceWriter();
            var s = ScalarSyntax.For(spec.Scalar);
            int blocks = FileHeader.Open(w, spec, "Forward pass and loss", withParameterTable: false);
            w.OpenBlock("partial class " + spec.Type.Name);
            WritePublicMethods(w, spec, s);
            WriteForwardPass(w, spec, s);
            WriteLoss(w, spec, s);
            w.CloseBlock();
            FileHeader.Close(w, blocks);
            return w.ToSourceText();
        }

        private static void WritePublicMethods(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            w.WriteLine("/// <summary>Runs the network on one example and writes its prediction to <paramref name=\"output\"/>.</summary>");
            w.WriteLine($"/// <param name=\"input\">{LayerNames.Plural(spec.InputSize, "value")}.</param>");
            w.WriteLine($"/// <param name=\"output\">Receives {LayerNames.Plural(spec.OutputSize, "value")}.</param>");
            w.WriteLine($"/// <exception cref=\"global::System.ArgumentException\">A span does not have the length above.</exception>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenBlock($"public void {GeneratedMembers.Predict}({s.ReadOnlySpan} input, {s.Span} output)");
            w.WriteLine($"{GeneratedMembers.ThrowIfWrongLength}(input.Length, {GeneratedMembers.InputSize}, nameof(input));");
            w.WriteLine($"{GeneratedMembers.ThrowIfWrongLength}(output.Length, {GeneratedMembers.OutputSize}, nameof(output));");
            ScratchCode.DeclareScratch(w, spec);
            w.WriteLine($"{GeneratedMembers.ForwardPass}(input, ref {GeneratedMembers.ScratchParameter});");
            w.WriteLine($"{CopyPrediction(spec, s)}.CopyTo(output);");
            w.CloseBlock();
            w.WriteLine();

            w.WriteLine("/// <summary>The loss of the prediction for <paramref name=\"input\"/> against <paramref name=\"target\"/>.</summary>");
            w.WriteLine($"/// <remarks>{LossFormulas.Describe(spec.Loss)}.</remarks>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenBlock($"public {s.Type} {GeneratedMembers.ComputeLoss}({s.ReadOnlySpan} input, {s.ReadOnlySpan} target)");
            w.WriteLine($"{GeneratedMembers.ThrowIfWrongLength}(input.Length, {GeneratedMembers.InputSize}, nameof(input));");
            w.WriteLine($"{GeneratedMembers.ThrowIfWrongLength}(target.Length, {GeneratedMembers.OutputSize}, nameof(target));");
            ScratchCode.DeclareScratch(w, spec);
            w.WriteLine($"{GeneratedMembers.ForwardPass}(input, ref {GeneratedMembers.ScratchParameter});");
            w.WriteLine($"return {GeneratedMembers.LossOfForwardPass}(target, ref {GeneratedMembers.ScratchParameter});");
            w.CloseBlock();
            w.WriteLine();

            w.WriteLine("/// <summary>The loss, as <see cref=\"ComputeLoss(global::System.ReadOnlySpan{" + s.Type + "}, global::System.ReadOnlySpan{" + s.Type + "})\"/>, also writing the prediction to <paramref name=\"output\"/>.</summary>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenBlock($"public {s.Type} {GeneratedMembers.ComputeLoss}({s.ReadOnlySpan} input, {s.ReadOnlySpan} target, {s.Span} output)");
            w.WriteLine($"{GeneratedMembers.ThrowIfWrongLength}(input.Length, {GeneratedMembers.InputSize}, nameof(input));");
            w.WriteLine($"{GeneratedMembers.ThrowIfWrongLength}(target.Length, {GeneratedMembers.OutputSize}, nameof(target));");
            w.WriteLine($"{GeneratedMembers.ThrowIfWrongLength}(output.Length, {GeneratedMembers.OutputSize}, nameof(output));");
            ScratchCode.DeclareScratch(w, spec);
            w.WriteLine($"{GeneratedMembers.ForwardPass}(input, ref {GeneratedMembers.ScratchParameter});");
            w.WriteLine($"{CopyPrediction(spec, s)}.CopyTo(output);");
            w.WriteLine($"return {GeneratedMembers.LossOfForwardPass}(target, ref {GeneratedMembers.ScratchParameter});");
            w.CloseBlock();
            w.WriteLine();
        }

        /// <summary>The prediction p = a(L) in the scratch, as a span to copy out.</summary>
        internal static string CopyPrediction(NetworkSpec spec, ScalarSyntax s)
            => $"(({s.ReadOnlySpan}){GeneratedMembers.ScratchParameter}.{GeneratedMembers.ActivationsField(spec.OutputLayer)})";

        private static void WriteForwardPass(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            w.WriteLine("/// <summary>Computes every layer's outputs " + (spec.Layers.Count == 1 ? "a1" : "a1 ... a" + spec.Layers.Count) + " for one input (its length already checked) into the call's scratch.</summary>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenBlock($"private void {GeneratedMembers.ForwardPass}({s.ReadOnlySpan} {LayerNames.Input}, ref {GeneratedMembers.Scratch} {GeneratedMembers.ScratchParameter})");
            LayerNames.DeclareLocals(w, spec, LayerNames.Method.Forward);
            bool needsZ = spec.Layers.Any(l => l.Unrolled && l.Activation != ActivationKind.Linear && l.Activation != ActivationKind.Softmax
                                               && !ActivationLoops.IsVectorized(s, l.Activation)
                                               && !(spec.LossUsesLogits && l == spec.OutputLayer));
            if (needsZ)
                w.WriteLine($"{s.Type} z;");

            foreach (LayerSpec layer in spec.Layers)
            {
                w.WriteLine();
                WriteLayer(w, spec, layer, s);
            }

            w.CloseBlock();
            w.WriteLine();
        }

        private static void WriteLayer(SourceWriter w, NetworkSpec spec, LayerSpec layer, ScalarSyntax s)
        {
            bool isOutput = layer == spec.OutputLayer;
            bool keepLogits = isOutput && spec.LossUsesLogits;
            string a = LayerNames.A(layer);
            string n = layer.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string input = LayerNames.In(spec, layer);
            w.WriteLine(LayerNames.Banner(layer, "forward"));
            w.WriteLine($"// z{n}[j] = " + (layer.HasBias ? $"b{n}[j] + " : "") + $"sum_i W{n}[j, i] * {input}[i]");
            w.WriteLine($"// a{n}[j] = {ActivationMath.Formula(layer.Activation, "z" + n)}");

            // The weighted sums land where the activation reads them: in the logits buffer when the loss needs
            // them (or softmax normalizes them), otherwise in a(l) itself, which the activation then overwrites.
            string sums = keepLogits || layer.Activation == ActivationKind.Softmax ? LayerNames.Z(layer) : a;
            if (layer.Unrolled)
            {
                DenseUnrolled.Forward(w, spec, layer, s, keepLogits);
                if (keepLogits && layer.Activation != ActivationKind.Softmax)
                    WriteActivationLoop(w, layer, s, from: LayerNames.Z(layer));
            }
            else
            {
                DenseKernelCalls.MatrixTimesVector(w, spec, layer, s, sums);
                if (layer.Activation != ActivationKind.Linear && layer.Activation != ActivationKind.Softmax)
                    WriteActivationLoop(w, layer, s, from: sums);
                else if (layer.Activation == ActivationKind.Linear && keepLogits)
                    WriteActivationLoop(w, layer, s, from: sums);
            }

            if (layer.Activation == ActivationKind.Softmax)
                WriteSoftmax(w, spec, layer, s);
        }

        private static void WriteActivationLoop(SourceWriter w, LayerSpec layer, ScalarSyntax s, string from)
            => ActivationLoops.Write(w, s, layer.Activation, from, LayerNames.A(layer), GeneratedMembers.Outputs(layer), wholeBuffers: true, layer.OutputSize);

        private static void WriteSoftmax(SourceWriter w, NetworkSpec spec, LayerSpec layer, ScalarSyntax s)
        {
            string z = LayerNames.Z(layer);
            string a = LayerNames.A(layer);
            string outputs = GeneratedMembers.Outputs(layer);
            w.WriteLine("// Softmax, shifted by the largest logit m so that exp never overflows: a[k] = exp(z[k] - m) / sum_j exp(z[j] - m).");
            SoftmaxCode.Write(w, s, z, a, outputs, row: "");
            if (spec.Loss == LossKind.CrossEntropy)
            {
                w.WriteLine("// log sum_j exp(z[j]) = m + log(sum_j exp(z[j] - m)): the cross-entropy reads log p[k] = z[k] - this.");
                w.WriteLine($"{GeneratedMembers.ScratchParameter}.{GeneratedMembers.LogSumExpField} = max + {s.Math}.Log(sumOfExponentials);");
            }
        }

        private static void WriteLoss(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            string p = LayerNames.A(spec.OutputLayer);
            string z = LayerNames.Z(spec.OutputLayer);
            string t = LayerNames.Target;
            w.WriteLine($"/// <summary>{LossFormulas.Describe(spec.Loss)}, for the prediction the forward pass left in the scratch.</summary>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenBlock($"private static {s.Type} {GeneratedMembers.LossOfForwardPass}({s.ReadOnlySpan} {t}, ref {GeneratedMembers.Scratch} {GeneratedMembers.ScratchParameter})");
            w.WriteLine($"ref {GeneratedMembers.ScratchBuffer(spec.OutputLayer)} {(spec.LossUsesLogits ? z : p)} = ref {GeneratedMembers.ScratchParameter}.{(spec.LossUsesLogits ? GeneratedMembers.LogitsField(spec.OutputLayer) : GeneratedMembers.ActivationsField(spec.OutputLayer))};");
            w.WriteLine($"{s.Type} loss = {s.Zero};");
            w.OpenBlock($"for (int k = 0; k < {GeneratedMembers.OutputSize}; k++)");
            switch (spec.Loss)
            {
                case LossKind.CrossEntropy:
                    w.WriteLine($"// log p[k] = z[k] - log sum_j exp(z[j]): finite for any finite logits, so no log(0).");
                    w.WriteLine($"loss -= {t}[k] * ({z}[k] - {GeneratedMembers.ScratchParameter}.{GeneratedMembers.LogSumExpField});");
                    break;
                case LossKind.BinaryCrossEntropy:
                    w.WriteLine("// -(t log p + (1 - t) log(1 - p)) with p = sigmoid(z), rewritten so that exp never overflows:");
                    w.WriteLine("// max(z, 0) - z t + log(1 + exp(-|z|)).");
                    w.WriteLine($"loss += {s.Math}.Max({z}[k], {s.Zero}) - {z}[k] * {t}[k] + {s.Math}.Log({s.One} + {s.Math}.Exp(-{s.Math}.Abs({z}[k])));");
                    break;
                default:
                    w.WriteLine($"{s.Type} error = {p}[k] - {t}[k];");
                    w.WriteLine("loss += error * error;");
                    break;
            }

            w.CloseBlock();
            w.WriteLine($"return {LossFormulas.FromSum(spec.Loss, "loss", GeneratedMembers.OutputSize, s)};");

            w.CloseBlock();
        }
    }
}
