namespace CompiledNets.Generator.Emit
{
    /// <summary>
    /// The softmax of one row of logits, shared by the per-example and the tile forward passes:
    /// a[k] = exp(z[k] - m) / sum_j exp(z[j] - m) with m the largest logit, so exp never overflows.
    /// </summary>
    internal static class SoftmaxCode
    {
        /// <summary>
        /// Writes the softmax of z[row + k] into a[row + k] for k below <paramref name="outputs"/>, leaving
        /// locals max and sumOfExponentials for log sum_k exp(z[k]) = max + log(sumOfExponentials).
        /// </summary>
        /// <param name="row">Prefix of every index, e.g. "" or "row + ".</param>
        public static void Write(SourceWriter w, ScalarSyntax s, string z, string a, string outputs, string row)
        {
            w.WriteLine($"{s.Type} max = {z}[{row}0];");
            w.OpenBlock($"for (int k = 1; k < {outputs}; k++)");
            w.WriteLine($"max = {s.Math}.Max(max, {z}[{row}k]);");
            w.CloseBlock();
            w.WriteLine($"{s.Type} sumOfExponentials = {s.Zero};");
            w.OpenBlock($"for (int k = 0; k < {outputs}; k++)");
            w.WriteLine($"{a}[{row}k] = {s.Math}.Exp({z}[{row}k] - max);");
            w.WriteLine($"sumOfExponentials += {a}[{row}k];");
            w.CloseBlock();
            w.OpenBlock($"for (int k = 0; k < {outputs}; k++)");
            w.WriteLine($"{a}[{row}k] /= sumOfExponentials;");
            w.CloseBlock();
        }
    }
}
