using CompiledNets.Training;

namespace CompiledNets.Tests.Training;

/// <summary>Every optimizer configuration by a short name, so a theory can run each one (xunit data must be serializable).</summary>
internal static class TestOptimizers
{
    public static readonly string[] Names = ["sgd", "momentum", "nesterov", "adam", "adamw", "clipped"];

    public static TheoryData<string> All => new(Names);

    public static Optimizer Create(string name, double rate = 0.01) => name switch
    {
        "sgd" => new Sgd(rate),
        "momentum" => new Sgd(rate, momentum: 0.9),
        "nesterov" => new Sgd(rate, momentum: 0.9, nesterov: true),
        "adam" => new Adam(rate),
        "adamw" => new AdamW(rate),
        // Clipped hard enough that every step clips, with L2 decay on top.
        "clipped" => new Sgd(rate, momentum: 0.9) { MaxGradientNorm = 0.01, WeightDecay = 1e-3 },
        // Without momentum, but not plain SGD either: the trainer must not take the network's fused TrainStep for them.
        "sgd-decayed" => new Sgd(rate) { WeightDecay = 1e-3 },
        "sgd-clipped" => new Sgd(rate) { MaxGradientNorm = 0.01 },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
