namespace CompiledNets;

/// <summary>How far a prediction p is from a target t, for one example of n outputs.</summary>
public enum Loss
{
    /// <summary>L = sum_k (p_k - t_k)^2; dL/dp_k = 2 (p_k - t_k).</summary>
    SquaredError = 0,

    /// <summary>
    /// L = 1/2 sum_k (p_k - t_k)^2; dL/dp_k = p_k - t_k: the "delta = pred - goal" of the from-scratch tutorials.
    /// </summary>
    HalfSquaredError = 1,

    /// <summary>L = 1/n sum_k (p_k - t_k)^2; dL/dp_k = 2 (p_k - t_k) / n.</summary>
    MeanSquaredError = 2,

    /// <summary>
    /// L = -sum_k t_k log p_k, for a <see cref="Activation.Softmax"/> output layer and targets that sum to 1.
    /// Computed from the logits as -sum_k t_k (z_k - max z - log sum_j exp(z_j - max z)), so it never takes log(0);
    /// softmax and loss together have the gradient dL/dz_k = p_k - t_k.
    /// </summary>
    CrossEntropy = 3,

    /// <summary>
    /// L = -sum_k [t_k log p_k + (1 - t_k) log(1 - p_k)], for <see cref="Activation.Sigmoid"/> outputs.
    /// Computed from the logits as sum_k [max(z_k, 0) - z_k t_k + log(1 + exp(-|z_k|))];
    /// sigmoid and loss together have the gradient dL/dz_k = p_k - t_k.
    /// </summary>
    BinaryCrossEntropy = 4,
}
