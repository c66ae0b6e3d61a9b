using System.Globalization;
using CompiledNets.Generator.Model;
using Microsoft.CodeAnalysis.Text;

namespace CompiledNets.Generator.Emit
{
    /// <summary>
    /// Writes {Type}.Backward.g.cs: backpropagation into a gradient (Backpropagate, BackpropagateBatch) and the
    /// fused SGD step (TrainStep). Both walk the layers from the output back to the input: first pass the deltas
    /// on to the previous layer (with the weights as they were), then use them for this layer's weights.
    /// </summary>
    internal static class BackwardEmitter
    {
        public static SourceText Emit(NetworkSpec spec)
        {
            var w = new SourceWriter();
            var s = ScalarSyntax.For(spec.Scalar);
            int blocks = FileHeader.Open(w, spec, "Backpropagation and training", withParameterTable: false);
            w.OpenBlock("partial class " + spec.Type.Name);
            WritePublicMethods(w, spec, s);
            WriteAccumulateGradient(w, spec, s);
            WriteTrainStep(w, spec, s);
            WriteOutputDeltas(w, spec, s);
            w.CloseBlock();
            FileHeader.Close(w, blocks);
            return w.ToSourceText();
        }

        private static void WritePublicMethods(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            w.WriteLine("/// <summary>Adds dLoss/dParameters for one example into <paramref name=\"gradient\"/> and returns the loss.</summary>");
            w.WriteLine($"/// <param name=\"input\">{LayerNames.Plural(spec.InputSize, "value")}.</param>");
            w.WriteLine($"/// <param name=\"target\">{LayerNames.Plural(spec.OutputSize, "value")}.</param>");
            w.WriteLine("/// <param name=\"gradient\">Same layout and length as <see cref=\"Parameters\"/>; added to, not overwritten, so it can sum a batch.</param>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenBlock($"public {s.Type} {GeneratedMembers.Backpropagate}({s.ReadOnlySpan} input, {s.ReadOnlySpan} target, {s.Span} gradient)");
            w.WriteLine($"{GeneratedMembers.ThrowIfWrongLength}(input.Length, {GeneratedMembers.InputSize}, nameof(input));");
            w.WriteLine($"{GeneratedMembers.ThrowIfWrongLength}(target.Length, {GeneratedMembers.OutputSize}, nameof(target));");
            w.WriteLine($"{GeneratedMembers.ThrowIfWrongLength}(gradient.Length, {GeneratedMembers.ParameterCount}, nameof(gradient));");
            ScratchCode.DeclareScratch(w, spec);
            w.WriteLine($"return {GeneratedMembers.AccumulateGradient}(input, target, gradient, ref {GeneratedMembers.ScratchParameter});");
            w.CloseBlock();
            w.WriteLine();
        }

        private static void WriteAccumulateGradient(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            w.WriteLine("/// <summary>Forward, then backward through every layer, adding each parameter's dL/dparameter into the gradient.</summary>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenBlock($"private {s.Type} {GeneratedMembers.AccumulateGradient}({s.ReadOnlySpan} {LayerNames.Input}, {s.ReadOnlySpan} {LayerNames.Target}, {s.Span} gradient, ref {GeneratedMembers.Scratch} {GeneratedMembers.ScratchParameter})");
            WriteBody(w, spec, s, update: false);
            w.CloseBlock();
            w.WriteLine();
        }

        private static void WriteTrainStep(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            w.WriteLine("/// <summary>One step of stochastic gradient descent on one example; returns the loss before the step.</summary>");
            w.WriteLine("/// <remarks>");
            w.WriteLine("/// The same as Backpropagate into a zeroed gradient followed by ApplyGradient(gradient, learningRate), bit for bit,");
            w.WriteLine("/// but each weight is updated the moment its gradient is known, so no gradient buffer is needed.");
            w.WriteLine("/// </remarks>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenBlock($"public {s.Type} {GeneratedMembers.TrainStep}({s.ReadOnlySpan} input, {s.ReadOnlySpan} target, {s.Type} learningRate)");
            w.WriteLine($"{GeneratedMembers.ThrowIfWrongLength}(input.Length, {GeneratedMembers.InputSize}, nameof(input));");
            w.WriteLine($"{GeneratedMembers.ThrowIfWrongLength}(target.Length, {GeneratedMembers.OutputSize}, nameof(target));");
            w.WriteLine($"{s.ReadOnlySpan} {LayerNames.Input} = input;");
            w.WriteLine($"{s.ReadOnlySpan} {LayerNames.Target} = target;");
            ScratchCode.DeclareScratch(w, spec);
            WriteBody(w, spec, s, update: true);
            w.CloseBlock();
            w.WriteLine();
        }

        private static void WriteBody(SourceWriter w, NetworkSpec spec, ScalarSyntax s, bool update)
        {
            string scratch = "ref " + GeneratedMembers.ScratchParameter;
            w.WriteLine($"{GeneratedMembers.ForwardPass}({LayerNames.Input}, {scratch});");
            w.WriteLine($"{s.Type} loss = {GeneratedMembers.LossOfForwardPass}({LayerNames.Target}, {scratch});");
            w.WriteLine($"{GeneratedMembers.ComputeOutputDeltas}({LayerNames.Target}, {scratch});");
            LayerNames.DeclareLocals(w, spec, update ? LayerNames.Method.Update : LayerNames.Method.Gradient);

            for (int index = spec.Layers.Count - 1; index >= 0; index--)
            {
                LayerSpec layer = spec.Layers[index];
                string n = layer.Number.ToString(CultureInfo.InvariantCulture);
                string input = LayerNames.In(spec, layer);
                w.WriteLine();
                w.WriteLine(LayerNames.Banner(layer, "backward"));
                if (layer.Number > 1)
                {
                    LayerSpec previous = LayerNames.Previous(spec, layer);
                    string p = previous.Number.ToString(CultureInfo.InvariantCulture);
                    w.WriteLine($"// Deltas of layer {p}, by the chain rule: d{p}[i] = f'(a{p}[i]) * sum_j W{n}[j, i] * d{n}[j],");
                    w.WriteLine($"// where f'(a) = {ActivationMath.DerivativeFormula(previous.Activation)} for {ActivationMath.Describe(previous.Activation)}. Computed before W{n} changes.");
                    if (layer.Unrolled)
                        DenseUnrolled.PropagateDeltas(w, layer, previous, s);
                    else
                    {
                        DenseKernelCalls.TransposedTimesVector(w, layer, previous, s);
                        string? derivative = ActivationMath.Derivative(previous.Activation, $"{LayerNames.A(previous)}[i]", s);
                        if (derivative is not null)
                        {
                            w.OpenBlock($"for (int i = 0; i < {GeneratedMembers.Outputs(previous)}; i++)");
                            w.WriteLine($"{LayerNames.D(previous)}[i] *= {derivative};");
                            w.CloseBlock();
                        }
                    }
                }

                if (update)
                    w.WriteLine($"// W{n}[j, i] -= learningRate * d{n}[j] * {input}[i]" + (layer.HasBias ? $";  b{n}[j] -= learningRate * d{n}[j]" : ""));
                else
                    w.WriteLine($"// dL/dW{n}[j, i] = d{n}[j] * {input}[i]" + (layer.HasBias ? $";  dL/db{n}[j] = d{n}[j]" : ""));

                if (layer.Unrolled)
                    DenseUnrolled.OuterProduct(w, spec, layer, update);
                else
                    DenseKernelCalls.OuterProduct(w, spec, layer, s, update);
            }

            w.WriteLine();
            w.WriteLine("return loss;");
        }

        private static void WriteOutputDeltas(SourceWriter w, NetworkSpec spec, ScalarSyntax s)
        {
            LayerSpec output = spec.OutputLayer;
            string p = LayerNames.A(output);
            string d = LayerNames.D(output);
            string t = LayerNames.Target;
            w.WriteLine($"/// <summary>The output deltas d{output.Number}[k] = dL/dz{output.Number}[k], where backpropagation starts.</summary>");
            w.WriteLine("/// <remarks>");
            w.WriteLine($"/// {LossFormulas.GradientFormula(spec.Loss)}" + (spec.LossUsesLogits ? "." : $"; times f'(p[k]) = {ActivationMath.DerivativeFormula(output.Activation)} for the {ActivationMath.Describe(output.Activation)} output."));
            w.WriteLine("/// </remarks>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenBlock($"private static void {GeneratedMembers.ComputeOutputDeltas}({s.ReadOnlySpan} {t}, ref {GeneratedMembers.Scratch} {GeneratedMembers.ScratchParameter})");
            w.WriteLine($"ref {GeneratedMembers.ScratchBuffer(output)} {p} = ref {LayerNames.Scratch}{GeneratedMembers.ActivationsField(output)};");
            w.WriteLine($"ref {GeneratedMembers.ScratchBuffer(output)} {d} = ref {LayerNames.Scratch}{GeneratedMembers.DeltasField(output)};");
            w.OpenBlock($"for (int k = 0; k < {GeneratedMembers.OutputSize}; k++)");
            string error = $"{p}[k] - {t}[k]";
            string lossGradient = LossFormulas.OutputGradient(spec.Loss, error, GeneratedMembers.OutputSize, s);
            w.WriteLine(spec.LossUsesLogits
                ? $"{d}[k] = {error};"
                : $"{d}[k] = {ActivationMath.TimesDerivative(lossGradient, output.Activation, p + "[k]", s)};");
            w.CloseBlock();
            w.CloseBlock();
        }
    }
}
