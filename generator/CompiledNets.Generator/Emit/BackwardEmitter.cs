using System.Linq;
using CompiledNets.Generator.Emit.Layers;
using CompiledNets.Generator.Model;
using Microsoft.CodeAnalysis.Text;

namespace CompiledNets.Generator.Emit
{
    /// <summary>
    /// Writes {Type}.Backward.g.cs: backpropagation (BackwardPass: the deltas of every layer, from the output back to
    /// the first, with the weights as they are), then what is done with them: Backpropagate adds each parameter's
    /// gradient into a buffer, TrainStep takes the SGD step in place. The delta code is written once, for both.
    /// </summary>
    internal static class BackwardEmitter
    {
        public static SourceText Emit(NetworkSpec spec)
        {
            var w = new SourceWriter();
            var s = ScalarSyntax.For(spec.Scalar);
            int blocks = FileHeader.Open(w, spec, "Backpropagation and training", withParameterTable: false);
            w.OpenBlock("partial class " + spec.Type.Name);
            WriteBackpropagate(w, spec, s);
            WriteTrainStep(w, spec, s);
            WriteAccumulateGradient(w, spec, s);
            WriteBackwardPass(w, spec, s);
            w.CloseBlock();
            FileHeader.Close(w, blocks);
            return w.ToSourceText();
        }

