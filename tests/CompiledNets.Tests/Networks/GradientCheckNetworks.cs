// Networks for the gradient checks of Math/GradientCheckTests.cs: every activation with every loss it is valid
// with, over the shapes 1-1, 3-1, 1-3, 3-4-1 (default UnrollLimit: unrolled), 5-7-3-2 with UnrollLimit = 64 (all
// unrolled), 5-7-2 with UnrollLimit = 20 (a 35-weight loop layer and a 14-weight unrolled one), 5-7-3-2 and 9-13-6 with
// UnrollLimit = 0 (every layer a SIMD loop), with and without bias.
// Each (activation, SE/HSE/MSE loss) pair appears on several shapes (the loss rotates with the shape);
// softmax + cross-entropy and sigmoid + binary cross-entropy appear on every shape with rotating hidden activations.
// Written out by a small script; attributes are compile-time, so every combination is its own class.
namespace CompiledNets.Tests.Networks;

/// <summary>1-1, Linear everywhere, SquaredError.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(1, Activation.Linear)]
public partial class GcLinearSquaredErrorS1x1;

/// <summary>1-1, Sigmoid everywhere, HalfSquaredError.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(1, Activation.Sigmoid)]
public partial class GcSigmoidHalfSquaredErrorS1x1;

/// <summary>1-1, Tanh everywhere, MeanSquaredError.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(1, Activation.Tanh)]
public partial class GcTanhMeanSquaredErrorS1x1;

/// <summary>1-1, Relu everywhere, SquaredError.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(1, Activation.Relu)]
public partial class GcReluSquaredErrorS1x1;

/// <summary>1-1, LeakyRelu everywhere, HalfSquaredError.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(1, Activation.LeakyRelu)]
public partial class GcLeakyReluHalfSquaredErrorS1x1;

/// <summary>1-2, hidden Linear, Softmax output, CrossEntropy.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Input(1)]
[Dense(2, Activation.Softmax)]
public partial class GcSoftmaxCrossEntropyS1x1;

/// <summary>1-1, hidden Tanh, Sigmoid output, BinaryCrossEntropy.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double)]
[Input(1)]
[Dense(1, Activation.Sigmoid)]
public partial class GcSigmoidBinaryCrossEntropyS1x1;

/// <summary>1-1, Linear everywhere, HalfSquaredError, no bias.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(1, Activation.Linear, Bias = false)]
public partial class GcLinearHalfSquaredErrorS1x1NoBias;

/// <summary>1-1, Sigmoid everywhere, MeanSquaredError, no bias.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(1, Activation.Sigmoid, Bias = false)]
public partial class GcSigmoidMeanSquaredErrorS1x1NoBias;

/// <summary>1-1, Tanh everywhere, SquaredError, no bias.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(1, Activation.Tanh, Bias = false)]
public partial class GcTanhSquaredErrorS1x1NoBias;

/// <summary>1-1, Relu everywhere, HalfSquaredError, no bias.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(1, Activation.Relu, Bias = false)]
public partial class GcReluHalfSquaredErrorS1x1NoBias;

/// <summary>1-1, LeakyRelu everywhere, MeanSquaredError, no bias.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(1, Activation.LeakyRelu, Bias = false)]
public partial class GcLeakyReluMeanSquaredErrorS1x1NoBias;

/// <summary>1-2, hidden Sigmoid, Softmax output, CrossEntropy, no bias.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Input(1)]
[Dense(2, Activation.Softmax, Bias = false)]
public partial class GcSoftmaxCrossEntropyS1x1NoBias;

/// <summary>1-1, hidden Relu, Sigmoid output, BinaryCrossEntropy, no bias.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double)]
[Input(1)]
[Dense(1, Activation.Sigmoid, Bias = false)]
public partial class GcSigmoidBinaryCrossEntropyS1x1NoBias;

/// <summary>3-1, Linear everywhere, MeanSquaredError.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(1, Activation.Linear)]
public partial class GcLinearMeanSquaredErrorS3x1;

/// <summary>3-1, Sigmoid everywhere, SquaredError.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(1, Activation.Sigmoid)]
public partial class GcSigmoidSquaredErrorS3x1;

/// <summary>3-1, Tanh everywhere, HalfSquaredError.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(1, Activation.Tanh)]
public partial class GcTanhHalfSquaredErrorS3x1;

/// <summary>3-1, Relu everywhere, MeanSquaredError.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(1, Activation.Relu)]
public partial class GcReluMeanSquaredErrorS3x1;

/// <summary>3-1, LeakyRelu everywhere, SquaredError.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(1, Activation.LeakyRelu)]
public partial class GcLeakyReluSquaredErrorS3x1;

/// <summary>3-2, hidden Tanh, Softmax output, CrossEntropy.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Input(3)]
[Dense(2, Activation.Softmax)]
public partial class GcSoftmaxCrossEntropyS3x1;

/// <summary>3-1, hidden LeakyRelu, Sigmoid output, BinaryCrossEntropy.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double)]
[Input(3)]
[Dense(1, Activation.Sigmoid)]
public partial class GcSigmoidBinaryCrossEntropyS3x1;

/// <summary>3-1, Linear everywhere, SquaredError, no bias.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(1, Activation.Linear, Bias = false)]
public partial class GcLinearSquaredErrorS3x1NoBias;

