using CompiledNets;

namespace Samples.WeightedSums;

/// <summary>Three predictions from three inputs: one weighted sum per prediction, pred[j] = sum_i W[j, i] * input[i].</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(3, Bias = false)]
public partial class ThreeToThreeNet;
