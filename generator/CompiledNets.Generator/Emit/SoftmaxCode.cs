namespace CompiledNets.Generator.Emit
{
    /// <summary>
    /// The softmax of a row of logits, shared by the per-example and the tile forward passes: one call into the
    /// runtime's VectorMath.Softmax beside its formula, which also returns the log-sum-exp the cross-entropy reads.
    /// </summary>
    internal static class SoftmaxCode
    {
        private const string Softmax = "global::CompiledNets.Numerics.VectorMath.Softmax";

        /// <summary>The formula comment for the softmax of <paramref name="z"/> into <paramref name="a"/>.</summary>
        public static void WriteFormula(SourceWriter w, string z, string a)
        {
            w.WriteLine($"// Softmax, shifted by the largest logit m so that exp never overflows: {a}[k] = exp({z}[k] - m) / sum_j exp({z}[j] - m).");
            w.WriteLine($"// It returns log sum_j exp({z}[j]) = m + log(sum_j exp({z}[j] - m)): the cross-entropy reads log p[k] = {z}[k] - this.");
        }

        /// <summary>Writes "target = VectorMath.Softmax(z, a);" (or "_ = ..." when nothing keeps the log-sum-exp).</summary>
        public static void Write(SourceWriter w, ScalarSyntax s, string z, string a, string? logSumExpTarget)
            => w.WriteCall($"{logSumExpTarget ?? "_"} = {Softmax}<{s.Type}>", z, a);
    }
}
