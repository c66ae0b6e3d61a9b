using System.Collections.Generic;
using CompiledNets.Generator.Emit.Layers;
using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit
{
    /// <summary>
    /// The short local names generated methods use, matching the math in the comments:
    /// x the input, w1/b1 layer 1's weights and biases, a1 its outputs, d1 its deltas, z2 the output logits;
    /// in the tile passes, tiles.A1, tiles.D1 and tiles.Z2 hold the same for each example of a tile.
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

        /// <summary>The local a parameter block is read through: w1 for W1, b1 for b1.</summary>
        public static string Local(ParameterBlock block) => block.Symbol.ToLowerInvariant();

        /// <summary>A parameter block's storage, e.g. _parameters.W1: what kernel calls take, without a local.</summary>
        public static string Stored(ParameterBlock block) => GeneratedMembers.ParametersField + "." + block.Field;

        /// <summary>The part of the gradient that holds a parameter block, e.g. gradient[HiddenWeightsOffset..HiddenBiasesOffset].</summary>
        public static string GradientOf(NetworkSpec spec, ParameterBlock block)
        {
            string end = GeneratedMembers.ParameterCount;
            bool found = false;
            foreach (LayerSpec layer in spec.Layers)
            {
                foreach (ParameterBlock next in layer.ParameterBlocks)
                {
                    if (found)
                        return $"gradient[{block.OffsetConstant}..{next.OffsetConstant}]";
                    found = next == block;
                }
            }

            return $"gradient[{block.OffsetConstant}..{end}]";
        }

        /// <summary>The vector layer <paramref name="layer"/> reads: x for the first layer, else the previous layer's a.</summary>
        public static string In(NetworkSpec spec, LayerSpec layer)
            => layer.Number == 1 ? Input : A(Previous(spec, layer));

        /// <summary>A section banner: "// ---- title " padded with dashes to a fixed width, so sections line up.</summary>
        public static string Banner(string title)
        {
            string line = "// ---- " + title + " ";
            return line.Length >= 110 ? line : line + new string('-', 110 - line.Length);
        }

        /// <summary>
        /// What one example's input holds, for its parameter's doc: "784 values", and for an image also its layout,
        /// "784 values: a 1 x 28 x 28 image, channel by channel, row by row".
        /// </summary>
        public static string InputValues(Shape input)
            => Plural(input.Size, "value")
               + (input.IsImage
                   ? $": a {Int(input.Channels)} x {Int(input.Height)} x {Int(input.Width)} image, channel by channel, row by row"
                   : "");

        /// <summary>"1 value", "3 values": counts in doc comments read as English.</summary>
        public static string Plural(int count, string noun)
            => Int(count) + " " + noun + (count == 1 ? "" : "s");

        /// <summary>
        /// Layer numbers in increasing order as a phrase: "layers 2 and 3", "layers 1, 3 and 5", "layers 2 to 80"; a long
        /// list that is not one run by its first layer alone ("the 40 layers from layer 2"), to keep the line readable.
        /// </summary>
        public static string Layers(IReadOnlyList<int> numbers)
        {
            int first = numbers[0], last = numbers[numbers.Count - 1];
            if (numbers.Count > 2 && last - first + 1 == numbers.Count)
                return $"layers {Int(first)} to {Int(last)}";
            if (numbers.Count > 5)
                return $"the {Int(numbers.Count)} layers from layer {Int(first)}";
            var leading = new List<string>();
            for (int i = 0; i < numbers.Count - 1; i++)
                leading.Add(Int(numbers[i]));
            return $"layers {string.Join(", ", leading)} and {Int(last)}";
        }

        public static LayerSpec Previous(NetworkSpec spec, LayerSpec layer) => spec.Layers[layer.Number - 2];

        /// <summary>The scratch parameter, as the prefix of its fields: "scratch.".</summary>
        public const string Scratch = GeneratedMembers.ScratchParameter + ".";

        /// <summary>The tile scratch parameter, as the prefix of its fields: "tiles.".</summary>
        public const string Tiles = GeneratedMembers.TileScratchParameter + ".";

        /// <summary>
        /// Declares, for the tile passes, a span over the rows in use of each tile buffer, named as in the per-example
        /// code: a1 = tiles.A1[..(count * HiddenOutputs)] holds A1[e, j] at e * HiddenOutputs + j. Forward: the outputs
        /// and the logits; backward: the deltas too.
        /// </summary>
        public static void DeclareTileRows(SourceWriter w, NetworkSpec spec, ScalarSyntax s, bool backward)
        {
            foreach (LayerSpec layer in spec.Layers)
            {
                var rows = new List<(string, string)> { Rows(A(layer), GeneratedMembers.ActivationsField(layer), layer) };
                if (backward)
                    rows.Add(Rows(D(layer), GeneratedMembers.DeltasField(layer), layer));
                if (layer == spec.OutputLayer && spec.LossUsesLogits && !backward) // the backward pass reads no logits: TileLosses does
                    rows.Add(Rows(Z(layer), GeneratedMembers.LogitsField(layer), layer));
                w.WriteLocals(s.Span, rows);
            }
        }

        private static (string, string) Rows(string local, string field, LayerSpec layer)
            => (local, $"{Tiles}{field}[..(count * {GeneratedMembers.Outputs(layer)})]");

        /// <summary>"X" or "A1": the math name of the tile rows a layer reads.</summary>
        public static string TileInName(LayerSpec layer) => layer.Number == 1 ? "X" : "A" + (layer.Number - 1);

        /// <summary>Which method the ref locals are declared for; each declares only what it reads.</summary>
        public enum Method
        {
            /// <summary>ForwardPass: every parameter block, the outputs and (when kept) the logits.</summary>
            Forward,

            /// <summary>BackwardPass: the blocks that pass deltas back, the deltas, and the outputs derivatives read.</summary>
            Backward,

            /// <summary>AccumulateGradient: the deltas and the outputs that feed a next layer.</summary>
            Gradient,

            /// <summary>TrainStep: as Gradient, plus every parameter block it updates.</summary>
            Update,
        }

        /// <summary>Declares the ref locals w1, b1, a1, d1, z2 a method reads, so the code below reads like the math.</summary>
        public static void DeclareLocals(SourceWriter w, NetworkSpec spec, Method method)
        {
            var emitters = new List<LayerEmitter>(LayerEmitter.All(spec));
            for (int k = 0; k < emitters.Count; k++)
            {
                LayerEmitter emitter = emitters[k];
                LayerSpec layer = emitter.Layer;
                bool isOutput = layer == spec.OutputLayer;
                bool nextReadsIt = k + 1 < emitters.Count && emitters[k + 1].BackwardReadsValues;
                DeclareBlocks(w, emitter.BlocksReadBy(method));
                bool outputs = method switch
                {
                    Method.Forward => true,
                    Method.Backward => isOutput || ActivationMath.HasDerivative(layer.Activation) || nextReadsIt || emitter.BackwardReadsValues,
                    // The gradient of a layer's parameters reads the layer's input: a(l) where layer l + 1 has parameters.
                    _ => !isOutput && emitters[k + 1].Layer.ParameterCountLong > 0,
                };
                bool deltas = method == Method.Backward || (method != Method.Forward && layer.ParameterCountLong > 0);
                bool logits = method == Method.Forward && isOutput && spec.LossUsesLogits;
                // A layer's values in one statement, as the Scratch struct declares them: "ref ... a1 = ref scratch.A1, d1 = ref scratch.D1;".
                var values = new List<(string, string)>();
                if (outputs)
                    values.Add((A(layer), $"ref {Scratch}{GeneratedMembers.ActivationsField(layer)}"));
                if (deltas)
                    values.Add((D(layer), $"ref {Scratch}{GeneratedMembers.DeltasField(layer)}"));
                if (logits)
                    values.Add((Z(layer), $"ref {Scratch}{GeneratedMembers.LogitsField(layer)}"));
                w.WriteLocals("ref " + GeneratedMembers.NeuronsBuffer(layer), values);
            }
        }

        private static void DeclareBlocks(SourceWriter w, IEnumerable<ParameterBlock> blocks)
        {
            foreach (ParameterBlock block in blocks)
                w.WriteLine($"ref {block.Buffer} {Local(block)} = ref {GeneratedMembers.ParametersField}.{block.Field};");
        }

        private static string Int(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