/// <summary>3-1, Sigmoid everywhere, HalfSquaredError, no bias.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(1, Activation.Sigmoid, Bias = false)]
public partial class GcSigmoidHalfSquaredErrorS3x1NoBias;

/// <summary>3-1, Tanh everywhere, MeanSquaredError, no bias.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(1, Activation.Tanh, Bias = false)]
public partial class GcTanhMeanSquaredErrorS3x1NoBias;

/// <summary>3-1, Relu everywhere, SquaredError, no bias.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(1, Activation.Relu, Bias = false)]
public partial class GcReluSquaredErrorS3x1NoBias;

/// <summary>3-1, LeakyRelu everywhere, HalfSquaredError, no bias.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(1, Activation.LeakyRelu, Bias = false)]
public partial class GcLeakyReluHalfSquaredErrorS3x1NoBias;

/// <summary>3-2, hidden Relu, Softmax output, CrossEntropy, no bias.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Input(3)]
[Dense(2, Activation.Softmax, Bias = false)]
public partial class GcSoftmaxCrossEntropyS3x1NoBias;

/// <summary>3-1, hidden Linear, Sigmoid output, BinaryCrossEntropy, no bias.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double)]
[Input(3)]
[Dense(1, Activation.Sigmoid, Bias = false)]
public partial class GcSigmoidBinaryCrossEntropyS3x1NoBias;

/// <summary>1-3, Linear everywhere, HalfSquaredError.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(3, Activation.Linear)]
public partial class GcLinearHalfSquaredErrorS1x3;

/// <summary>1-3, Sigmoid everywhere, MeanSquaredError.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(3, Activation.Sigmoid)]
public partial class GcSigmoidMeanSquaredErrorS1x3;

/// <summary>1-3, Tanh everywhere, SquaredError.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(3, Activation.Tanh)]
public partial class GcTanhSquaredErrorS1x3;

/// <summary>1-3, Relu everywhere, HalfSquaredError.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(3, Activation.Relu)]
public partial class GcReluHalfSquaredErrorS1x3;

/// <summary>1-3, LeakyRelu everywhere, MeanSquaredError.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(3, Activation.LeakyRelu)]
public partial class GcLeakyReluMeanSquaredErrorS1x3;

/// <summary>1-3, hidden LeakyRelu, Softmax output, CrossEntropy.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Input(1)]
[Dense(3, Activation.Softmax)]
public partial class GcSoftmaxCrossEntropyS1x3;

/// <summary>1-3, hidden Sigmoid, Sigmoid output, BinaryCrossEntropy.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double)]
[Input(1)]
[Dense(3, Activation.Sigmoid)]
public partial class GcSigmoidBinaryCrossEntropyS1x3;

/// <summary>1-3, Linear everywhere, MeanSquaredError, no bias.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(3, Activation.Linear, Bias = false)]
public partial class GcLinearMeanSquaredErrorS1x3NoBias;

/// <summary>1-3, Sigmoid everywhere, SquaredError, no bias.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(3, Activation.Sigmoid, Bias = false)]
public partial class GcSigmoidSquaredErrorS1x3NoBias;

/// <summary>1-3, Tanh everywhere, HalfSquaredError, no bias.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(3, Activation.Tanh, Bias = false)]
public partial class GcTanhHalfSquaredErrorS1x3NoBias;

/// <summary>1-3, Relu everywhere, MeanSquaredError, no bias.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(3, Activation.Relu, Bias = false)]
public partial class GcReluMeanSquaredErrorS1x3NoBias;

/// <summary>1-3, LeakyRelu everywhere, SquaredError, no bias.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(3, Activation.LeakyRelu, Bias = false)]
public partial class GcLeakyReluSquaredErrorS1x3NoBias;

/// <summary>1-3, hidden Linear, Softmax output, CrossEntropy, no bias.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Input(1)]
[Dense(3, Activation.Softmax, Bias = false)]
public partial class GcSoftmaxCrossEntropyS1x3NoBias;

/// <summary>1-3, hidden Tanh, Sigmoid output, BinaryCrossEntropy, no bias.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double)]
[Input(1)]
[Dense(3, Activation.Sigmoid, Bias = false)]
public partial class GcSigmoidBinaryCrossEntropyS1x3NoBias;

/// <summary>3-4-1, Linear everywhere, SquaredError.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(4, Activation.Linear)]
[Dense(1, Activation.Linear)]
public partial class GcLinearSquaredErrorS3x4x1;

/// <summary>3-4-1, Sigmoid everywhere, HalfSquaredError.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(4, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class GcSigmoidHalfSquaredErrorS3x4x1;

/// <summary>3-4-1, Tanh everywhere, MeanSquaredError.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Tanh)]
public partial class GcTanhMeanSquaredErrorS3x4x1;

/// <summary>3-4-1, Relu everywhere, SquaredError.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(4, Activation.Relu)]
[Dense(1, Activation.Relu)]
public partial class GcReluSquaredErrorS3x4x1;

/// <summary>3-4-1, LeakyRelu everywhere, HalfSquaredError.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(4, Activation.LeakyRelu)]
[Dense(1, Activation.LeakyRelu)]
public partial class GcLeakyReluHalfSquaredErrorS3x4x1;

/// <summary>3-4-2, hidden Sigmoid, Softmax output, CrossEntropy.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Input(3)]
[Dense(4, Activation.Sigmoid)]
[Dense(2, Activation.Softmax)]
public partial class GcSoftmaxCrossEntropySigmoidS3x4x1;

