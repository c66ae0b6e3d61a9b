namespace CompiledNets;

/// <summary>Declares the number of inputs of a <see cref="NetworkAttribute">network</see>; comes before the layers.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>Declares a network input of <paramref name="size"/> values.</summary>
    public InputAttribute(int size) => Size = size;

    /// <summary>The number of input values.</summary>
    public int Size { get; }
}
