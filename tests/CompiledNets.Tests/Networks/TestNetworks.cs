// Networks for the runtime tests in Math/*.cs other than the gradient-check matrix (see GradientCheckNetworks.cs).
namespace CompiledNets.Tests.Networks;

// ---- Hand-computed forward and backward values (Math/HandComputedTests.cs): 2 inputs, double ----------------------

/// <summary>2 -> Dense(2, Linear) -> Dense(1, Linear), SquaredError.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input(2)]
[Dense(2, Activation.Linear)]
[Dense(1, Activation.Linear)]
public partial class HandLinearSquaredError;

/// <summary>2 -> Dense(2, Sigmoid) -> Dense(2, Sigmoid), HalfSquaredError.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(2)]
[Dense(2, Activation.Sigmoid)]
[Dense(2, Activation.Sigmoid)]
public partial class HandSigmoidHalfSquaredError;

/// <summary>2 -> Dense(2, Tanh) -> Dense(2, Tanh), MeanSquaredError.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(2)]
[Dense(2, Activation.Tanh)]
[Dense(2, Activation.Tanh)]
public partial class HandTanhMeanSquaredError;

/// <summary>2 -> Dense(2, Relu) -> Dense(1, Relu), SquaredError.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input(2)]
[Dense(2, Activation.Relu)]
[Dense(1, Activation.Relu)]
public partial class HandReluSquaredError;

/// <summary>2 -> Dense(2, LeakyRelu) -> Dense(2, LeakyRelu), MeanSquaredError.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(2)]
[Dense(2, Activation.LeakyRelu)]
[Dense(2, Activation.LeakyRelu)]
public partial class HandLeakyReluMeanSquaredError;