/// <summary>3-4-1, hidden Relu, Sigmoid output, BinaryCrossEntropy.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double)]
[Input(3)]
[Dense(4, Activation.Relu)]
[Dense(1, Activation.Sigmoid)]
public partial class GcSigmoidBinaryCrossEntropyReluS3x4x1;

/// <summary>3-4-1, Linear everywhere, HalfSquaredError, no bias.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(4, Activation.Linear, Bias = false)]
[Dense(1, Activation.Linear, Bias = false)]
public partial class GcLinearHalfSquaredErrorS3x4x1NoBias;

/// <summary>3-4-1, Sigmoid everywhere, MeanSquaredError, no bias.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(4, Activation.Sigmoid, Bias = false)]
[Dense(1, Activation.Sigmoid, Bias = false)]
public partial class GcSigmoidMeanSquaredErrorS3x4x1NoBias;

/// <summary>3-4-1, Tanh everywhere, SquaredError, no bias.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(4, Activation.Tanh, Bias = false)]
[Dense(1, Activation.Tanh, Bias = false)]
public partial class GcTanhSquaredErrorS3x4x1NoBias;

/// <summary>3-4-1, Relu everywhere, HalfSquaredError, no bias.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(4, Activation.Relu, Bias = false)]
[Dense(1, Activation.Relu, Bias = false)]
public partial class GcReluHalfSquaredErrorS3x4x1NoBias;

/// <summary>3-4-1, LeakyRelu everywhere, MeanSquaredError, no bias.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(4, Activation.LeakyRelu, Bias = false)]
[Dense(1, Activation.LeakyRelu, Bias = false)]
public partial class GcLeakyReluMeanSquaredErrorS3x4x1NoBias;

/// <summary>3-4-2, hidden Tanh, Softmax output, CrossEntropy, no bias.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Input(3)]
[Dense(4, Activation.Tanh, Bias = false)]
[Dense(2, Activation.Softmax, Bias = false)]
public partial class GcSoftmaxCrossEntropyTanhS3x4x1NoBias;

/// <summary>3-4-1, hidden LeakyRelu, Sigmoid output, BinaryCrossEntropy, no bias.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double)]
[Input(3)]
[Dense(4, Activation.LeakyRelu, Bias = false)]
[Dense(1, Activation.Sigmoid, Bias = false)]
public partial class GcSigmoidBinaryCrossEntropyLeakyReluS3x4x1NoBias;

/// <summary>5-7-3-2, Linear everywhere, MeanSquaredError, UnrollLimit = 64.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double, UnrollLimit = 64)]
[Input(5)]
[Dense(7, Activation.Linear)]
[Dense(3, Activation.Linear)]
[Dense(2, Activation.Linear)]
public partial class GcLinearMeanSquaredErrorS5x7x3x2;

/// <summary>5-7-3-2, Sigmoid everywhere, SquaredError, UnrollLimit = 64.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double, UnrollLimit = 64)]
[Input(5)]
[Dense(7, Activation.Sigmoid)]
[Dense(3, Activation.Sigmoid)]
[Dense(2, Activation.Sigmoid)]
public partial class GcSigmoidSquaredErrorS5x7x3x2;

/// <summary>5-7-3-2, Tanh everywhere, HalfSquaredError, UnrollLimit = 64.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double, UnrollLimit = 64)]
[Input(5)]
[Dense(7, Activation.Tanh)]
[Dense(3, Activation.Tanh)]
[Dense(2, Activation.Tanh)]
public partial class GcTanhHalfSquaredErrorS5x7x3x2;

/// <summary>5-7-3-2, Relu everywhere, MeanSquaredError, UnrollLimit = 64.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double, UnrollLimit = 64)]
[Input(5)]
[Dense(7, Activation.Relu)]
[Dense(3, Activation.Relu)]
[Dense(2, Activation.Relu)]
public partial class GcReluMeanSquaredErrorS5x7x3x2;

/// <summary>5-7-3-2, LeakyRelu everywhere, SquaredError, UnrollLimit = 64.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double, UnrollLimit = 64)]
[Input(5)]
[Dense(7, Activation.LeakyRelu)]
[Dense(3, Activation.LeakyRelu)]
[Dense(2, Activation.LeakyRelu)]
public partial class GcLeakyReluSquaredErrorS5x7x3x2;

/// <summary>5-7-3-2, hidden Relu, Softmax output, CrossEntropy.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double, UnrollLimit = 64)]
[Input(5)]
[Dense(7, Activation.Relu)]
[Dense(3, Activation.Relu)]
[Dense(2, Activation.Softmax)]
public partial class GcSoftmaxCrossEntropyReluS5x7x3x2;

/// <summary>5-7-3-2, hidden Linear, Sigmoid output, BinaryCrossEntropy.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double, UnrollLimit = 64)]
[Input(5)]
[Dense(7, Activation.Linear)]
[Dense(3, Activation.Linear)]
[Dense(2, Activation.Sigmoid)]
public partial class GcSigmoidBinaryCrossEntropyLinearS5x7x3x2;

/// <summary>5-7-3-2, Linear everywhere, SquaredError, no bias, UnrollLimit = 64.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double, UnrollLimit = 64)]
[Input(5)]
[Dense(7, Activation.Linear, Bias = false)]
[Dense(3, Activation.Linear, Bias = false)]
[Dense(2, Activation.Linear, Bias = false)]
public partial class GcLinearSquaredErrorS5x7x3x2NoBias;

