using CompiledNets;

namespace Samples.Xor;

/// <summary>
/// The 3-4-1 network of the from-scratch tutorial: three inputs (the third always 1, standing in for a bias),
/// four sigmoid hidden neurons, one sigmoid output, no biases, trained on the sum of squared errors.
/// </summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(4, Activation.Sigmoid, Bias = false, Name = "Hidden")]
[Dense(1, Activation.Sigmoid, Bias = false, Name = "Output")]
public partial class XorNetwork;
