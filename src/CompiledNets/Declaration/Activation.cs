namespace CompiledNets;

/// <summary>The function a layer applies to each weighted sum z to produce its output a.</summary>
/// <remarks>Every derivative is written in terms of the output a, so backpropagation needs no stored z.</remarks>
public enum Activation
{
    /// <summary>a = z; da/dz = 1.</summary>
    Linear = 0,

    /// <summary>a = 1 / (1 + exp(-z)); da/dz = a * (1 - a).</summary>
    Sigmoid = 1,

    /// <summary>a = tanh(z); da/dz = 1 - a^2.</summary>
    Tanh = 2,

    /// <summary>a = max(z, 0); da/dz = 1 if a &gt; 0, else 0.</summary>
    Relu = 3,

    /// <summary>a = z if z &gt; 0, else 0.01 * z; da/dz = 1 if a &gt; 0, else 0.01.</summary>
    LeakyRelu = 4,

    /// <summary>
    /// a_k = exp(z_k - max z) / sum_j exp(z_j - max z): outputs are positive and sum to 1.
    /// Only valid on the output layer together with <see cref="Loss.CrossEntropy"/>.
    /// </summary>
    Softmax = 5,
}