/// <summary>5-7-3-2, Sigmoid everywhere, HalfSquaredError, no bias, UnrollLimit = 64.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double, UnrollLimit = 64)]
[Input(5)]
[Dense(7, Activation.Sigmoid, Bias = false)]
[Dense(3, Activation.Sigmoid, Bias = false)]
[Dense(2, Activation.Sigmoid, Bias = false)]
public partial class GcSigmoidHalfSquaredErrorS5x7x3x2NoBias;

/// <summary>5-7-3-2, Tanh everywhere, MeanSquaredError, no bias, UnrollLimit = 64.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double, UnrollLimit = 64)]
[Input(5)]
[Dense(7, Activation.Tanh, Bias = false)]
[Dense(3, Activation.Tanh, Bias = false)]
[Dense(2, Activation.Tanh, Bias = false)]
public partial class GcTanhMeanSquaredErrorS5x7x3x2NoBias;

/// <summary>5-7-3-2, Relu everywhere, SquaredError, no bias, UnrollLimit = 64.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double, UnrollLimit = 64)]
[Input(5)]
[Dense(7, Activation.Relu, Bias = false)]
[Dense(3, Activation.Relu, Bias = false)]
[Dense(2, Activation.Relu, Bias = false)]
public partial class GcReluSquaredErrorS5x7x3x2NoBias;

/// <summary>5-7-3-2, LeakyRelu everywhere, HalfSquaredError, no bias, UnrollLimit = 64.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double, UnrollLimit = 64)]
[Input(5)]
[Dense(7, Activation.LeakyRelu, Bias = false)]
[Dense(3, Activation.LeakyRelu, Bias = false)]
[Dense(2, Activation.LeakyRelu, Bias = false)]
public partial class GcLeakyReluHalfSquaredErrorS5x7x3x2NoBias;

/// <summary>5-7-3-2, hidden LeakyRelu, Softmax output, CrossEntropy, no bias.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double, UnrollLimit = 64)]
[Input(5)]
[Dense(7, Activation.LeakyRelu, Bias = false)]
[Dense(3, Activation.LeakyRelu, Bias = false)]
[Dense(2, Activation.Softmax, Bias = false)]
public partial class GcSoftmaxCrossEntropyLeakyReluS5x7x3x2NoBias;

/// <summary>5-7-3-2, hidden Sigmoid, Sigmoid output, BinaryCrossEntropy, no bias.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double, UnrollLimit = 64)]
[Input(5)]
[Dense(7, Activation.Sigmoid, Bias = false)]
[Dense(3, Activation.Sigmoid, Bias = false)]
[Dense(2, Activation.Sigmoid, Bias = false)]
public partial class GcSigmoidBinaryCrossEntropySigmoidS5x7x3x2NoBias;

/// <summary>5-7-2, Linear everywhere, HalfSquaredError, UnrollLimit = 20.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double, UnrollLimit = 20)]
[Input(5)]
[Dense(7, Activation.Linear)]
[Dense(2, Activation.Linear)]
public partial class GcLinearHalfSquaredErrorS5x7x2Limit20;

/// <summary>5-7-2, Sigmoid everywhere, MeanSquaredError, UnrollLimit = 20.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double, UnrollLimit = 20)]
[Input(5)]
[Dense(7, Activation.Sigmoid)]
[Dense(2, Activation.Sigmoid)]
public partial class GcSigmoidMeanSquaredErrorS5x7x2Limit20;

/// <summary>5-7-2, Tanh everywhere, SquaredError, UnrollLimit = 20.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double, UnrollLimit = 20)]
[Input(5)]
[Dense(7, Activation.Tanh)]
[Dense(2, Activation.Tanh)]
public partial class GcTanhSquaredErrorS5x7x2Limit20;

/// <summary>5-7-2, Relu everywhere, HalfSquaredError, UnrollLimit = 20.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double, UnrollLimit = 20)]
[Input(5)]
[Dense(7, Activation.Relu)]
[Dense(2, Activation.Relu)]
public partial class GcReluHalfSquaredErrorS5x7x2Limit20;

/// <summary>5-7-2, LeakyRelu everywhere, MeanSquaredError, UnrollLimit = 20.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double, UnrollLimit = 20)]
[Input(5)]
[Dense(7, Activation.LeakyRelu)]
[Dense(2, Activation.LeakyRelu)]
public partial class GcLeakyReluMeanSquaredErrorS5x7x2Limit20;

/// <summary>5-7-2, hidden Linear, Softmax output, CrossEntropy.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double, UnrollLimit = 20)]
[Input(5)]
[Dense(7, Activation.Linear)]
[Dense(2, Activation.Softmax)]
public partial class GcSoftmaxCrossEntropyLinearS5x7x2Limit20;

/// <summary>5-7-2, hidden Tanh, Sigmoid output, BinaryCrossEntropy.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double, UnrollLimit = 20)]
[Input(5)]
[Dense(7, Activation.Tanh)]
[Dense(2, Activation.Sigmoid)]
public partial class GcSigmoidBinaryCrossEntropyTanhS5x7x2Limit20;

/// <summary>5-7-2, Linear everywhere, MeanSquaredError, no bias, UnrollLimit = 20.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double, UnrollLimit = 20)]
[Input(5)]
[Dense(7, Activation.Linear, Bias = false)]
[Dense(2, Activation.Linear, Bias = false)]
public partial class GcLinearMeanSquaredErrorS5x7x2Limit20NoBias;

