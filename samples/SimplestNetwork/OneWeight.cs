using CompiledNets;

namespace Samples.SimplestNetwork;

/// <summary>pred = w * input: one input, one linear output, no bias.</summary>
[Network(Loss = Loss.HalfSquaredError, Precision = Precision.Double)]
[Input(1)]
[Dense(1, Activation.Linear, Bias = false, Name = "OneWeight")]
public partial class OneWeight;