        private static void WriteBackpropagate(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            w.WriteLine("/// <summary>Adds dLoss/dParameters for one example into <paramref name=\"gradient\"/> and returns the loss.</summary>");
            w.WriteLine($"/// <param name=\"input\">{LayerNames.InputValues(spec.Input)}.</param>");
            w.WriteLine($"/// <param name=\"target\">{LayerNames.Plural(spec.OutputSize, "value")}.</param>");
            w.WriteLine("/// <param name=\"gradient\">Same layout and length as <see cref=\"Parameters\"/>, sharing no memory with input; added to, not overwritten, so it can sum a batch.</param>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenMethod($"public {s.Type} {GeneratedMembers.Backpropagate}", $"{s.ReadOnlySpan} input", $"{s.ReadOnlySpan} target", $"{s.Span} gradient");
            ScratchCode.DeclareScratch(w, spec);
            LengthCheck.Write(w, "input", GeneratedMembers.InputSize);
            LengthCheck.Write(w, "target", GeneratedMembers.OutputSize);
            LengthCheck.Write(w, "gradient", GeneratedMembers.ParameterCount);
            w.WriteLine("global::CompiledNets.Numerics.SpanLength.CheckGradientApartFromInput(gradient, input);");
            w.WriteLine($"return {GeneratedMembers.AccumulateGradient}(input, target, gradient, ref {GeneratedMembers.ScratchParameter});");
            w.CloseBlock();
            w.WriteLine();
        }

        private static void WriteTrainStep(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            w.WriteLine("/// <summary>One step of stochastic gradient descent on one example; returns the loss before the step.</summary>");
            w.WriteLine("/// <remarks>");
            w.WriteLine("/// The same as Backpropagate into a zeroed gradient followed by ApplyGradient(gradient, learningRate), bit for bit,");
            w.WriteLine("/// but each parameter is updated in place from the deltas, so no gradient buffer is needed.");
            w.WriteLine("/// </remarks>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenMethod($"public {s.Type} {GeneratedMembers.TrainStep}", $"{s.ReadOnlySpan} input", $"{s.ReadOnlySpan} target", $"{s.Type} learningRate");
            ScratchCode.DeclareScratch(w, spec);
            LengthCheck.Write(w, "input", GeneratedMembers.InputSize);
            LengthCheck.Write(w, "target", GeneratedMembers.OutputSize);
            w.WriteLine($"{s.ReadOnlySpan} {LayerNames.Input} = input;");
            WriteForwardAndBackward(w, s, "target");
            LayerNames.DeclareLocals(w, spec, LayerNames.Method.Update);
            foreach (LayerEmitter layer in LayerEmitter.All(spec).Reverse())
                layer.WriteGradient(w, update: true);
            w.WriteLine();
            w.WriteLine("return loss;");
            w.CloseBlock();
            w.WriteLine();
        }

        private static void WriteAccumulateGradient(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            w.WriteLine("/// <summary>Forward, backward, then each parameter's dL/dparameter added into the gradient.</summary>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenMethod($"private {s.Type} {GeneratedMembers.AccumulateGradient}",
                $"{s.ReadOnlySpan} {LayerNames.Input}", $"{s.ReadOnlySpan} {LayerNames.Target}", $"{s.Span} gradient",
                $"ref {GeneratedMembers.Scratch} {GeneratedMembers.ScratchParameter}");
            WriteForwardAndBackward(w, s, LayerNames.Target);
            LayerNames.DeclareLocals(w, spec, LayerNames.Method.Gradient);
            foreach (LayerEmitter layer in LayerEmitter.All(spec).Reverse())
                layer.WriteGradient(w, update: false);
            w.WriteLine();
            w.WriteLine("return loss;");
            w.CloseBlock();
            w.WriteLine();
        }

        /// <summary>The three calls every training method starts with; leaves the local loss.</summary>
        private static void WriteForwardAndBackward(SourceWriter w, ScalarSyntax s, string target)
        {
            string scratch = "ref " + GeneratedMembers.ScratchParameter;
            w.WriteLine($"{GeneratedMembers.ForwardPass}({LayerNames.Input}, {scratch});");
            w.WriteLine($"{s.Type} loss = {GeneratedMembers.LossOfForwardPass}({target}, {scratch});");
            w.WriteLine($"{GeneratedMembers.BackwardPass}({target}, {scratch});");
        }

        private static void WriteBackwardPass(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            LayerSpec output = spec.OutputLayer;
            string p = LayerNames.A(output);
            string d = LayerNames.D(output);
            string t = LayerNames.Target;
            string n = output.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            w.WriteLine(spec.Layers.Count == 1
                ? "/// <summary>Backpropagation: with one layer, only its deltas d1 = dL/dz1, and no chain rule to apply.</summary>"
                : $"/// <summary>Backpropagation: every layer's deltas d(l) = dL/dz(l), from the output d{n} back to d1, by the chain rule.</summary>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            MethodImplAttributes.WritePassInlining(w, spec);
            w.OpenMethod($"private void {GeneratedMembers.BackwardPass}", $"{s.ReadOnlySpan} {t}", $"ref {GeneratedMembers.Scratch} {GeneratedMembers.ScratchParameter}");
            LayerNames.DeclareLocals(w, spec, LayerNames.Method.Backward);
            w.WriteLine();
            w.WriteLine(LayerNames.Banner("Output deltas, where backpropagation starts"));
            w.WriteLine($"// d{n}[k] = dL/dz{n}[k]: {LossFormulas.GradientFormula(spec.Loss)}"
                        + (spec.LossUsesLogits ? "." : $", times f'(p[k]), where f'(a) = {ActivationMath.DerivativeFormula(output.Activation)} for {ActivationMath.Describe(output.Activation)}."));
            string k = spec.OutputSize == 1 ? "0" : "k"; // one output: no loop of one turn (see the loss)
            if (spec.OutputSize > 1)
                w.OpenBlock($"for (int k = 0; k < {GeneratedMembers.OutputSize}; k++)");
            string error = $"{p}[{k}] - {t}[{k}]";
            string lossGradient = LossFormulas.OutputGradient(spec.Loss, error, GeneratedMembers.OutputSize, s);
            w.WriteLine(spec.LossUsesLogits
                ? $"{d}[{k}] = {error};"
                : $"{d}[{k}] = {ActivationMath.TimesDerivative(lossGradient, output.Activation, p + $"[{k}]", s)};");
            if (spec.OutputSize > 1)
                w.CloseBlock();

            // The output deltas already include the output layer's f' (or the loss's fused gradient).
            bool derivativeApplied = true;
            foreach (LayerEmitter layer in LayerEmitter.All(spec).Reverse())
                derivativeApplied = layer.WriteBackward(w, derivativeApplied);
            w.CloseBlock();
        }
    }
}
