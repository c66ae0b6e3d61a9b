namespace CompiledNets;

/// <summary>What a <see cref="NetworkLayer"/> computes.</summary>
public enum LayerKind
{
    /// <summary>Fully connected: z = W x + b, a = f(z). PyTorch's <c>nn.Linear</c>.</summary>
    Dense,

    /// <summary>2-D convolution over a channels x height x width image. PyTorch's <c>nn.Conv2d</c>.</summary>
    Conv2D,

    /// <summary>The largest value of each window, channel by channel. PyTorch's <c>nn.MaxPool2d</c>.</summary>
    MaxPool2D,

    /// <summary>The mean of each window, channel by channel. PyTorch's <c>nn.AvgPool2d</c>.</summary>
    AveragePool2D,

    /// <summary>An image read as one vector, channel by channel, row by row. PyTorch's <c>nn.Flatten</c>.</summary>
    Flatten,
}
