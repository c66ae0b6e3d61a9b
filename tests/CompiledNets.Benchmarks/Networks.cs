using CompiledNets;

// The networks under measurement. Every one is float (Precision.Single, the default), like the naive baseline.
namespace CompiledNets.Benchmarks.Networks;

/// <summary>Workload 1: the tutorial's single weight, pred = w * input, learning to turn 5 into 42.</summary>
[Network(Loss = Loss.HalfSquaredError)]
[Input(1)]
[Dense(1, Activation.Linear, Bias = false)]
public partial class OneWeightNet;

/// <summary>Workload 2: the tutorial's 3-4-1 sigmoid network without biases (the XOR-of-two-columns toy set).</summary>
[Network(Loss = Loss.HalfSquaredError)]
[Input(3)]
[Dense(4, Activation.Sigmoid, Bias = false)]
[Dense(1, Activation.Sigmoid, Bias = false)]
public partial class Tiny341Net;

/// <summary>Workloads 3 and 4: the MNIST network, 784-128-10, tanh hidden, softmax + cross-entropy.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(784)]
[Dense(128, Activation.Tanh)]
[Dense(10, Activation.Softmax)]
public partial class Digit128Net;

/// <summary>Workload 5: 784-256-128-10 ReLU, softmax + cross-entropy.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(784)]
[Dense(256, Activation.Relu)]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class Deep256Net;

// ---- UnrollLimit study: the same shapes emitted as loops (UnrollLimit = 0) and unrolled as far as the generator goes (UnrollLimit = 256, the most;
// a network's unrolled layers hold at most 256 values, so 16-16-1's hidden layer, 288 values, is written as kernel calls there too).
// The hidden layer's weight count is in the comment; the output layer (units x 1) is always small.

/// <summary>8-8-1: 64 hidden weights, loops.</summary>
[Network(UnrollLimit = 0)][Input(8)][Dense(8, Activation.Tanh)][Dense(1)]
public partial class U8x8Loops;
/// <summary>8-8-1: 64 hidden weights, unrolled.</summary>
[Network(UnrollLimit = 256)][Input(8)][Dense(8, Activation.Tanh)][Dense(1)]
public partial class U8x8Unrolled;

/// <summary>16-16-1: 256 hidden weights (the default limit), loops.</summary>
[Network(UnrollLimit = 0)][Input(16)][Dense(16, Activation.Tanh)][Dense(1)]
public partial class U16x16Loops;
/// <summary>16-16-1: 256 hidden weights, over the unrolled-values budget: kernel calls here too.</summary>
[Network(UnrollLimit = 256)][Input(16)][Dense(16, Activation.Tanh)][Dense(1)]
public partial class U16x16Unrolled;

/// <summary>4-8-1: 32 hidden weights, loops.</summary>
[Network(UnrollLimit = 0)][Input(4)][Dense(8, Activation.Tanh)][Dense(1)]
public partial class U4x8Loops;
/// <summary>4-8-1: 32 hidden weights, unrolled.</summary>
[Network(UnrollLimit = 256)][Input(4)][Dense(8, Activation.Tanh)][Dense(1)]
public partial class U4x8Unrolled;

/// <summary>8-16-1: 128 hidden weights, loops.</summary>
[Network(UnrollLimit = 0)][Input(8)][Dense(16, Activation.Tanh)][Dense(1)]
public partial class U8x16Loops;
/// <summary>8-16-1: 128 hidden weights, unrolled.</summary>
[Network(UnrollLimit = 256)][Input(8)][Dense(16, Activation.Tanh)][Dense(1)]
public partial class U8x16Unrolled;

/// <summary>Workload 6: the digits sample's own network (samples/Digits/DigitNet.cs), 784-128-10 ReLU.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1)]
[Input(784)]
[Dense(128, Activation.Relu, Name = "Hidden")]
[Dense(10, Activation.Softmax, Name = "Output")]
public partial class DigitSampleNet;

/// <summary>Convolution C1 (issue 9's table): conv(8, 5x5) relu, max pooling 2, flatten, dense 10 softmax.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1)]
[Input(1, 28, 28)]
[Conv2D(8, 5, Activation.Relu)]
[MaxPool2D(2)]
[Flatten]
[Dense(10, Activation.Softmax)]
public partial class ConvC1Net;

/// <summary>Convolution C2 (issue 9's table): the ConvDigits sample's network.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1)]
[Input(1, 28, 28)]
[Conv2D(16, 5, Activation.Relu)]
[MaxPool2D(2)]
[Conv2D(32, 5, Activation.Relu)]
[MaxPool2D(2)]
[Flatten]
[Dense(10, Activation.Softmax)]
public partial class ConvC2Net;

/// <summary>Startup S1: four hidden layers of 256, three of them 256 -> 256 (one shape type, so one set of kernels).</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1)]
[Input(784)]
[Dense(256, Activation.Relu)]
[Dense(256, Activation.Relu)]
[Dense(256, Activation.Relu)]
[Dense(256, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class FourEqualLayersNet;

/// <summary>Startup S2: twenty hidden layers of 64, nineteen of them 64 -> 64.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 1)]
[Input(64)]
[Dense(64, Activation.Relu)][Dense(64, Activation.Relu)][Dense(64, Activation.Relu)][Dense(64, Activation.Relu)][Dense(64, Activation.Relu)]
[Dense(64, Activation.Relu)][Dense(64, Activation.Relu)][Dense(64, Activation.Relu)][Dense(64, Activation.Relu)][Dense(64, Activation.Relu)]
[Dense(64, Activation.Relu)][Dense(64, Activation.Relu)][Dense(64, Activation.Relu)][Dense(64, Activation.Relu)][Dense(64, Activation.Relu)]
[Dense(64, Activation.Relu)][Dense(64, Activation.Relu)][Dense(64, Activation.Relu)][Dense(64, Activation.Relu)][Dense(64, Activation.Relu)]
[Dense(1)]
public partial class TwentyEqualLayersNet;
