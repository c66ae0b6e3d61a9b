using System.Collections.Generic;
using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit
{
    /// <summary>
    /// Code for layers within the unroll limit: one statement per neuron (forward) or per weight (backward), with
    /// constant indices, so there is no loop, no bounds check and nothing to read but the math itself.
    /// </summary>
    internal static class DenseUnrolled
    {
        private const int TermsPerLine = 6;

        /// <summary>
        /// Writes "target = first + t1 + t2 ...;": on one line where it fits, else six terms to a line, so the
        /// terms of a long sum line up from one neuron to the next.
        /// </summary>
        private static void WriteSum(SourceWriter w, string target, IReadOnlyList<string> terms, string? suffix = null)
        {
            string whole = string.Join(" + ", terms);
            string oneLine = suffix is null ? $"{target} = {whole};" : $"{target} = ({whole}){suffix};";
            if (w.Fits(oneLine))
            {
                w.WriteLine(oneLine);
                return;
            }

            var lines = new List<string>();
            for (int start = 0; start < terms.Count; start += TermsPerLine)
            {
                int end = System.Math.Min(start + TermsPerLine, terms.Count);
                var chunk = new List<string>();
                for (int k = start; k < end; k++)
                    chunk.Add(terms[k]);
                lines.Add(string.Join(" + ", chunk));
            }

            if (suffix is null && lines.Count == 1)
            {
                w.WriteLine($"{target} = {lines[0]};");
                return;
            }

            string open = suffix is null ? "" : "(";
            w.WriteLine($"{target} = {open}{lines[0]}" + (lines.Count == 1 ? (suffix is null ? ";" : ")" + suffix + ";") : ""));
            for (int k = 1; k < lines.Count; k++)
            {
                bool last = k == lines.Count - 1;
                w.WriteLine($"    + {lines[k]}" + (last ? (suffix is null ? ";" : ")" + suffix + ";") : ""));
            }
        }

        /// <summary>
        /// Whether <see cref="Forward"/> computes each sum into a temporary z before applying the activation: only where
        /// the activation is applied value by value here (not kept as logits, not linear, not a vectorized loop after).
        /// </summary>
        public static bool UsesSumTemporary(NetworkSpec spec, DenseLayerSpec layer, ScalarSyntax s)
            => layer.Unrolled && layer.Activation != ActivationKind.Linear && layer.Activation != ActivationKind.Softmax
               && !ActivationLoops.IsVectorized(s, layer.Activation, layer.OutputSize) && !(spec.LossUsesLogits && layer.Number == spec.Layers.Count);

        /// <summary>z[j] = b[j] + sum_i W[j, i] * in[i]; a[j] = f(z[j]), one neuron at a time.</summary>
        public static void Forward(SourceWriter w, NetworkSpec spec, DenseLayerSpec layer, ScalarSyntax s, bool keepLogits)
        {
            string input = LayerNames.In(spec, layer);
            string a = LayerNames.A(layer);
            bool softmax = layer.Activation == ActivationKind.Softmax;
            for (int j = 0; j < layer.OutputSize; j++)
            {
                var terms = new List<string>();
                if (layer.HasBias)
                    terms.Add($"{LayerNames.B(layer)}[{j}]");
                for (int i = 0; i < layer.InputSize; i++)
                    terms.Add($"{LayerNames.W(layer)}[{j * layer.InputSize + i}] * {input}[{i}]");

                if (keepLogits || softmax)
                {
                    // The logits are kept; the activation is applied from them afterwards.
                    WriteSum(w, $"{LayerNames.Z(layer)}[{j}]", terms);
                }
                else if (layer.Activation == ActivationKind.Linear || ActivationLoops.IsVectorized(s, layer.Activation, layer.OutputSize))
                {
                    // Linear: the sum is the output. Float tanh and sigmoid: the sums land in a, and the activation
                    // runs over the whole layer afterwards, many values at a time.
                    WriteSum(w, $"{a}[{j}]", terms);
                }
                else
                {
                    WriteSum(w, "z", terms);
                    w.WriteLine($"{a}[{j}] = {ActivationMath.Apply(layer.Activation, "z", s)};");
                }
            }

            if (!keepLogits && !softmax && ActivationLoops.IsVectorized(s, layer.Activation, layer.OutputSize))
                ActivationLoops.Write(w, s, layer.Activation, a, a, GeneratedMembers.Outputs(layer), layer.OutputSize);
        }

        /// <summary>dPrev[i] = f'(aPrev[i]) * sum_j W[j, i] * d[j], one input at a time.</summary>
        public static void PropagateDeltas(SourceWriter w, DenseLayerSpec layer, LayerSpec previous, ScalarSyntax s)
        {
            string aPrev = LayerNames.A(previous);
            for (int i = 0; i < layer.InputSize; i++)
            {
                var terms = new List<string>();
                for (int j = 0; j < layer.OutputSize; j++)
                    terms.Add($"{LayerNames.W(layer)}[{j * layer.InputSize + i}] * {LayerNames.D(layer)}[{j}]");
                string? derivative = ActivationMath.Derivative(previous.Activation, $"{aPrev}[{i}]", s);
                WriteSum(w, $"{LayerNames.D(previous)}[{i}]", terms, derivative is null ? null : " * " + derivative);
            }
        }

        /// <summary>Gradient: gradient[W[j, i]] += d[j] * in[i]. Update: W[j, i] -= learningRate * (d[j] * in[i]).</summary>
        public static void OuterProduct(SourceWriter w, NetworkSpec spec, DenseLayerSpec layer, bool update)
        {
            string input = LayerNames.In(spec, layer);
            string d = LayerNames.D(layer);
            for (int j = 0; j < layer.OutputSize; j++)
            {
                for (int i = 0; i < layer.InputSize; i++)
                {
                    int k = j * layer.InputSize + i;
                    w.WriteLine(update
                        ? $"{LayerNames.W(layer)}[{k}] -= learningRate * ({d}[{j}] * {input}[{i}]);"
                        : $"gradient[{GeneratedMembers.WeightsOffset(layer)} + {k}] += {d}[{j}] * {input}[{i}];");
                }

                if (layer.HasBias)
                {
                    w.WriteLine(update
                        ? $"{LayerNames.B(layer)}[{j}] -= learningRate * {d}[{j}];"
                        : $"gradient[{GeneratedMembers.BiasesOffset(layer)} + {j}] += {d}[{j}];");
                }
            }
        }
    }
}
