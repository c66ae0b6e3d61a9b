using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit
{
    /// <summary>
    /// The short local names generated methods use, matching the math in the comments:
    /// x the input, w1/b1 layer 1's weights and biases, a1 its outputs, d1 its deltas, z2 the output logits.
    /// </summary>
    internal static class LayerNames
    {
        public const string Input = "x";
        public const string Target = "t";

        public static string W(LayerSpec layer) => "w" + layer.Number;
        public static string B(LayerSpec layer) => "b" + layer.Number;
        public static string A(LayerSpec layer) => "a" + layer.Number;
        public static string D(LayerSpec layer) => "d" + layer.Number;
        public static string Z(LayerSpec layer) => "z" + layer.Number;

        /// <summary>The vector layer <paramref name="layer"/> reads: x for the first layer, else the previous layer's a.</summary>
        public static string In(NetworkSpec spec, LayerSpec layer)
            => layer.Number == 1 ? Input : A(Previous(spec, layer));

        /// <summary>A ref to the first value of the layer's input vector.</summary>
        public static string InRef(NetworkSpec spec, LayerSpec layer)
            => layer.Number == 1 ? ScalarSyntax.MemoryMarshal + ".GetReference(" + Input + ")" : In(spec, layer) + "[0]";

        /// <summary>"1 value", "3 values": counts in doc comments read as English.</summary>
        public static string Plural(int count, string noun)
            => count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");

        public static LayerSpec Previous(NetworkSpec spec, LayerSpec layer) => spec.Layers[layer.Number - 2];

        /// <summary>Which method the ref locals are declared for; each declares only what it reads.</summary>
        public enum Method
        {
            /// <summary>The forward pass: weights, biases, outputs and (when kept) logits.</summary>
            Forward,

            /// <summary>Backpropagation into a gradient: weights, deltas, and the outputs that feed a next layer.</summary>
            Gradient,

            /// <summary>The fused training step: as Gradient, plus the biases it updates.</summary>
            Update,
        }

        /// <summary>The scratch parameter, as the prefix of its fields: "scratch.".</summary>
        public const string Scratch = GeneratedMembers.ScratchParameter + ".";

        /// <summary>Declares ref locals w1, b1, a1, d1, z for the layers, so the code below reads like the math.</summary>
        public static void DeclareLocals(SourceWriter w, NetworkSpec spec, Method method)
        {
            bool forward = method == Method.Forward;
            foreach (LayerSpec layer in spec.Layers)
            {
                bool isOutput = layer == spec.OutputLayer;
                // Backpropagation into a gradient reads W(l) only to pass deltas back, which layer 1 does not do.
                if (method != Method.Gradient || layer.Number > 1)
                    w.WriteLine($"ref {GeneratedMembers.WeightsBuffer(layer)} {W(layer)} = ref {GeneratedMembers.ParametersField}.W{layer.Number};");
                if (layer.HasBias && method != Method.Gradient)
                    w.WriteLine($"ref {GeneratedMembers.BiasesBuffer(layer)} {B(layer)} = ref {GeneratedMembers.ParametersField}.B{layer.Number};");
                if (forward || !isOutput)
                    w.WriteLine($"ref {GeneratedMembers.ScratchBuffer(layer)} {A(layer)} = ref {Scratch}{GeneratedMembers.ActivationsField(layer)};");
                if (!forward)
                    w.WriteLine($"ref {GeneratedMembers.ScratchBuffer(layer)} {D(layer)} = ref {Scratch}{GeneratedMembers.DeltasField(layer)};");
            }

            if (forward && spec.LossUsesLogits)
                w.WriteLine($"ref {GeneratedMembers.ScratchBuffer(spec.OutputLayer)} {Z(spec.OutputLayer)} = ref {Scratch}{GeneratedMembers.LogitsField(spec.OutputLayer)};");
        }

        /// <summary>"Layer 2: Dense 128 -> 10, softmax, no bias, unrolled" as a banner line.</summary>
        /// <param name="withForm">Whether to say how the layer is emitted (the tile passes are always loops).</param>
        public static string Banner(LayerSpec layer, string what, bool withForm = true)
        {
            string name = layer.DeclaredName is null ? "" : $" ({layer.DeclaredName})";
            string form = !withForm ? " " : layer.Unrolled ? ", unrolled " : ", kernels ";
            string title = $"// ---- Layer {layer.Number}{name} {what}: Dense {layer.InputSize} -> {layer.OutputSize}, {ActivationMath.Describe(layer.Activation)}"
                           + (layer.HasBias ? "" : ", no bias") + form;
            return title.Length >= 110 ? title : title + new string('-', 110 - title.Length);
        }
    }
}
