using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit
{
    /// <summary>
    /// Applies an activation to a whole buffer: destination[k] = f(source[k]) for k below a count. In float
    /// networks, tanh and sigmoid run eight values at a time through Vector256.Exp (a scalar tanh or exp call per
    /// value costs as much as a layer's multiply-adds); double networks, which exist for exact checks, keep the
    /// library functions.
    /// </summary>
    internal static class ActivationLoops
    {
        private const string V = ScalarSyntax.Vector;

        /// <summary>Whether <see cref="Write"/> runs this activation through vectors (float tanh and sigmoid).</summary>
        public static bool IsVectorized(ScalarSyntax s, ActivationKind activation)
            => !s.IsDouble && (activation == ActivationKind.Tanh || activation == ActivationKind.Sigmoid);

        public static void Write(SourceWriter w, ScalarSyntax s, ActivationKind activation, string source, string destination, string count)
        {
            bool vectorized = IsVectorized(s, activation);
            if (!vectorized)
            {
                w.OpenBlock($"for (int k = 0; k < {count}; k++)");
                w.WriteLine($"{destination}[k] = {ActivationMath.Apply(activation, source + "[k]", s)};");
                w.CloseBlock();
                return;
            }

            w.OpenBlock();
            w.WriteLine(activation == ActivationKind.Tanh
                ? "// tanh, eight at a time: tanh(z) = sign(z) * (1 - e) / (1 + e) with e = exp(-2|z|), which never overflows."
                : "// sigmoid, eight at a time: 1 / (1 + exp(-z)); exp(-z) = infinity for very negative z gives exactly 0.");
            w.WriteLine("int k = 0;");
            w.OpenBlock($"if ({ScalarSyntax.SimdEnabled})");
            w.WriteLine($"ref {s.Type} sourceValues = ref {source}[0];");
            w.WriteLine($"ref {s.Type} destinationValues = ref {destination}[0];");
            w.OpenBlock($"for (; k <= {count} - {s.Lanes}; k += {s.Lanes})");
            w.WriteLine($"{s.VectorType} weightedSums = {V}.LoadUnsafe(ref sourceValues, (nuint)k);");
            if (activation == ActivationKind.Tanh)
            {
                w.WriteLine($"{s.VectorType} e = {V}.Exp({V}.Create({s.Literal(-2)}) * {V}.Abs(weightedSums));");
                w.WriteLine($"{V}.StoreUnsafe({V}.CopySign(({s.VectorType}.One - e) / ({s.VectorType}.One + e), weightedSums), ref destinationValues, (nuint)k);");
            }
            else
            {
                w.WriteLine($"{V}.StoreUnsafe({s.VectorType}.One / ({s.VectorType}.One + {V}.Exp(-weightedSums)), ref destinationValues, (nuint)k);");
            }

            w.CloseBlock();
            w.CloseBlock();
            w.OpenBlock($"for (; k < {count}; k++)");
            w.WriteLine($"{destination}[k] = {ActivationMath.Apply(activation, source + "[k]", s)};");
            w.CloseBlock();
            w.CloseBlock();
        }
    }
}
