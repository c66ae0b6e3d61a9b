using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit
{
    /// <summary>The loss formulas as comments, and the pieces of loss code the per-example and tile passes share.</summary>
    internal static class LossFormulas
    {
        public static string Describe(LossKind loss) => loss switch
        {
            LossKind.SquaredError => "SquaredError, L = sum_k (p[k] - t[k])^2",
            LossKind.HalfSquaredError => "HalfSquaredError, L = 1/2 sum_k (p[k] - t[k])^2",
            LossKind.MeanSquaredError => "MeanSquaredError, L = 1/n sum_k (p[k] - t[k])^2",
            LossKind.CrossEntropy => "CrossEntropy, L = -sum_k t[k] log p[k] (p = softmax(z))",
            _ => "BinaryCrossEntropy, L = -sum_k (t[k] log p[k] + (1 - t[k]) log(1 - p[k])) (p = sigmoid(z))",
        };

        /// <summary>dL/dp as a comment.</summary>
        public static string GradientFormula(LossKind loss) => loss switch
        {
            LossKind.SquaredError => "dL/dp[k] = 2 (p[k] - t[k])",
            LossKind.HalfSquaredError => "dL/dp[k] = p[k] - t[k]",
            LossKind.MeanSquaredError => "dL/dp[k] = 2 (p[k] - t[k]) / n",
            _ => "dL/dz[k] = p[k] - t[k] (the activation's derivative cancels against the loss's)",
        };

        /// <summary>
        /// Code for dL/dp[k] from the code of the error p[k] - t[k] (squared-error losses; the logit losses fuse
        /// their gradient with the activation's and use the error itself).
        /// </summary>
        public static string OutputGradient(LossKind loss, string error, string outputCount, ScalarSyntax s) => loss switch
        {
            LossKind.SquaredError => $"{s.Literal(2)} * ({error})",
            LossKind.MeanSquaredError => $"{s.Literal(2)} * ({error}) / {outputCount}",
            _ => error,
        };

        /// <summary>The loss from the summed per-output terms in <paramref name="sum"/>: halved, averaged or as it is.</summary>
        public static string FromSum(LossKind loss, string sum, string outputCount, ScalarSyntax s) => loss switch
        {
            LossKind.HalfSquaredError => $"{s.Literal(0.5)} * {sum}",
            LossKind.MeanSquaredError => $"{sum} / {outputCount}",
            _ => sum,
        };

        /// <summary>
        /// Adds one output's loss term to the local <c>loss</c>, with a comment on the math: the one loss code that
        /// LossOfForwardPass (one example) and TileLosses (a tile's examples) share. The arguments are code for one output's
        /// target, logit and prediction (<c>t[k]</c>, <c>z2[k]</c>, <c>a2[k]</c>) and for log sum_j exp(z[j]).
        /// </summary>
        public static void WriteTerm(SourceWriter w, LossKind loss, ScalarSyntax s, string target, string logit, string prediction, string logSumExp)
        {
            switch (loss)
            {
                case LossKind.CrossEntropy:
                    w.WriteLine("// log p[k] = z[k] - log sum_j exp(z[j]): finite for any finite logits, so no log(0).");
                    w.WriteLine($"loss -= {target} * ({logit} - {logSumExp});");
                    break;
                case LossKind.BinaryCrossEntropy:
                    w.WriteLine("// -(t log p + (1 - t) log(1 - p)) with p = sigmoid(z), rewritten so that exp never overflows:");
                    w.WriteLine("// max(z, 0) - z t + log(1 + exp(-|z|)).");
                    w.WriteLine($"{s.Type} logit = {logit};");
                    WriteBinaryCrossEntropyTerm(w, s, "logit", target);
                    break;
                default:
                    w.WriteLine($"{s.Type} error = {prediction} - {target};");
                    w.WriteLine("loss += error * error;");
                    break;
            }
        }

        /// <summary>
        /// Adds one output's binary cross-entropy to the local loss, from its logit (a simple name): max(z, 0) - z t +
        /// log(1 + exp(-|z|)), which is -(t log p + (1 - t) log(1 - p)) with p = sigmoid(z) rewritten so exp never overflows.
        /// </summary>
        private static void WriteBinaryCrossEntropyTerm(SourceWriter w, ScalarSyntax s, string logit, string target)
        {
            w.WriteLine($"loss += {s.Math}.Max({logit}, {s.Zero}) - {logit} * {target}");
            w.WriteLine($"    + {s.Math}.Log({s.One} + {s.Math}.Exp(-{s.Math}.Abs({logit})));");
        }
    }
}
