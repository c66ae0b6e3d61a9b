using CompiledNets;

namespace Samples.Digits;

/// <summary>
/// The from-scratch tutorial's network: 784-100 tanh, 100-50 tanh, 50-10 tanh, mean squared error.
/// The tutorial shows a softmax of the last tanh outputs; softmax keeps their order, so the predicted digit
/// (the largest output) is the same, and training follows the tutorial's mean squared error on the tanh outputs.
/// </summary>
[Network(Loss = Loss.MeanSquaredError, Seed = 1)]
[Input(784)]
[Dense(100, Activation.Tanh)]
[Dense(50, Activation.Tanh)]
[Dense(10, Activation.Tanh)]
public partial class TutorialNet;
