namespace CompiledNets;

/// <summary>
/// A fully connected layer: z = W * a_prev + b, a = activation(z), with W of shape [units, inputs].
/// Layers apply in the order they are written.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : Attribute
{
    /// <summary>Declares a dense layer of <paramref name="units"/> outputs.</summary>
    public DenseAttribute(int units, Activation activation = Activation.Linear)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>The number of outputs (neurons) of the layer.</summary>
    public int Units { get; }

    /// <summary>The activation applied to each weighted sum.</summary>
    public Activation Activation { get; }

    /// <summary>Whether the layer adds a bias b. Default true; the from-scratch tutorials' networks have none.</summary>
    public bool Bias { get; set; } = true;

    /// <summary>
    /// The name of the layer's generated members (<c>{Name}Weights</c>, <c>{Name}Biases</c>, ...).
    /// Default: <c>Layer1</c>, <c>Layer2</c>, ... by position.
    /// </summary>
    public string? Name { get; set; }
}
