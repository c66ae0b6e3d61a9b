using System.Collections.Generic;
using System.Globalization;
using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit
{
    /// <summary>
    /// Writes the network's layers as runtime NetworkLayer values, one call per layer: the description that weights
    /// export and import (PyTorch state_dict names and shapes) and ONNX export read, so they need no reflection.
    /// </summary>
    internal static class LayerListEmitter
    {
        private const string Layer = "global::CompiledNets.NetworkLayer";

        public static void Write(SourceWriter w, NetworkSpec spec, string contract)
        {
            string indent = SourceWriter.IndentUnit;
            var lines = new List<string>
            {
                $"private static readonly global::System.Collections.Generic.IReadOnlyList<{Layer}> {GeneratedMembers.LayersField} =",
                $"{indent}global::System.Array.AsReadOnly(new {Layer}[]",
                indent + "{",
            };
            int column = (w.Indentation + 2) * indent.Length;
            foreach (LayerSpec layer in spec.Layers)
            {
                foreach (string line in Call(column, Layer + "." + Factory(layer), Arguments(layer)))
                    lines.Add(indent + indent + line);
            }

            lines.Add(indent + "});");
            lines.Add("");
            w.WriteLine("// The layers as the runtime reads them: for weights export and import and ONNX export.");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.WriteLine(string.Join("\n", lines));
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.WriteLine($"static global::System.Collections.Generic.IReadOnlyList<{Layer}>");
            w.WriteLine($"{indent}{contract}.Layers => {GeneratedMembers.LayersField};");
        }

        /// <summary>"callee(a, b)," on one line, or with the arguments filling that line and the lines after it.</summary>
        private static List<string> Call(int column, string callee, IReadOnlyList<string> arguments)
        {
            var lines = new List<string>();
            string line = callee + "(";
            int room = SourceWriter.MaxLineLength - column;
            for (int i = 0; i < arguments.Count; i++)
            {
                string argument = arguments[i] + (i < arguments.Count - 1 ? "," : "),");
                bool opening = line.EndsWith("(", System.StringComparison.Ordinal);
                if (!opening && line.Length + 1 + argument.Length > room)
                {
                    lines.Add(line);
                    line = SourceWriter.IndentUnit;
                    opening = true;
                }

                line += (opening ? "" : " ") + argument;
            }

            lines.Add(line);
            return lines;
        }

        private static string Factory(LayerSpec layer) => layer switch
        {
            DenseLayerSpec => "Dense",
            Conv2DLayerSpec => "Conv2D",
            Pool2DLayerSpec => "Pool2D",
            FlattenLayerSpec => "Flatten",
            _ => throw new System.InvalidOperationException("No runtime description for layer kind " + layer.GetType().Name + "."),
        };

        private static IReadOnlyList<string> Arguments(LayerSpec layer)
        {
            string name = "\"" + layer.Name + "\"";
            switch (layer)
            {
                case DenseLayerSpec dense:
                    return new[]
                    {
                        name, "inputs: " + Int(dense.InputSize), "units: " + Int(dense.OutputSize), Activation(dense.Activation),
                        WeightsOffset(dense), BiasesOffset(dense),
                    };
                case Conv2DLayerSpec conv:
                    return new[]
                    {
                        name, "inputShape: " + Dimensions(conv.Input), "outputShape: " + Dimensions(conv.Output),
                        "kernelSize: " + Int(conv.Kernel), "stride: " + Int(conv.Stride), "padding: " + Int(conv.Padding),
                        Activation(conv.Activation), WeightsOffset(conv), BiasesOffset(conv),
                    };
                case Pool2DLayerSpec pool:
                    return new[]
                    {
                        "global::CompiledNets.LayerKind." + (pool.Kind == PoolKind.Max ? "MaxPool2D" : "AveragePool2D"), name,
                        "inputShape: " + Dimensions(pool.Input), "outputShape: " + Dimensions(pool.Output),
                        "size: " + Int(pool.Size), "stride: " + Int(pool.Stride),
                    };
                default:
                    return new[] { name, "inputShape: " + Dimensions(layer.Input) };
            }
        }

        private static string WeightsOffset(LayerSpec layer) => "weightsOffset: " + layer.ParameterBlocks[0].OffsetConstant;

        private static string BiasesOffset(LayerSpec layer)
            => "biasesOffset: " + (layer.ParameterBlocks.Count > 1 ? layer.ParameterBlocks[1].OffsetConstant : "-1");

        private static string Dimensions(Shape shape)
            => shape.IsImage
                ? $"new[] {{ {Int(shape.Channels)}, {Int(shape.Height)}, {Int(shape.Width)} }}"
                : $"new[] {{ {Int(shape.Size)} }}";

        private static string Activation(ActivationKind activation) => "global::CompiledNets.Activation." + activation;

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
