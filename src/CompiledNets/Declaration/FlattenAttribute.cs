namespace CompiledNets;

/// <summary>
/// Reads an image of channels x height x width values as one vector of channels * height * width values, in the same
/// order (channel, then row, then column: PyTorch's flatten), so Dense layers can follow convolution and pooling.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : Attribute
{
    /// <summary>The name of the layer's generated members. Default: <c>Layer1</c>, <c>Layer2</c>, ... by position.</summary>
    public string? Name { get; set; }
}
