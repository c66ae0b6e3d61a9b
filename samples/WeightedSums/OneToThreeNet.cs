using CompiledNets;

namespace Samples.WeightedSums;

/// <summary>Three predictions (hurt? win? sad?) from one input (the win/loss record): pred[j] = input * w[j].</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(3, Bias = false)]
public partial class OneToThreeNet;