/// <summary>5-7-2, Sigmoid everywhere, SquaredError, no bias, UnrollLimit = 20.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double, UnrollLimit = 20)]
[Input(5)]
[Dense(7, Activation.Sigmoid, Bias = false)]
[Dense(2, Activation.Sigmoid, Bias = false)]
public partial class GcSigmoidSquaredErrorS5x7x2Limit20NoBias;

/// <summary>5-7-2, Tanh everywhere, HalfSquaredError, no bias, UnrollLimit = 20.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double, UnrollLimit = 20)]
[Input(5)]
[Dense(7, Activation.Tanh, Bias = false)]
[Dense(2, Activation.Tanh, Bias = false)]
public partial class GcTanhHalfSquaredErrorS5x7x2Limit20NoBias;

/// <summary>5-7-2, Relu everywhere, MeanSquaredError, no bias, UnrollLimit = 20.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double, UnrollLimit = 20)]
[Input(5)]
[Dense(7, Activation.Relu, Bias = false)]
[Dense(2, Activation.Relu, Bias = false)]
public partial class GcReluMeanSquaredErrorS5x7x2Limit20NoBias;

/// <summary>5-7-2, LeakyRelu everywhere, SquaredError, no bias, UnrollLimit = 20.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double, UnrollLimit = 20)]
[Input(5)]
[Dense(7, Activation.LeakyRelu, Bias = false)]
[Dense(2, Activation.LeakyRelu, Bias = false)]
public partial class GcLeakyReluSquaredErrorS5x7x2Limit20NoBias;

/// <summary>5-7-2, hidden Sigmoid, Softmax output, CrossEntropy, no bias.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double, UnrollLimit = 20)]
[Input(5)]
[Dense(7, Activation.Sigmoid, Bias = false)]
[Dense(2, Activation.Softmax, Bias = false)]
public partial class GcSoftmaxCrossEntropySigmoidS5x7x2Limit20NoBias;

/// <summary>5-7-2, hidden Relu, Sigmoid output, BinaryCrossEntropy, no bias.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double, UnrollLimit = 20)]
[Input(5)]
[Dense(7, Activation.Relu, Bias = false)]
[Dense(2, Activation.Sigmoid, Bias = false)]
public partial class GcSigmoidBinaryCrossEntropyReluS5x7x2Limit20NoBias;

/// <summary>5-7-3-2, Linear everywhere, SquaredError, UnrollLimit = 0.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(5)]
[Dense(7, Activation.Linear)]
[Dense(3, Activation.Linear)]
[Dense(2, Activation.Linear)]
public partial class GcLinearSquaredErrorS5x7x3x2Loops;

/// <summary>5-7-3-2, Sigmoid everywhere, HalfSquaredError, UnrollLimit = 0.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(5)]
[Dense(7, Activation.Sigmoid)]
[Dense(3, Activation.Sigmoid)]
[Dense(2, Activation.Sigmoid)]
public partial class GcSigmoidHalfSquaredErrorS5x7x3x2Loops;

/// <summary>5-7-3-2, Tanh everywhere, MeanSquaredError, UnrollLimit = 0.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(5)]
[Dense(7, Activation.Tanh)]
[Dense(3, Activation.Tanh)]
[Dense(2, Activation.Tanh)]
public partial class GcTanhMeanSquaredErrorS5x7x3x2Loops;

/// <summary>5-7-3-2, Relu everywhere, SquaredError, UnrollLimit = 0.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(5)]
[Dense(7, Activation.Relu)]
[Dense(3, Activation.Relu)]
[Dense(2, Activation.Relu)]
public partial class GcReluSquaredErrorS5x7x3x2Loops;

/// <summary>5-7-3-2, LeakyRelu everywhere, HalfSquaredError, UnrollLimit = 0.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(5)]
[Dense(7, Activation.LeakyRelu)]
[Dense(3, Activation.LeakyRelu)]
[Dense(2, Activation.LeakyRelu)]
public partial class GcLeakyReluHalfSquaredErrorS5x7x3x2Loops;

