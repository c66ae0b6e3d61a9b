namespace CompiledNets.Tests.Networks;

// Networks whose losses have kinks where the gradient check meets them: fresh ReLU networks on real digits and on
// all-zero inputs (Math/GradientCheckTests.cs).

/// <summary>A small digits convolution network in double: on real digits, ReLUs and max-pool windows near their kinks.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1, Precision = Precision.Double)]
[Input(1, 28, 28)]
[Conv2D(4, 5, Activation.Relu)]
[MaxPool2D(2)]
[Flatten]
[Dense(10, Activation.Softmax)]
public partial class ConvDigitsSmall;

/// <summary>A small digits network in double: under an all-zero input every hidden ReLU sits at 0, on its kink.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1, Precision = Precision.Double)]
[Input(784)]
[Dense(32, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class DenseDigitsSmall;

/// <summary>A smooth digits network in float: no kinks, but at float's step of 1e-2 its slopes left and right differ by curvature.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 1)]
[Input(784)]
[Dense(100, Activation.Tanh)]
[Dense(10, Activation.Softmax)]
public partial class TanhDigitsFloat;
