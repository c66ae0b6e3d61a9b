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

        /// <summary>The vector layer <paramref name="layer"/> reads: x for the first layer, else the previous layer's a.</summary>
        public static string In(NetworkSpec spec, LayerSpec layer)
            => layer.Number == 1 ? Input : A(Previous(spec, layer));

        /// <summary>"1 value", "3 values": counts in doc comments read as English.</summary>
        public static string Plural(int count, string noun)
            => count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");

        public static LayerSpec Previous(NetworkSpec spec, LayerSpec layer) => spec.Layers[layer.Number - 2];

        /// <summary>The scratch parameter, as the prefix of its fields: "scratch.".</summary>
        public const string Scratch = GeneratedMembers.ScratchParameter + ".";

        /// <summary>The tile scratch parameter, as the prefix of its fields: "tiles.".</summary>
        public const string Tiles = GeneratedMembers.TileScratchParameter + ".";

        public static string TileA(LayerSpec layer) => Tiles + GeneratedMembers.ActivationsField(layer);
        public static string TileD(LayerSpec layer) => Tiles + GeneratedMembers.DeltasField(layer);
        public static string TileZ(LayerSpec layer) => Tiles + GeneratedMembers.LogitsField(layer);

        /// <summary>The rows of a tile buffer in use: the first count examples' values, e.g. tiles.A1[..(count * HiddenOutputs)].</summary>
        public static string TileRows(string buffer, LayerSpec layer) => $"{buffer}[..(count * {GeneratedMembers.Outputs(layer)})]";

        /// <summary>The tile rows layer <paramref name="layer"/> reads: the tile's inputs x, else the previous layer's A.</summary>
        public static string TileIn(NetworkSpec spec, LayerSpec layer)
        {
            if (layer.Number == 1)
                return Input;
            LayerSpec previous = Previous(spec, layer);
            return TileRows(TileA(previous), previous);
        }

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
            foreach (LayerEmitter emitter in LayerEmitter.All(spec))
            {
                LayerSpec layer = emitter.Layer;
                bool isOutput = layer == spec.OutputLayer;
                DeclareBlocks(w, emitter.BlocksReadBy(method));
                bool outputs = method switch
                {
                    Method.Forward => true,
                    Method.Backward => isOutput || ActivationMath.HasDerivative(layer.Activation),
                    _ => !isOutput,
                };
                if (outputs)
                    w.WriteLine($"ref {GeneratedMembers.ScratchBuffer(layer)} {A(layer)} = ref {Scratch}{GeneratedMembers.ActivationsField(layer)};");
                if (method != Method.Forward)
                    w.WriteLine($"ref {GeneratedMembers.ScratchBuffer(layer)} {D(layer)} = ref {Scratch}{GeneratedMembers.DeltasField(layer)};");
            }

            if (method == Method.Forward && spec.LossUsesLogits)
                w.WriteLine($"ref {GeneratedMembers.ScratchBuffer(spec.OutputLayer)} {Z(spec.OutputLayer)} = ref {Scratch}{GeneratedMembers.LogitsField(spec.OutputLayer)};");
        }

        /// <summary>Declares ref locals for the parameter blocks the tile passes read: all of them forward, the ones that pass deltas back backward.</summary>
        public static void DeclareTileLocals(SourceWriter w, NetworkSpec spec, bool backward)
        {
            foreach (LayerEmitter emitter in LayerEmitter.All(spec))
                DeclareBlocks(w, emitter.BlocksReadBy(backward ? Method.Backward : Method.Forward));
        }

        private static void DeclareBlocks(SourceWriter w, IEnumerable<ParameterBlock> blocks)
        {
            foreach (ParameterBlock block in blocks)
                w.WriteLine($"ref {block.Buffer} {Local(block)} = ref {GeneratedMembers.ParametersField}.{block.Field};");
        }
    }
}
