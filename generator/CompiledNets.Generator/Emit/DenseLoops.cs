using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit
{
    /// <summary>
    /// Code for layers above the unroll limit: loops whose bounds are the layer's constants, a Vector256 path
    /// (fused multiply-add, four rows per pass so each load of the input is used four times) and a scalar path
    /// with the same math for machines without SIMD. The scalar path doubles as the plain reading of the math.
    /// </summary>
    internal static class DenseLoops
    {
        private const int RowsPerPass = 4;
        private const string V = ScalarSyntax.Vector;

        /// <summary>out[j] = b[j] + sum_i W[j, i] * in[i], for every row j.</summary>
        public static void MatrixTimesVector(SourceWriter w, NetworkSpec spec, LayerSpec layer, ScalarSyntax s, string output)
        {
            string inputs = GeneratedMembers.Inputs(layer);
            string outputs = GeneratedMembers.Outputs(layer);
            string bias = layer.HasBias ? LayerNames.B(layer) + "[j + {0}] + " : "";
            int lanes = s.Lanes;
            int fullRows = layer.OutputSize / RowsPerPass * RowsPerPass;
            int vectorEnd = layer.InputSize / lanes * lanes;

            w.OpenBlock($"if ({ScalarSyntax.SimdEnabled})");
            w.WriteLine($"ref {s.Type} weights = ref {LayerNames.W(layer)}[0];");
            w.WriteLine($"ref {s.Type} inputValues = ref {LayerNames.InRef(spec, layer)};");
            if (fullRows > 0)
            {
                w.OpenBlock($"for (int j = 0; j <= {outputs} - {RowsPerPass}; j += {RowsPerPass})");
                w.WriteLine($"{s.VectorType} sum0 = {s.VectorType}.Zero, sum1 = {s.VectorType}.Zero, sum2 = {s.VectorType}.Zero, sum3 = {s.VectorType}.Zero;");
                if (vectorEnd > 0)
                {
                    w.OpenBlock($"for (int i = 0; i <= {inputs} - {lanes}; i += {lanes})");
                    w.WriteLine($"{s.VectorType} inputVector = {V}.LoadUnsafe(ref inputValues, (nuint)i);");
                    for (int r = 0; r < RowsPerPass; r++)
                        w.WriteLine($"sum{r} = {V}.FusedMultiplyAdd({V}.LoadUnsafe(ref weights, (nuint)((j + {r}) * {inputs} + i)), inputVector, sum{r});");
                    w.CloseBlock();
                }

                for (int r = 0; r < RowsPerPass; r++)
                    w.WriteLine($"{s.Type} dot{r} = {V}.Sum(sum{r});");
                if (vectorEnd < layer.InputSize)
                {
                    w.OpenBlock($"for (int i = {inputs} / {lanes} * {lanes}; i < {inputs}; i++)");
                    w.WriteLine($"{s.Type} inputValue = {ScalarSyntax.Unsafe}.Add(ref inputValues, i);");
                    for (int r = 0; r < RowsPerPass; r++)
                        w.WriteLine($"dot{r} += {ScalarSyntax.Unsafe}.Add(ref weights, (j + {r}) * {inputs} + i) * inputValue;");
                    w.CloseBlock();
                }

                for (int r = 0; r < RowsPerPass; r++)
                    w.WriteLine($"{output}[j + {r}] = {string.Format(bias, r)}dot{r};");
                w.CloseBlock();
            }

            if (fullRows < layer.OutputSize)
            {
                w.OpenBlock($"for (int j = {outputs} / {RowsPerPass} * {RowsPerPass}; j < {outputs}; j++)");
                w.WriteLine($"{s.VectorType} sum = {s.VectorType}.Zero;");
                if (vectorEnd > 0)
                {
                    w.OpenBlock($"for (int i = 0; i <= {inputs} - {lanes}; i += {lanes})");
                    w.WriteLine($"sum = {V}.FusedMultiplyAdd({V}.LoadUnsafe(ref weights, (nuint)(j * {inputs} + i)), {V}.LoadUnsafe(ref inputValues, (nuint)i), sum);");
                    w.CloseBlock();
                }

                w.WriteLine($"{s.Type} dot = {V}.Sum(sum);");
                if (vectorEnd < layer.InputSize)
                {
                    w.OpenBlock($"for (int i = {inputs} / {lanes} * {lanes}; i < {inputs}; i++)");
                    w.WriteLine($"dot += {ScalarSyntax.Unsafe}.Add(ref weights, j * {inputs} + i) * {ScalarSyntax.Unsafe}.Add(ref inputValues, i);");
                    w.CloseBlock();
                }

                w.WriteLine($"{output}[j] = {string.Format(bias, 0).Replace("j + 0", "j")}dot;");
                w.CloseBlock();
            }

            w.CloseBlock();
            w.OpenBlock("else");
            w.OpenBlock($"for (int j = 0; j < {outputs}; j++)");
            w.WriteLine($"{s.Type} sum = {(layer.HasBias ? LayerNames.B(layer) + "[j]" : s.Zero)};");
            w.OpenBlock($"for (int i = 0; i < {inputs}; i++)");
            w.WriteLine($"sum += {LayerNames.W(layer)}[j * {inputs} + i] * {LayerNames.In(spec, layer)}[i];");
            w.CloseBlock();
            w.WriteLine($"{output}[j] = sum;");
            w.CloseBlock();
            w.CloseBlock();
        }

        /// <summary>
        /// dPrev[i] = sum_j W[j, i] * d[j] (W transposed times d), accumulated row by row so W is read in memory
        /// order; the caller multiplies by the previous layer's derivative afterwards.
        /// </summary>
        public static void TransposedTimesDeltas(SourceWriter w, LayerSpec layer, LayerSpec previous, ScalarSyntax s)
        {
            string inputs = GeneratedMembers.Inputs(layer);
            string outputs = GeneratedMembers.Outputs(layer);
            string d = LayerNames.D(layer);
            string dPrev = LayerNames.D(previous);
            int lanes = s.Lanes;
            int vectorEnd = layer.InputSize / lanes * lanes;

            w.WriteLine($"(({s.Span}){dPrev}).Clear();");
            w.OpenBlock($"if ({ScalarSyntax.SimdEnabled})");
            w.WriteLine($"ref {s.Type} weights = ref {LayerNames.W(layer)}[0];");
            w.WriteLine($"ref {s.Type} sums = ref {dPrev}[0];");
            w.OpenBlock($"for (int j = 0; j < {outputs}; j++)");
            w.WriteLine($"{s.VectorType} delta = {V}.Create({d}[j]);");
            if (vectorEnd > 0)
            {
                w.OpenBlock($"for (int i = 0; i <= {inputs} - {lanes}; i += {lanes})");
                w.WriteLine($"{s.VectorType} sum = {V}.FusedMultiplyAdd({V}.LoadUnsafe(ref weights, (nuint)(j * {inputs} + i)), delta, {V}.LoadUnsafe(ref sums, (nuint)i));");
                w.WriteLine($"{V}.StoreUnsafe(sum, ref sums, (nuint)i);");
                w.CloseBlock();
            }

            if (vectorEnd < layer.InputSize)
            {
                w.OpenBlock($"for (int i = {inputs} / {lanes} * {lanes}; i < {inputs}; i++)");
                w.WriteLine($"{ScalarSyntax.Unsafe}.Add(ref sums, i) += {ScalarSyntax.Unsafe}.Add(ref weights, j * {inputs} + i) * {d}[j];");
                w.CloseBlock();
            }

            w.CloseBlock();
            w.CloseBlock();
            w.OpenBlock("else");
            w.OpenBlock($"for (int j = 0; j < {outputs}; j++)");
            w.OpenBlock($"for (int i = 0; i < {inputs}; i++)");
            w.WriteLine($"{dPrev}[i] += {LayerNames.W(layer)}[j * {inputs} + i] * {d}[j];");
            w.CloseBlock();
            w.CloseBlock();
            w.CloseBlock();
        }

        /// <summary>
        /// Gradient mode: gradient[W[j, i]] += d[j] * in[i]. Update mode: W[j, i] -= learningRate * (d[j] * in[i]).
        /// Both round d[j] * in[i] first, so a fused TrainStep equals Backpropagate + ApplyGradient bit for bit.
        /// </summary>
        public static void OuterProduct(SourceWriter w, NetworkSpec spec, LayerSpec layer, ScalarSyntax s, bool update)
        {
            string inputs = GeneratedMembers.Inputs(layer);
            string outputs = GeneratedMembers.Outputs(layer);
            string d = LayerNames.D(layer);
            string input = LayerNames.In(spec, layer);
            int lanes = s.Lanes;
            int vectorEnd = layer.InputSize / lanes * lanes;
            string offset = update ? "" : GeneratedMembers.WeightsOffset(layer) + " + ";

            w.OpenBlock($"if ({ScalarSyntax.SimdEnabled})");
            w.WriteLine(update
                ? $"ref {s.Type} destination = ref {LayerNames.W(layer)}[0];"
                : $"ref {s.Type} destination = ref {ScalarSyntax.MemoryMarshal}.GetReference(gradient);");
            w.WriteLine($"ref {s.Type} inputValues = ref {LayerNames.InRef(spec, layer)};");
            if (update)
                w.WriteLine($"{s.VectorType} rate = {V}.Create(learningRate);");
            w.OpenBlock($"for (int j = 0; j < {outputs}; j++)");
            w.WriteLine($"{s.VectorType} delta = {V}.Create({d}[j]);");
            if (vectorEnd > 0)
            {
                w.OpenBlock($"for (int i = 0; i <= {inputs} - {lanes}; i += {lanes})");
                w.WriteLine($"nuint k = (nuint)({offset}j * {inputs} + i);");
                w.WriteLine($"{s.VectorType} product = delta * {V}.LoadUnsafe(ref inputValues, (nuint)i);");
                w.WriteLine(update
                    ? $"{V}.StoreUnsafe({V}.LoadUnsafe(ref destination, k) - rate * product, ref destination, k);"
                    : $"{V}.StoreUnsafe({V}.LoadUnsafe(ref destination, k) + product, ref destination, k);");
                w.CloseBlock();
            }

            if (vectorEnd < layer.InputSize)
            {
                w.OpenBlock($"for (int i = {inputs} / {lanes} * {lanes}; i < {inputs}; i++)");
                w.WriteLine(update
                    ? $"{ScalarSyntax.Unsafe}.Add(ref destination, j * {inputs} + i) -= learningRate * ({d}[j] * {ScalarSyntax.Unsafe}.Add(ref inputValues, i));"
                    : $"{ScalarSyntax.Unsafe}.Add(ref destination, {offset}j * {inputs} + i) += {d}[j] * {ScalarSyntax.Unsafe}.Add(ref inputValues, i);");
                w.CloseBlock();
            }

            w.CloseBlock();
            w.CloseBlock();
            w.OpenBlock("else");
            w.OpenBlock($"for (int j = 0; j < {outputs}; j++)");
            w.OpenBlock($"for (int i = 0; i < {inputs}; i++)");
            w.WriteLine(update
                ? $"{LayerNames.W(layer)}[j * {inputs} + i] -= learningRate * ({d}[j] * {input}[i]);"
                : $"gradient[{offset}j * {inputs} + i] += {d}[j] * {input}[i];");
            w.CloseBlock();
            w.CloseBlock();
            w.CloseBlock();

            if (layer.HasBias)
            {
                w.OpenBlock($"for (int j = 0; j < {outputs}; j++)");
                w.WriteLine(update
                    ? $"{LayerNames.B(layer)}[j] -= learningRate * {d}[j];"
                    : $"gradient[{GeneratedMembers.BiasesOffset(layer)} + j] += {d}[j];");
                w.CloseBlock();
            }
        }
    }
}
