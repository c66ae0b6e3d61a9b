using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit
{
    /// <summary>
    /// Code for layers above the unroll limit: one call into the runtime's DenseKernels per product, written beside
    /// the formula it computes (the caller writes the formula). The kernels are ordinary, tested C#: they run the
    /// widest vectors the machine accelerates, and take their sizes from the layer's shape type (HiddenShape), so the
    /// JIT compiles each for exactly this layer's sizes.
    /// </summary>
    internal static class DenseKernelCalls
    {
        private const string Kernels = "global::CompiledNets.Numerics.DenseKernels";
        private const string VectorMath = "global::CompiledNets.Numerics.VectorMath";

        /// <summary>A kernel specialized for the layer's shape type and the network's scalar type.</summary>
        private static string Call(NetworkSpec spec, DenseLayerSpec layer, ScalarSyntax s, string kernel)
            => $"{Kernels}.{kernel}<{GeneratedMembers.Shape(layer, spec)}, {s.Type}>";

        private static string Weights(DenseLayerSpec layer) => LayerNames.Stored(layer.ParameterBlocks[0]);

        /// <summary>The layer's biases as a kernel argument: the stored buffer, or an empty span for a layer without.</summary>
        private static string Biases(DenseLayerSpec layer) => layer.HasBias ? LayerNames.Stored(layer.ParameterBlocks[1]) : "biases: default";

        /// <summary>output[j] = b[j] + sum_i W[j, i] * in[i], for one example.</summary>
        public static void MatrixTimesVector(SourceWriter w, NetworkSpec spec, DenseLayerSpec layer, ScalarSyntax s, string output)
            => w.WriteCall(Call(spec, layer, s, "MatrixTimesVector"), Weights(layer), Biases(layer), LayerNames.In(spec, layer), output);

        /// <summary>dPrev[i] = sum_j W[j, i] * d[j]; the previous layer applies its own derivative.</summary>
        public static void TransposedTimesVector(SourceWriter w, NetworkSpec spec, DenseLayerSpec layer, LayerSpec previous, ScalarSyntax s)
            => w.WriteCall(Call(spec, layer, s, "TransposedTimesVector"), Weights(layer), LayerNames.D(layer), LayerNames.D(previous));

        /// <summary>
        /// Gradient: gradient[W[j, i]] += d[j] * in[i], gradient[b[j]] += d[j]. Update: W[j, i] -= learningRate * (d[j] * in[i]),
        /// b[j] -= learningRate * d[j]. Both round d[j] * in[i] first, so a fused TrainStep equals Backpropagate +
        /// ApplyGradient bit for bit.
        /// </summary>
        public static void OuterProduct(SourceWriter w, NetworkSpec spec, DenseLayerSpec layer, ScalarSyntax s, bool update)
        {
            string d = LayerNames.D(layer);
            string input = LayerNames.In(spec, layer);
            if (update)
                w.WriteCall(Call(spec, layer, s, "SubtractScaledOuterProduct"), Weights(layer), d, input, "learningRate");
            else
                w.WriteCall(Call(spec, layer, s, "AddOuterProduct"), LayerNames.GradientOf(spec, layer.ParameterBlocks[0]), d, input);
            if (!layer.HasBias)
                return;
            if (update)
                w.WriteCall($"{VectorMath}.SubtractScaled<{s.Type}>", Biases(layer), d, "learningRate");
            else
                w.WriteCall($"{VectorMath}.Add<{s.Type}>", LayerNames.GradientOf(spec, layer.ParameterBlocks[1]), d);
        }

        /// <summary>sums[e, j] = b[j] + sum_i W[j, i] * inputs[e, i], for the tile's examples.</summary>
        public static void MatrixTimesMatrix(SourceWriter w, NetworkSpec spec, DenseLayerSpec layer, ScalarSyntax s, string inputs, string sums)
            => w.WriteCall(Call(spec, layer, s, "MatrixTimesMatrix"), Weights(layer), Biases(layer), inputs, sums, "count");

        /// <summary>previousDeltas[e, i] = sum_j W[j, i] * deltas[e, j], for the tile's examples.</summary>
        public static void TransposedTimesMatrix(SourceWriter w, NetworkSpec spec, DenseLayerSpec layer, ScalarSyntax s, string deltas, string previousDeltas)
            => w.WriteCall(Call(spec, layer, s, "TransposedTimesMatrix"), Weights(layer), deltas, previousDeltas, "count");

        /// <summary>gradient[W[j, i]] += sum_e deltas[e, j] * inputs[e, i] and gradient[b[j]] += sum_e deltas[e, j], for the tile's examples.</summary>
        public static void TileGradient(SourceWriter w, NetworkSpec spec, DenseLayerSpec layer, ScalarSyntax s, string deltas, string inputs)
        {
            w.WriteCall(Call(spec, layer, s, "AddDeltasTimesInputs"), LayerNames.GradientOf(spec, layer.ParameterBlocks[0]), deltas, inputs, "count");
            if (layer.HasBias)
                w.WriteCall($"{Kernels}.AddColumnSums<{s.Type}>", LayerNames.GradientOf(spec, layer.ParameterBlocks[1]), deltas, "count");
        }
    }
}