/// <summary>5-7-3-2, hidden Tanh, Softmax output, CrossEntropy.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double, UnrollLimit = 0)]
[Input(5)]
[Dense(7, Activation.Tanh)]
[Dense(3, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
public partial class GcSoftmaxCrossEntropyTanhS5x7x3x2Loops;

/// <summary>5-7-3-2, hidden LeakyRelu, Sigmoid output, BinaryCrossEntropy.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double, UnrollLimit = 0)]
[Input(5)]
[Dense(7, Activation.LeakyRelu)]
[Dense(3, Activation.LeakyRelu)]
[Dense(2, Activation.Sigmoid)]
public partial class GcSigmoidBinaryCrossEntropyLeakyReluS5x7x3x2Loops;

/// <summary>5-7-3-2, Linear everywhere, HalfSquaredError, no bias, UnrollLimit = 0.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(5)]
[Dense(7, Activation.Linear, Bias = false)]
[Dense(3, Activation.Linear, Bias = false)]
[Dense(2, Activation.Linear, Bias = false)]
public partial class GcLinearHalfSquaredErrorS5x7x3x2LoopsNoBias;

/// <summary>5-7-3-2, Sigmoid everywhere, MeanSquaredError, no bias, UnrollLimit = 0.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(5)]
[Dense(7, Activation.Sigmoid, Bias = false)]
[Dense(3, Activation.Sigmoid, Bias = false)]
[Dense(2, Activation.Sigmoid, Bias = false)]
public partial class GcSigmoidMeanSquaredErrorS5x7x3x2LoopsNoBias;

/// <summary>5-7-3-2, Tanh everywhere, SquaredError, no bias, UnrollLimit = 0.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(5)]
[Dense(7, Activation.Tanh, Bias = false)]
[Dense(3, Activation.Tanh, Bias = false)]
[Dense(2, Activation.Tanh, Bias = false)]
public partial class GcTanhSquaredErrorS5x7x3x2LoopsNoBias;

/// <summary>5-7-3-2, Relu everywhere, HalfSquaredError, no bias, UnrollLimit = 0.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(5)]
[Dense(7, Activation.Relu, Bias = false)]
[Dense(3, Activation.Relu, Bias = false)]
[Dense(2, Activation.Relu, Bias = false)]
public partial class GcReluHalfSquaredErrorS5x7x3x2LoopsNoBias;

/// <summary>5-7-3-2, LeakyRelu everywhere, MeanSquaredError, no bias, UnrollLimit = 0.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(5)]
[Dense(7, Activation.LeakyRelu, Bias = false)]
[Dense(3, Activation.LeakyRelu, Bias = false)]
[Dense(2, Activation.LeakyRelu, Bias = false)]
public partial class GcLeakyReluMeanSquaredErrorS5x7x3x2LoopsNoBias;

/// <summary>5-7-3-2, hidden Relu, Softmax output, CrossEntropy, no bias.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double, UnrollLimit = 0)]
[Input(5)]
[Dense(7, Activation.Relu, Bias = false)]
[Dense(3, Activation.Relu, Bias = false)]
[Dense(2, Activation.Softmax, Bias = false)]
public partial class GcSoftmaxCrossEntropyReluS5x7x3x2LoopsNoBias;

/// <summary>5-7-3-2, hidden Linear, Sigmoid output, BinaryCrossEntropy, no bias.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double, UnrollLimit = 0)]
[Input(5)]
[Dense(7, Activation.Linear, Bias = false)]
[Dense(3, Activation.Linear, Bias = false)]
[Dense(2, Activation.Sigmoid, Bias = false)]
public partial class GcSigmoidBinaryCrossEntropyLinearS5x7x3x2LoopsNoBias;

/// <summary>9-13-6, Linear everywhere, MeanSquaredError, UnrollLimit = 0.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(9)]
[Dense(13, Activation.Linear)]
[Dense(6, Activation.Linear)]
public partial class GcLinearMeanSquaredErrorS9x13x6Loops;

/// <summary>9-13-6, Sigmoid everywhere, SquaredError, UnrollLimit = 0.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(9)]
[Dense(13, Activation.Sigmoid)]
[Dense(6, Activation.Sigmoid)]
public partial class GcSigmoidSquaredErrorS9x13x6Loops;

/// <summary>9-13-6, Tanh everywhere, HalfSquaredError, UnrollLimit = 0.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(9)]
[Dense(13, Activation.Tanh)]
[Dense(6, Activation.Tanh)]
public partial class GcTanhHalfSquaredErrorS9x13x6Loops;

/// <summary>9-13-6, Relu everywhere, MeanSquaredError, UnrollLimit = 0.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(9)]
[Dense(13, Activation.Relu)]
[Dense(6, Activation.Relu)]
public partial class GcReluMeanSquaredErrorS9x13x6Loops;

/// <summary>9-13-6, LeakyRelu everywhere, SquaredError, UnrollLimit = 0.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(9)]
[Dense(13, Activation.LeakyRelu)]
[Dense(6, Activation.LeakyRelu)]
public partial class GcLeakyReluSquaredErrorS9x13x6Loops;

/// <summary>9-13-6, hidden LeakyRelu, Softmax output, CrossEntropy.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double, UnrollLimit = 0)]
[Input(9)]
[Dense(13, Activation.LeakyRelu)]
[Dense(6, Activation.Softmax)]
public partial class GcSoftmaxCrossEntropyLeakyReluS9x13x6Loops;

/// <summary>9-13-6, hidden Sigmoid, Sigmoid output, BinaryCrossEntropy.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double, UnrollLimit = 0)]
[Input(9)]
[Dense(13, Activation.Sigmoid)]
[Dense(6, Activation.Sigmoid)]
public partial class GcSigmoidBinaryCrossEntropySigmoidS9x13x6Loops;

/// <summary>9-13-6, Linear everywhere, SquaredError, no bias, UnrollLimit = 0.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(9)]
[Dense(13, Activation.Linear, Bias = false)]
[Dense(6, Activation.Linear, Bias = false)]
public partial class GcLinearSquaredErrorS9x13x6LoopsNoBias;

/// <summary>9-13-6, Sigmoid everywhere, HalfSquaredError, no bias, UnrollLimit = 0.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(9)]
[Dense(13, Activation.Sigmoid, Bias = false)]
[Dense(6, Activation.Sigmoid, Bias = false)]
public partial class GcSigmoidHalfSquaredErrorS9x13x6LoopsNoBias;

/// <summary>9-13-6, Tanh everywhere, MeanSquaredError, no bias, UnrollLimit = 0.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(9)]
[Dense(13, Activation.Tanh, Bias = false)]
[Dense(6, Activation.Tanh, Bias = false)]
public partial class GcTanhMeanSquaredErrorS9x13x6LoopsNoBias;

/// <summary>9-13-6, Relu everywhere, SquaredError, no bias, UnrollLimit = 0.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(9)]
[Dense(13, Activation.Relu, Bias = false)]
[Dense(6, Activation.Relu, Bias = false)]
public partial class GcReluSquaredErrorS9x13x6LoopsNoBias;

/// <summary>9-13-6, LeakyRelu everywhere, HalfSquaredError, no bias, UnrollLimit = 0.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double, UnrollLimit = 0)]
[Input(9)]
[Dense(13, Activation.LeakyRelu, Bias = false)]
[Dense(6, Activation.LeakyRelu, Bias = false)]
public partial class GcLeakyReluHalfSquaredErrorS9x13x6LoopsNoBias;

/// <summary>9-13-6, hidden Linear, Softmax output, CrossEntropy, no bias.</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double, UnrollLimit = 0)]
[Input(9)]
[Dense(13, Activation.Linear, Bias = false)]
[Dense(6, Activation.Softmax, Bias = false)]
public partial class GcSoftmaxCrossEntropyLinearS9x13x6LoopsNoBias;

/// <summary>9-13-6, hidden Tanh, Sigmoid output, BinaryCrossEntropy, no bias.</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double, UnrollLimit = 0)]
[Input(9)]
[Dense(13, Activation.Tanh, Bias = false)]
[Dense(6, Activation.Sigmoid, Bias = false)]
public partial class GcSigmoidBinaryCrossEntropyTanhS9x13x6LoopsNoBias;

/// <summary>Every network above, for the theory data of the gradient checks.</summary>
public static class GradientCheckNetworks
{
    public static readonly Type[] All =
    [
        typeof(GcLinearSquaredErrorS1x1),
        typeof(GcSigmoidHalfSquaredErrorS1x1),
        typeof(GcTanhMeanSquaredErrorS1x1),
        typeof(GcReluSquaredErrorS1x1),
        typeof(GcLeakyReluHalfSquaredErrorS1x1),
        typeof(GcSoftmaxCrossEntropyS1x1),
        typeof(GcSigmoidBinaryCrossEntropyS1x1),
        typeof(GcLinearHalfSquaredErrorS1x1NoBias),
        typeof(GcSigmoidMeanSquaredErrorS1x1NoBias),
        typeof(GcTanhSquaredErrorS1x1NoBias),
        typeof(GcReluHalfSquaredErrorS1x1NoBias),
        typeof(GcLeakyReluMeanSquaredErrorS1x1NoBias),
        typeof(GcSoftmaxCrossEntropyS1x1NoBias),
        typeof(GcSigmoidBinaryCrossEntropyS1x1NoBias),
        typeof(GcLinearMeanSquaredErrorS3x1),
        typeof(GcSigmoidSquaredErrorS3x1),
        typeof(GcTanhHalfSquaredErrorS3x1),
        typeof(GcReluMeanSquaredErrorS3x1),
        typeof(GcLeakyReluSquaredErrorS3x1),
        typeof(GcSoftmaxCrossEntropyS3x1),
        typeof(GcSigmoidBinaryCrossEntropyS3x1),
        typeof(GcLinearSquaredErrorS3x1NoBias),
        typeof(GcSigmoidHalfSquaredErrorS3x1NoBias),
        typeof(GcTanhMeanSquaredErrorS3x1NoBias),
        typeof(GcReluSquaredErrorS3x1NoBias),
        typeof(GcLeakyReluHalfSquaredErrorS3x1NoBias),
        typeof(GcSoftmaxCrossEntropyS3x1NoBias),
        typeof(GcSigmoidBinaryCrossEntropyS3x1NoBias),
        typeof(GcLinearHalfSquaredErrorS1x3),
        typeof(GcSigmoidMeanSquaredErrorS1x3),
        typeof(GcTanhSquaredErrorS1x3),
        typeof(GcReluHalfSquaredErrorS1x3),
        typeof(GcLeakyReluMeanSquaredErrorS1x3),
        typeof(GcSoftmaxCrossEntropyS1x3),
        typeof(GcSigmoidBinaryCrossEntropyS1x3),
        typeof(GcLinearMeanSquaredErrorS1x3NoBias),
        typeof(GcSigmoidSquaredErrorS1x3NoBias),
        typeof(GcTanhHalfSquaredErrorS1x3NoBias),
        typeof(GcReluMeanSquaredErrorS1x3NoBias),
        typeof(GcLeakyReluSquaredErrorS1x3NoBias),
        typeof(GcSoftmaxCrossEntropyS1x3NoBias),
        typeof(GcSigmoidBinaryCrossEntropyS1x3NoBias),
        typeof(GcLinearSquaredErrorS3x4x1),
        typeof(GcSigmoidHalfSquaredErrorS3x4x1),
        typeof(GcTanhMeanSquaredErrorS3x4x1),
        typeof(GcReluSquaredErrorS3x4x1),
        typeof(GcLeakyReluHalfSquaredErrorS3x4x1),
        typeof(GcSoftmaxCrossEntropySigmoidS3x4x1),
        typeof(GcSigmoidBinaryCrossEntropyReluS3x4x1),
        typeof(GcLinearHalfSquaredErrorS3x4x1NoBias),
        typeof(GcSigmoidMeanSquaredErrorS3x4x1NoBias),
        typeof(GcTanhSquaredErrorS3x4x1NoBias),
        typeof(GcReluHalfSquaredErrorS3x4x1NoBias),
        typeof(GcLeakyReluMeanSquaredErrorS3x4x1NoBias),
        typeof(GcSoftmaxCrossEntropyTanhS3x4x1NoBias),
        typeof(GcSigmoidBinaryCrossEntropyLeakyReluS3x4x1NoBias),
        typeof(GcLinearMeanSquaredErrorS5x7x3x2),
        typeof(GcSigmoidSquaredErrorS5x7x3x2),
        typeof(GcTanhHalfSquaredErrorS5x7x3x2),
        typeof(GcReluMeanSquaredErrorS5x7x3x2),
        typeof(GcLeakyReluSquaredErrorS5x7x3x2),
        typeof(GcSoftmaxCrossEntropyReluS5x7x3x2),
        typeof(GcSigmoidBinaryCrossEntropyLinearS5x7x3x2),
        typeof(GcLinearSquaredErrorS5x7x3x2NoBias),
        typeof(GcSigmoidHalfSquaredErrorS5x7x3x2NoBias),
        typeof(GcTanhMeanSquaredErrorS5x7x3x2NoBias),
        typeof(GcReluSquaredErrorS5x7x3x2NoBias),
        typeof(GcLeakyReluHalfSquaredErrorS5x7x3x2NoBias),
        typeof(GcSoftmaxCrossEntropyLeakyReluS5x7x3x2NoBias),
        typeof(GcSigmoidBinaryCrossEntropySigmoidS5x7x3x2NoBias),
        typeof(GcLinearHalfSquaredErrorS5x7x2Limit20),
        typeof(GcSigmoidMeanSquaredErrorS5x7x2Limit20),
        typeof(GcTanhSquaredErrorS5x7x2Limit20),
        typeof(GcReluHalfSquaredErrorS5x7x2Limit20),
        typeof(GcLeakyReluMeanSquaredErrorS5x7x2Limit20),
        typeof(GcSoftmaxCrossEntropyLinearS5x7x2Limit20),
        typeof(GcSigmoidBinaryCrossEntropyTanhS5x7x2Limit20),
        typeof(GcLinearMeanSquaredErrorS5x7x2Limit20NoBias),
        typeof(GcSigmoidSquaredErrorS5x7x2Limit20NoBias),
        typeof(GcTanhHalfSquaredErrorS5x7x2Limit20NoBias),
        typeof(GcReluMeanSquaredErrorS5x7x2Limit20NoBias),
        typeof(GcLeakyReluSquaredErrorS5x7x2Limit20NoBias),
        typeof(GcSoftmaxCrossEntropySigmoidS5x7x2Limit20NoBias),
        typeof(GcSigmoidBinaryCrossEntropyReluS5x7x2Limit20NoBias),
        typeof(GcLinearSquaredErrorS5x7x3x2Loops),
        typeof(GcSigmoidHalfSquaredErrorS5x7x3x2Loops),
        typeof(GcTanhMeanSquaredErrorS5x7x3x2Loops),
        typeof(GcReluSquaredErrorS5x7x3x2Loops),
        typeof(GcLeakyReluHalfSquaredErrorS5x7x3x2Loops),
        typeof(GcSoftmaxCrossEntropyTanhS5x7x3x2Loops),
        typeof(GcSigmoidBinaryCrossEntropyLeakyReluS5x7x3x2Loops),
        typeof(GcLinearHalfSquaredErrorS5x7x3x2LoopsNoBias),
        typeof(GcSigmoidMeanSquaredErrorS5x7x3x2LoopsNoBias),
        typeof(GcTanhSquaredErrorS5x7x3x2LoopsNoBias),
        typeof(GcReluHalfSquaredErrorS5x7x3x2LoopsNoBias),
        typeof(GcLeakyReluMeanSquaredErrorS5x7x3x2LoopsNoBias),
        typeof(GcSoftmaxCrossEntropyReluS5x7x3x2LoopsNoBias),
        typeof(GcSigmoidBinaryCrossEntropyLinearS5x7x3x2LoopsNoBias),
        typeof(GcLinearMeanSquaredErrorS9x13x6Loops),
        typeof(GcSigmoidSquaredErrorS9x13x6Loops),
        typeof(GcTanhHalfSquaredErrorS9x13x6Loops),
        typeof(GcReluMeanSquaredErrorS9x13x6Loops),
        typeof(GcLeakyReluSquaredErrorS9x13x6Loops),
        typeof(GcSoftmaxCrossEntropyLeakyReluS9x13x6Loops),
        typeof(GcSigmoidBinaryCrossEntropySigmoidS9x13x6Loops),
        typeof(GcLinearSquaredErrorS9x13x6LoopsNoBias),
        typeof(GcSigmoidHalfSquaredErrorS9x13x6LoopsNoBias),
        typeof(GcTanhMeanSquaredErrorS9x13x6LoopsNoBias),
        typeof(GcReluSquaredErrorS9x13x6LoopsNoBias),
        typeof(GcLeakyReluHalfSquaredErrorS9x13x6LoopsNoBias),
        typeof(GcSoftmaxCrossEntropyLinearS9x13x6LoopsNoBias),
        typeof(GcSigmoidBinaryCrossEntropyTanhS9x13x6LoopsNoBias),
    ];
}