/// <summary>2 -> Dense(2, Tanh) -> Dense(3, Softmax), CrossEntropy.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Input(2)]
[Dense(2, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class HandSoftmaxCrossEntropy;

/// <summary>2 -> Dense(2, Relu) -> Dense(2, Sigmoid), BinaryCrossEntropy.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double)]
[Input(2)]
[Dense(2, Activation.Relu)]
[Dense(2, Activation.Sigmoid)]
public partial class HandSigmoidBinaryCrossEntropy;

/// <summary>2 -> Dense(2, Linear, no bias) -> Dense(2, Sigmoid, no bias), HalfSquaredError.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(2)]
[Dense(2, Activation.Linear, Bias = false)]
[Dense(2, Activation.Sigmoid, Bias = false)]
public partial class HandNoBiasHalfSquaredError;

/// <summary>The same as <see cref="HandSoftmaxCrossEntropy"/> as loops (UnrollLimit = 0).</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double, UnrollLimit = 0)]
[Input(2)]
[Dense(2, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class HandSoftmaxCrossEntropyLoops;

/// <summary>The same as <see cref="HandLeakyReluMeanSquaredError"/> as loops (UnrollLimit = 0).</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(2)]
[Dense(2, Activation.LeakyRelu)]
[Dense(2, Activation.LeakyRelu)]
public partial class HandLeakyReluMeanSquaredErrorLoops;

// ---- Properties, batches, allocation (Math/TrainingPropertyTests.cs, BatchTests.cs, AllocationTests.cs) -----------

/// <summary>Unrolled, double: 3 -> Dense(4, Tanh) -> Dense(3, Softmax), CrossEntropy.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class PropUnrolledDouble;

/// <summary>Unrolled, double, piecewise linear (its batches run example by example): 3 -> Dense(5, LeakyRelu) -> Dense(2, Linear), MeanSquaredError.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(5, Activation.LeakyRelu)]
[Dense(2, Activation.Linear)]
public partial class PropUnrolledLinearDouble;

/// <summary>
/// 1 -> Dense(300000, Tanh) -> Dense(1), double: 32 examples' outputs and deltas (154 MB) would not fit in the 64 MiB
/// one struct holds, so its batches run in tiles of 8 (the generator's BatchTile).
/// </summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(300000, Activation.Tanh)]
[Dense(1)]
public partial class WideTileDouble;

/// <summary>SIMD loops, double: 6 -> Dense(9, LeakyRelu) -> Dense(5, Sigmoid), MeanSquaredError.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(6)]
[Dense(9, Activation.LeakyRelu)]
[Dense(5, Activation.Sigmoid)]
public partial class PropLoopDouble;

/// <summary>Unrolled, float: 3 -> Dense(4, Sigmoid) -> Dense(2, Sigmoid), BinaryCrossEntropy.</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(3)]
[Dense(4, Activation.Sigmoid)]
[Dense(2, Activation.Sigmoid)]
public partial class PropUnrolledFloat;

/// <summary>SIMD loops, float: 11 -> Dense(17, Tanh) -> Dense(3, Softmax), CrossEntropy (8 lanes plus a remainder).</summary>
[Network(Loss = Loss.CrossEntropy, UnrollLimit = 0)]
[Input(11)]
[Dense(17, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class PropLoopFloat;

/// <summary>
/// Loop layers, float, whose tanh and sigmoid leave part of a vector (10 and 5 values, 5 below the size where unrolled
/// layers would vectorize): 12 -> Dense(10, Tanh) -> Dense(5, Sigmoid), BinaryCrossEntropy.
/// </summary>
[Network(Loss = Loss.BinaryCrossEntropy, UnrollLimit = 0)]
[Input(12)]
[Dense(10, Activation.Tanh)]
[Dense(5, Activation.Sigmoid)]
public partial class ExponentialLoopsFloat;

/// <summary>A convolution, float, with a tanh over 2 x 5 outputs: 1x4x7 -> Conv2D(1, 3, Tanh) -> Flatten -> Dense(3, Sigmoid).</summary>
[Network(Loss = Loss.BinaryCrossEntropy, UnrollLimit = 0)]
[Input(1, 4, 7)]
[Conv2D(1, 3, Activation.Tanh)]
[Flatten]
[Dense(3, Activation.Sigmoid)]
public partial class ExponentialConvFloat;

/// <summary>A mix above and below the unroll limit, float: 20 -> Dense(16, Relu) (320 weights: loop) -> Dense(4, Linear) (64: unrolled), SquaredError.</summary>
[Network(Loss = Loss.SquaredError, UnrollLimit = 256)]
[Input(20)]
[Dense(16, Activation.Relu)]
[Dense(4, Activation.Linear)]
public partial class MixedFloat;

/// <summary>The MNIST shape, float: 784 -> Dense(128, Tanh) -> Dense(10, Softmax), all loops at the default limit.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(784)]
[Dense(128, Activation.Tanh)]
[Dense(10, Activation.Softmax)]
public partial class Mnist784;

/// <summary>
/// One wide layer, float: 8 -> Dense(2500, Relu) -> Dense(4, Linear), MeanSquaredError. Its per-example scratch (20 KB)
/// is over the stack limit, so every call's scratch comes from ThreadScratch.
/// </summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(8)]
[Dense(2500, Activation.Relu)]
[Dense(4, Activation.Linear)]
public partial class WideFloat;

// ---- Numerical soundness with huge logits (Math/NumericalSoundnessTests.cs) ---------------------------------------

/// <summary>2 -> Dense(2, Tanh) -> Dense(3, Softmax), CrossEntropy, double.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Input(2)]
[Dense(2, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class HugeLogitsCrossEntropy;

/// <summary>As <see cref="HugeLogitsCrossEntropy"/>, float, loops.</summary>
[Network(Loss = Loss.CrossEntropy, UnrollLimit = 0)]
[Input(2)]
[Dense(2, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class HugeLogitsCrossEntropyFloatLoops;

/// <summary>2 -> Dense(2, Sigmoid) -> Dense(2, Sigmoid), BinaryCrossEntropy, double.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double)]
[Input(2)]
[Dense(2, Activation.Sigmoid)]
[Dense(2, Activation.Sigmoid)]
public partial class HugeLogitsBinaryCrossEntropy;

/// <summary>As <see cref="HugeLogitsBinaryCrossEntropy"/>, float, loops.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, UnrollLimit = 0)]
[Input(2)]
[Dense(2, Activation.Sigmoid)]
[Dense(2, Activation.Sigmoid)]
public partial class HugeLogitsBinaryCrossEntropyFloatLoops;

// ---- Initialization and layout (Math/InitializationTests.cs, ParameterLayoutTests.cs) -----------------------------

/// <summary>One layer of each initialization rule: He for Relu and LeakyRelu, Xavier for Tanh and Sigmoid.</summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 7)]
[Input(20)]
[Dense(30, Activation.Relu)]
[Dense(25, Activation.LeakyRelu)]
[Dense(10, Activation.Tanh)]
[Dense(4, Activation.Sigmoid)]
public partial class InitMixed;

/// <summary>As <see cref="InitMixed"/> in double, loops, another seed.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double, UnrollLimit = 0, Seed = 12345)]
[Input(20)]
[Dense(30, Activation.Relu)]
[Dense(25, Activation.LeakyRelu)]
[Dense(10, Activation.Tanh)]
[Dense(4, Activation.Sigmoid)]
public partial class InitMixedDouble;

/// <summary>3 -> Dense(2, Linear) -> Dense(2, Linear, Name = "Out"), unrolled, double.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(2, Activation.Linear)]
[Dense(2, Activation.Linear, Name = "Out")]
public partial class LayoutNet;

/// <summary>As <see cref="LayoutNet"/>, loops.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(3)]
[Dense(2, Activation.Linear)]
[Dense(2, Activation.Linear, Name = "Out")]
public partial class LayoutNetLoops;
