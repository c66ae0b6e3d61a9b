// Convolution networks for Math/ConvGradientCheckTests.cs, in double so the gradient check is tight. Between them they
// cover what the convolution issue asks: strides 1 and 2, padding 0, 1 and 2, 1 and 3 input channels, 1 and 4 filters,
// kernels 1, 3 and 5, a non-square input (3 x 7 x 5), max and average pooling with windows 2 and 3 including
// overlapping ones (3 with stride 2), pooling as the first layer, a convolution as the output layer, and the chain
// conv-pool-conv-pool-flatten-dense-softmax.
namespace CompiledNets.Tests.Networks;

/// <summary>1x1 kernel, one filter, tanh: each output is one input times one weight.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(1, 4, 4)]
[Conv2D(1, 1, Activation.Tanh)]
[Flatten]
[Dense(2)]
public partial class ConvKernel1;

/// <summary>3 channels of 7 x 5 (non-square), 4 filters of 3x3, stride 2, padding 1: 4 x 4 x 3 out.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double)]
[Input(3, 7, 5)]
[Conv2D(4, 3, Activation.Tanh, Stride = 2, Padding = 1)]
[Flatten]
[Dense(3, Activation.Sigmoid)]
public partial class ConvStride2Padding1;

/// <summary>5x5 kernels with padding 2 ("same" size), then max pooling 2 and a softmax classifier.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Input(1, 6, 6)]
[Conv2D(4, 5, Activation.Sigmoid, Padding = 2)]
[MaxPool2D(2)]
[Flatten]
[Dense(3, Activation.Softmax)]
public partial class ConvKernel5Padding2;

/// <summary>3 input channels into one filter without bias, then a 3x3 average over the whole 3 x 3 map.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input(3, 5, 5)]
[Conv2D(1, 3, Activation.Linear, Bias = false)]
[AveragePool2D(3)]
[Flatten]
[Dense(2, Activation.Tanh)]
public partial class ConvNoBiasAveragePool3;

/// <summary>Overlapping max pooling: windows of 3 with stride 2 over 7 x 7.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(2, 7, 7)]
[Conv2D(2, 1, Activation.Tanh)]
[MaxPool2D(3, Stride = 2)]
[Flatten]
[Dense(2)]
public partial class ConvMaxPool3Stride2;

/// <summary>Overlapping average pooling after a convolution: windows of 3 with stride 2, so an input on an overlap gets two deltas.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(2, 7, 7)]
[Conv2D(2, 1, Activation.Tanh)]
[AveragePool2D(3, Stride = 2)]
[Flatten]
[Dense(2)]
public partial class ConvAveragePool3Stride2;

/// <summary>Overlapping average pooling as the first layer (nothing to pass back to), then a convolution.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(2, 7, 7)]
[AveragePool2D(3, Stride = 2)]
[Conv2D(3, 3, Activation.Tanh)]
[Flatten]
[Dense(2)]
public partial class ConvAfterAveragePool;

/// <summary>Leaky ReLU convolution with padding 1 on a non-square 6 x 4 image, then average pooling 2.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(1, 6, 4)]
[Conv2D(2, 3, Activation.LeakyRelu, Padding = 1)]
[AveragePool2D(2)]
[Flatten]
[Dense(2, Activation.Tanh)]
public partial class ConvLeakyReluAveragePool2;

/// <summary>The conv net chain: conv-pool-conv-pool-flatten-dense-softmax.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Input(1, 12, 12)]
[Conv2D(2, 3, Activation.Tanh)]
[MaxPool2D(2)]
[Conv2D(3, 3, Activation.Tanh)]
[MaxPool2D(3)]
[Flatten]
[Dense(4, Activation.Softmax)]
public partial class ConvChain;

/// <summary>A ReLU convolution, max pooling and a hidden dense layer: the digits network's kinds, small.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Input(1, 8, 8)]
[Conv2D(4, 3, Activation.Relu)]
[MaxPool2D(2)]
[Flatten]
[Dense(5, Activation.Relu)]
[Dense(3, Activation.Softmax)]
public partial class ConvReluDense;

/// <summary>A convolution as the output layer: 2 x 3 x 3 sigmoid outputs under binary cross-entropy.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double)]
[Input(1, 5, 5)]
[Conv2D(2, 3, Activation.Sigmoid)]
public partial class ConvOutput;

/// <summary>Flatten straight after the input, then dense layers: an image read as a vector.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(2, 3, 3)]
[Flatten]
[Dense(3, Activation.Tanh)]
[Dense(2)]
public partial class FlattenFirst;

/// <summary>The chain in float, for batches and training in single precision.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(1, 12, 12)]
[Conv2D(4, 3, Activation.Relu)]
[MaxPool2D(2)]
[Conv2D(6, 3, Activation.Tanh, Padding = 1)]
[AveragePool2D(5)]
[Flatten]
[Dense(4, Activation.Softmax)]
public partial class ConvChainFloat;

/// <summary>The ConvDigits sample's network: scratch and tiles too large for the stack, in the thread's ThreadScratch.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(1, 28, 28)]
[Conv2D(16, 5, Activation.Relu)]
[MaxPool2D(2)]
[Conv2D(32, 5, Activation.Relu)]
[MaxPool2D(2)]
[Flatten]
[Dense(10, Activation.Softmax)]
public partial class ConvDigitsShape;

internal static class ConvNetworks
{
    public static readonly Type[] Double =
    [
        typeof(ConvKernel1), typeof(ConvStride2Padding1), typeof(ConvKernel5Padding2), typeof(ConvNoBiasAveragePool3),
        typeof(ConvMaxPool3Stride2), typeof(ConvAveragePool3Stride2), typeof(ConvAfterAveragePool), typeof(ConvLeakyReluAveragePool2), typeof(ConvChain),
        typeof(ConvReluDense), typeof(ConvOutput), typeof(FlattenFirst), typeof(ConvManyPositions),
    ];
}

/// <summary>The network of Math/Fixtures/torch_conv.py, whose PyTorch outputs and gradients ConvPyTorchTests compares.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Input(2, 9, 9)]
[Conv2D(4, 3, Activation.Tanh, Padding = 1)]
[MaxPool2D(3, Stride = 2)]
[Conv2D(3, 2, Activation.Relu, Stride = 2)]
[AveragePool2D(2)]
[Flatten]
[Dense(5, Activation.Softmax)]
public partial class ConvAgreementNet;

/// <summary><see cref="ConvAgreementNet"/> in float.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(2, 9, 9)]
[Conv2D(4, 3, Activation.Tanh, Padding = 1)]
[MaxPool2D(3, Stride = 2)]
[Conv2D(3, 2, Activation.Relu, Stride = 2)]
[AveragePool2D(2)]
[Flatten]
[Dense(5, Activation.Softmax)]
public partial class ConvAgreementNetFloat;

/// <summary>256 output positions: the kernels take the weight gradient as dot products along them (fewer: transposed).</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(1, 18, 18)]
[Conv2D(3, 3, Activation.Tanh, Name = "Wide")]
[MaxPool2D(4)]
[Flatten]
[Dense(2)]
public partial class ConvManyPositions;
