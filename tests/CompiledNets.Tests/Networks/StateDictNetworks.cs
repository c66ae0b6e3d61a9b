// The network that Persistence/Fixtures/torch_state_dict.py trains in PyTorch: nn.Sequential(nn.Linear(784, 32),
// nn.ReLU(), nn.Linear(32, 10)) with cross-entropy, whose softmax is the Softmax layer here.
namespace CompiledNets.Tests.Networks;

[Network(Loss = Loss.CrossEntropy)]
[Input(784)]
[Dense(32, Activation.Relu, Name = "Hidden")]
[Dense(10, Activation.Softmax, Name = "Output")]
public partial class Digits32Net;

/// <summary><see cref="Digits32Net"/> in double: float32 tensors load into it widened.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Input(784)]
[Dense(32, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class Digits32NetDouble;

/// <summary>Linear layers are not followed by an activation module: 0 (Linear), 1 (Linear), 2 (Tanh after 1), 3.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(4)]
[Dense(2, Activation.Tanh, Bias = false)]
[Dense(1)]
public partial class LinearChainNet;

/// <summary>
/// Every operator ONNX export writes, in float (ONNX Runtime's Conv is float only): a padded convolution without bias
/// and with leaky ReLU, average pooling, a sigmoid convolution, flatten, a tanh dense layer without bias, a linear one.
/// </summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(2, 8, 8)]
[Conv2D(3, 3, Activation.LeakyRelu, Padding = 1, Bias = false)]
[AveragePool2D(2)]
[Conv2D(2, 3, Activation.Sigmoid)]
[Flatten]
[Dense(4, Activation.Tanh, Bias = false)]
[Dense(3)]
public partial class OnnxCoverageNet;

/// <summary>A network whose output is images (it ends in pooling, after a convolution): ONNX gives it as [N, C, H, W].</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(1, 6, 6)]
[Conv2D(2, 3, Activation.Tanh)]
[MaxPool2D(2)]
public partial class ImageOutputNet;

/// <summary>
/// <see cref="Digits32Net"/> with the weights PyTorch trained baked in at compile time: the test project lists
/// Persistence/Fixtures/digits32.weights.txt as an AdditionalFiles item.
/// </summary>
[Network(Loss = Loss.CrossEntropy, Weights = "Persistence/Fixtures/digits32.weights.txt")]
[Input(784)]
[Dense(32, Activation.Relu, Name = "Hidden")]
[Dense(10, Activation.Softmax, Name = "Output")]
public partial class Digits32Baked;
