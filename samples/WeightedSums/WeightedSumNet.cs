using CompiledNets;

namespace Samples.WeightedSums;

/// <summary>One prediction (win?) from three inputs (toes, win/loss record, fans): pred = w . input.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(1, Bias = false)]
public partial class WeightedSumNet;
