using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit
{
    /// <summary>
    /// The three matrix-matrix products of a tile of examples (rows e of the tile buffers), emitted with the
    /// layer's constant sizes: forward sums, deltas passed back, and the weight gradient. Each has a Vector256
    /// path, register-blocked, and a scalar path with the same math.
    /// Expects ref locals weights, inputs (row stride: layer inputs), and sums / deltas / previousDeltas /
    /// weightGradient, and an int count of examples in the tile.
    /// </summary>
    internal static class TileKernels
    {
        private const string V = ScalarSyntax.Vector;
        private const string U = ScalarSyntax.Unsafe;
        private const int Neurons = 4;
        private const int Examples = 3;

        private static string Load(string reference, string offset) => $"{V}.LoadUnsafe(ref {reference}, (nuint)({offset}))";

        private static string At(string reference, string offset) => $"{U}.Add(ref {reference}, {offset})";

        /// <summary>sums[e, j] = bias[j] + sum_i W[j, i] * inputs[e, i].</summary>
        public static void MatrixTimesMatrix(SourceWriter w, LayerSpec layer, ScalarSyntax s, string? bias)
        {
            string c = GeneratedMembers.Inputs(layer);
            string r = GeneratedMembers.Outputs(layer);
            int lanes = s.Lanes;
            int vectorEnd = layer.InputSize / lanes * lanes;
            string Bias(string j) => bias is null ? "" : $"{bias}[{j}] + ";

            w.OpenBlock($"if ({ScalarSyntax.SimdEnabled})");
            w.WriteLine("int j = 0;");
            w.OpenBlock($"for (; j <= {r} - {Neurons}; j += {Neurons})");
            w.WriteLine("int e = 0;");
            w.OpenBlock($"for (; e <= count - {Examples}; e += {Examples})");
            for (int n = 0; n < Neurons; n++)
                w.WriteLine($"{s.VectorType} " + string.Join(", ", Range(Examples, q => $"sum{n}{q} = {s.VectorType}.Zero")) + ";");
            if (vectorEnd > 0)
            {
                w.OpenBlock($"for (int i = 0; i <= {c} - {lanes}; i += {lanes})");
                for (int q = 0; q < Examples; q++)
                    w.WriteLine($"{s.VectorType} input{q} = {Load("inputs", $"(e + {q}) * {c} + i")};");
                for (int n = 0; n < Neurons; n++)
                {
                    w.WriteLine($"{s.VectorType} weight{n} = {Load("weights", $"(j + {n}) * {c} + i")};");
                    w.WriteLine(string.Join(" ", Range(Examples, q => $"sum{n}{q} = {V}.FusedMultiplyAdd(weight{n}, input{q}, sum{n}{q});")));
                }

                w.CloseBlock();
            }

            for (int n = 0; n < Neurons; n++)
            {
                for (int q = 0; q < Examples; q++)
                {
                    string dot = vectorEnd < layer.InputSize
                        ? $"{V}.Sum(sum{n}{q}) + {TailDot(s, layer, vectorEnd, $"(j + {n}) * {c}", $"(e + {q}) * {c}")}"
                        : $"{V}.Sum(sum{n}{q})";
                    w.WriteLine($"{At("sums", $"(e + {q}) * {r} + j + {n}")} = {Bias($"j + {n}")}{dot};");
                }
            }

            w.CloseBlock();
            w.OpenBlock("for (; e < count; e++)");
            WriteSingleDots(w, layer, s, "j", Neurons, Bias);
            w.CloseBlock();
            w.CloseBlock();
            w.OpenBlock($"for (; j < {r}; j++)");
            w.OpenBlock("for (int e = 0; e < count; e++)");
            WriteSingleDots(w, layer, s, "j", 1, Bias);
            w.CloseBlock();
            w.CloseBlock();
            w.CloseBlock();
            w.OpenBlock("else");
            w.OpenBlock("for (int e = 0; e < count; e++)");
            w.OpenBlock($"for (int j = 0; j < {r}; j++)");
            w.WriteLine($"{s.Type} sum = {(bias is null ? s.Zero : bias + "[j]")};");
            w.OpenBlock($"for (int i = 0; i < {c}; i++)");
            w.WriteLine($"sum += {At("weights", $"j * {c} + i")} * {At("inputs", $"e * {c} + i")};");
            w.CloseBlock();
            w.WriteLine($"{At("sums", $"e * {r} + j")} = sum;");
            w.CloseBlock();
            w.CloseBlock();
            w.CloseBlock();
        }

        /// <summary>One example against <paramref name="neurons"/> rows starting at row <paramref name="row"/>.</summary>
        private static void WriteSingleDots(SourceWriter w, LayerSpec layer, ScalarSyntax s, string row, int neurons, System.Func<string, string> bias)
        {
            string c = GeneratedMembers.Inputs(layer);
            string r = GeneratedMembers.Outputs(layer);
            int lanes = s.Lanes;
            int vectorEnd = layer.InputSize / lanes * lanes;
            w.WriteLine($"{s.VectorType} " + string.Join(", ", Range(neurons, n => $"sum{n} = {s.VectorType}.Zero")) + ";");
            if (vectorEnd > 0)
            {
                w.OpenBlock($"for (int i = 0; i <= {c} - {lanes}; i += {lanes})");
                w.WriteLine($"{s.VectorType} input = {Load("inputs", $"e * {c} + i")};");
                for (int n = 0; n < neurons; n++)
                    w.WriteLine($"sum{n} = {V}.FusedMultiplyAdd({Load("weights", $"({row} + {n}) * {c} + i")}, input, sum{n});");
                w.CloseBlock();
            }

            for (int n = 0; n < neurons; n++)
            {
                string dot = vectorEnd < layer.InputSize
                    ? $"{V}.Sum(sum{n}) + {TailDot(s, layer, vectorEnd, $"({row} + {n}) * {c}", $"e * {c}")}"
                    : $"{V}.Sum(sum{n})";
                w.WriteLine($"{At("sums", $"e * {r} + {row} + {n}")} = {bias($"{row} + {n}")}{dot};");
            }
        }

        /// <summary>The scalar rest of a dot product past the last whole vector, as one expression.</summary>
        private static string TailDot(ScalarSyntax s, LayerSpec layer, int from, string weightRow, string inputRow)
        {
            var terms = new System.Collections.Generic.List<string>();
            for (int i = from; i < layer.InputSize; i++)
                terms.Add($"{At("weights", $"{weightRow} + {i}")} * {At("inputs", $"{inputRow} + {i}")}");
            return "(" + string.Join(" + ", terms) + ")";
        }

        /// <summary>previousDeltas[e, i] = sum_j W[j, i] * deltas[e, j] (the derivative is applied by the caller).</summary>
        public static void TransposedTimesDeltas(SourceWriter w, LayerSpec layer, ScalarSyntax s)
        {
            string c = GeneratedMembers.Inputs(layer);
            string r = GeneratedMembers.Outputs(layer);
            int lanes = s.Lanes;
            int vectorEnd = layer.InputSize / lanes * lanes;
            const int examples = 4;

            w.OpenBlock($"if ({ScalarSyntax.SimdEnabled})");
            w.WriteLine("// Four examples per pass share each loaded weight vector; their sums stay in registers over all j.");
            w.WriteLine("int e = 0;");
            w.OpenBlock($"for (; e <= count - {examples}; e += {examples})");
            if (vectorEnd > 0)
            {
                w.OpenBlock($"for (int i = 0; i <= {c} - {lanes}; i += {lanes})");
                w.WriteLine($"{s.VectorType} " + string.Join(", ", Range(examples, q => $"sum{q} = {s.VectorType}.Zero")) + ";");
                w.OpenBlock($"for (int j = 0; j < {r}; j++)");
                w.WriteLine($"{s.VectorType} weight = {Load("weights", $"j * {c} + i")};");
                for (int q = 0; q < examples; q++)
                    w.WriteLine($"sum{q} = {V}.FusedMultiplyAdd(weight, {V}.Create({At("deltas", $"(e + {q}) * {r} + j")}), sum{q});");
                w.CloseBlock();
                for (int q = 0; q < examples; q++)
                    w.WriteLine($"{V}.StoreUnsafe(sum{q}, ref previousDeltas, (nuint)((e + {q}) * {c} + i));");
                w.CloseBlock();
            }

            if (vectorEnd < layer.InputSize)
            {
                w.OpenBlock($"for (int q = 0; q < {examples}; q++)");
                WriteScalarTransposed(w, layer, s, "e + q", $"{c} / {lanes} * {lanes}");
                w.CloseBlock();
            }

            w.CloseBlock();
            w.OpenBlock("for (; e < count; e++)");
            WriteScalarTransposed(w, layer, s, "e", "0");
            w.CloseBlock();
            w.CloseBlock();
            w.OpenBlock("else");
            w.OpenBlock("for (int e = 0; e < count; e++)");
            WriteScalarTransposed(w, layer, s, "e", "0");
            w.CloseBlock();
            w.CloseBlock();
        }

        private static void WriteScalarTransposed(SourceWriter w, LayerSpec layer, ScalarSyntax s, string example, string from)
        {
            string c = GeneratedMembers.Inputs(layer);
            string r = GeneratedMembers.Outputs(layer);
            w.OpenBlock($"for (int i = {from}; i < {c}; i++)");
            w.WriteLine($"{s.Type} sum = {s.Zero};");
            w.OpenBlock($"for (int j = 0; j < {r}; j++)");
            w.WriteLine($"sum += {At("weights", $"j * {c} + i")} * {At("deltas", $"({example}) * {r} + j")};");
            w.CloseBlock();
            w.WriteLine($"{At("previousDeltas", $"({example}) * {c} + i")} = sum;");
            w.CloseBlock();
        }

        /// <summary>weightGradient[j, i] += sum_e deltas[e, j] * inputs[e, i].</summary>
        public static void DeltasTimesInputs(SourceWriter w, LayerSpec layer, ScalarSyntax s)
        {
            string c = GeneratedMembers.Inputs(layer);
            string r = GeneratedMembers.Outputs(layer);
            int lanes = s.Lanes;
            int vectorEnd = layer.InputSize / lanes * lanes;

            w.OpenBlock($"if ({ScalarSyntax.SimdEnabled})");
            w.WriteLine("// Four neurons per pass: each loaded input vector serves four rows of the gradient, summed over the tile in registers.");
            w.WriteLine("int j = 0;");
            w.OpenBlock($"for (; j <= {r} - {Neurons}; j += {Neurons})");
            if (vectorEnd > 0)
            {
                w.OpenBlock($"for (int i = 0; i <= {c} - {lanes}; i += {lanes})");
                w.WriteLine($"{s.VectorType} " + string.Join(", ", Range(Neurons, n => $"sum{n} = {s.VectorType}.Zero")) + ";");
                w.OpenBlock("for (int e = 0; e < count; e++)");
                w.WriteLine($"{s.VectorType} input = {Load("inputs", $"e * {c} + i")};");
                for (int n = 0; n < Neurons; n++)
                    w.WriteLine($"sum{n} = {V}.FusedMultiplyAdd({V}.Create({At("deltas", $"e * {r} + j + {n}")}), input, sum{n});");
                w.CloseBlock();
                for (int n = 0; n < Neurons; n++)
                {
                    string k = $"(j + {n}) * {c} + i";
                    w.WriteLine($"{V}.StoreUnsafe({Load("weightGradient", k)} + sum{n}, ref weightGradient, (nuint)({k}));");
                }

                w.CloseBlock();
            }

            if (vectorEnd < layer.InputSize)
            {
                w.OpenBlock($"for (int n = 0; n < {Neurons}; n++)");
                WriteScalarGradientRow(w, layer, s, "j + n", $"{c} / {lanes} * {lanes}");
                w.CloseBlock();
            }

            w.CloseBlock();
            w.OpenBlock($"for (; j < {r}; j++)");
            WriteScalarGradientRow(w, layer, s, "j", "0");
            w.CloseBlock();
            w.CloseBlock();
            w.OpenBlock("else");
            w.OpenBlock($"for (int j = 0; j < {r}; j++)");
            WriteScalarGradientRow(w, layer, s, "j", "0");
            w.CloseBlock();
            w.CloseBlock();
        }

        private static void WriteScalarGradientRow(SourceWriter w, LayerSpec layer, ScalarSyntax s, string row, string from)
        {
            string c = GeneratedMembers.Inputs(layer);
            string r = GeneratedMembers.Outputs(layer);
            w.OpenBlock($"for (int i = {from}; i < {c}; i++)");
            w.WriteLine($"{s.Type} sum = {s.Zero};");
            w.OpenBlock("for (int e = 0; e < count; e++)");
            w.WriteLine($"sum += {At("deltas", $"e * {r} + {row}")} * {At("inputs", $"e * {c} + i")};");
            w.CloseBlock();
            w.WriteLine($"{At("weightGradient", $"({row}) * {c} + i")} += sum;");
            w.CloseBlock();
        }

        private static System.Collections.Generic.IEnumerable<string> Range(int count, System.Func<int, string> item)
        {
            for (int k = 0; k < count; k++)
                yield return item(k);
        }
    }
}
