using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit
{
    /// <summary>The loss formulas as comments, and the code of the loss and of its output deltas.</summary>
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
    }
}
