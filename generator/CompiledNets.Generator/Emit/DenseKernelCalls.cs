using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit
{
    /// <summary>
    /// Code for layers above the unroll limit: one call into the runtime's DenseKernels per product, written beside
    /// the formula it computes (the caller writes the formula). The kernels are ordinary, tested C#: they run the
    /// widest vectors the machine accelerates, and take their sizes from the spans, whose lengths are the layer's
    /// constants.
    /// </summary>
    internal static class DenseKernelCalls
    {
        private const string Kernels = "global::CompiledNets.Numerics.DenseKernels";

        private static string Call(ScalarSyntax s, string kernel) => $"{Kernels}.{kernel}<{s.Type}>";

        /// <summary>The layer's biases as a kernel argument: the buffer, or an empty span for a layer without.</summary>
        private static string Biases(DenseLayerSpec layer, string biases) => layer.HasBias ? biases : "biases: default";

        /// <summary>The slice of the gradient that holds the layer's weights.</summary>
        private static string WeightGradient(DenseLayerSpec layer)
            => $"gradient.Slice({GeneratedMembers.WeightsOffset(layer)}, {GeneratedMembers.Outputs(layer)} * {GeneratedMembers.Inputs(layer)})";

        /// <summary>output[j] = b[j] + sum_i W[j, i] * in[i], for one example.</summary>
        public static void MatrixTimesVector(SourceWriter w, NetworkSpec spec, DenseLayerSpec layer, ScalarSyntax s, string output)
            => w.WriteLine($"{Call(s, "MatrixTimesVector")}({LayerNames.W(layer)}, {Biases(layer, LayerNames.B(layer))}, {LayerNames.In(spec, layer)}, {output});");

        /// <summary>dPrev[i] = sum_j W[j, i] * d[j]; the caller applies the previous layer's derivative.</summary>
        public static void TransposedTimesVector(SourceWriter w, DenseLayerSpec layer, LayerSpec previous, ScalarSyntax s)
            => w.WriteLine($"{Call(s, "TransposedTimesVector")}({LayerNames.W(layer)}, {LayerNames.D(layer)}, {LayerNames.D(previous)});");

        /// <summary>
        /// Gradient: gradient[W[j, i]] += d[j] * in[i]. Update: W[j, i] -= learningRate * (d[j] * in[i]). Both round
        /// d[j] * in[i] first, so a fused TrainStep equals Backpropagate + ApplyGradient bit for bit. Biases follow as a
        /// plain loop.
        /// </summary>
        public static void OuterProduct(SourceWriter w, NetworkSpec spec, DenseLayerSpec layer, ScalarSyntax s, bool update)
        {
            string d = LayerNames.D(layer);
            string input = LayerNames.In(spec, layer);
            w.WriteLine(update
                ? $"{Call(s, "SubtractScaledOuterProduct")}({LayerNames.W(layer)}, {d}, {input}, learningRate);"
                : $"{Call(s, "AddOuterProduct")}({WeightGradient(layer)}, {d}, {input});");
            if (!layer.HasBias)
                return;
            w.OpenBlock($"for (int j = 0; j < {GeneratedMembers.Outputs(layer)}; j++)");
            w.WriteLine(update
                ? $"{LayerNames.B(layer)}[j] -= learningRate * {d}[j];"
                : $"gradient[{GeneratedMembers.BiasesOffset(layer)} + j] += {d}[j];");
            w.CloseBlock();
        }

        /// <summary>sums[e, j] = b[j] + sum_i W[j, i] * inputs[e, i], for the tile's examples.</summary>
        public static void MatrixTimesMatrix(SourceWriter w, DenseLayerSpec layer, ScalarSyntax s, string weights, string biases, string inputs, string sums)
            => w.WriteLine($"{Call(s, "MatrixTimesMatrix")}({weights}, {Biases(layer, biases)}, {inputs}, {sums}, count);");

        /// <summary>previousDeltas[e, i] = sum_j W[j, i] * deltas[e, j], for the tile's examples.</summary>
        public static void TransposedTimesMatrix(SourceWriter w, ScalarSyntax s, string weights, string deltas, string previousDeltas)
            => w.WriteLine($"{Call(s, "TransposedTimesMatrix")}({weights}, {deltas}, {previousDeltas}, count);");

        /// <summary>gradient[W[j, i]] += sum_e deltas[e, j] * inputs[e, i], for the tile's examples.</summary>
        public static void AddDeltasTimesInputs(SourceWriter w, DenseLayerSpec layer, ScalarSyntax s, string deltas, string inputs)
            => w.WriteLine($"{Call(s, "AddDeltasTimesInputs")}({WeightGradient(layer)}, {deltas}, {inputs}, count);");
    }
}
