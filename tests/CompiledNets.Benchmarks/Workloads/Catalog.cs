namespace CompiledNets.Benchmarks.Workloads;

/// <summary>
/// The FLOP count per example of each workload (BenchmarkCategory), used by the summary's GFLOP/s column.
/// Counting: a multiply-add is 2 FLOPs. Inference = 2 * MACs (MACs = weight count). A training example
/// (per-sample SGD step or one example of a mini-batch) = 6 * MACs: forward 2*MACs, backward ~2x the forward
/// (deltas W^T d: 2*MACs, weight gradient d x^T: 2*MACs; the first layer's unneeded W^T d is still counted, and the
/// mini-batch ApplyGradient, activations, softmax and bias terms are not). So GFLOP/s is "useful dense work", comparable
/// across implementations of the same workload, against the single-core FMA peak printed beside it.
/// </summary>
public static class Catalog
{
    public const string OneWeight = "W1 1-1 one weight, SGD step";
    public const string TinySgd = "W2 3-4-1 sigmoid, per-example SGD";
    public const string TinyFullBatch = "W2 3-4-1 sigmoid, 1500 full-batch iterations";
    public const string TinyBatch32 = "W2 3-4-1 sigmoid, mini-batch 32 through the trainer (momentum)";
    public const string DigitSgd = "W3 784-128-10, per-example SGD";
    public const string DigitBatch32 = "W3 784-128-10, mini-batch 32";
    public const string DigitPredict1 = "W4 784-128-10, inference batch 1";
    public const string DigitPredict256 = "W4 784-128-10, inference batch 256";
    public const string DigitEvaluate = "W4 784-128-10, Trainer.Evaluate of 1,024 examples";
    public const string DeepBatch64 = "W5 784-256-128-10 relu, mini-batch 64";
    public const string SampleSettings = "W6 digits sample: 784-128-10 relu, batch 16, momentum 0.9";

    public const string KernelForward = "K 784x128 forward kernel, batch 32";
    public const string KernelGradient = "K 784x128 weight-gradient kernel, batch 32";
    public const string OptimizerStep = "O 784-128-10 optimizer update alone (warm cache), per example of batch 32";

    public const string C1Train1 = "C1 conv8-pool-dense10, train batch 1";
    public const string C1Train32 = "C1 conv8-pool-dense10, train batch 32 (momentum)";
    public const string C1Predict1 = "C1 conv8-pool-dense10, inference batch 1";
    public const string C1Predict256 = "C1 conv8-pool-dense10, inference batch 256";
    public const string C2Train1 = "C2 conv16-pool-conv32-pool-dense10, train batch 1";
    public const string C2Train32 = "C2 conv16-pool-conv32-pool-dense10, train batch 32 (momentum)";
    public const string C2Predict1 = "C2 conv16-pool-conv32-pool-dense10, inference batch 1";
    public const string C2Predict256 = "C2 conv16-pool-conv32-pool-dense10, inference batch 256";

    // Convolution MACs: filters x patch size x output positions. Training = forward + weight gradient (same MACs) + input
    // deltas (same MACs, not for the first layer).
    private const double C1Conv = 8 * 25 * 24 * 24, C1Dense = 8 * 12 * 12 * 10;
    private const double C2Conv1 = 16 * 25 * 24 * 24, C2Conv2 = 32 * 16 * 25 * 8 * 8, C2Dense = 32 * 4 * 4 * 10;

    public const int DigitMacs = 784 * 128 + 128 * 10;
    public const int DigitParameters = DigitMacs + 128 + 10;
    public const int DeepMacs = 784 * 256 + 256 * 128 + 128 * 10;
    public const int TinyMacs = 3 * 4 + 4 * 1;

    public static readonly IReadOnlyDictionary<string, double> FlopsPerExample = new Dictionary<string, double>
    {
        [OneWeight] = 6 * 1,
        [TinySgd] = 6 * TinyMacs,
        [TinyFullBatch] = 6 * TinyMacs,
        [TinyBatch32] = 6 * TinyMacs,
        [DigitSgd] = 6 * DigitMacs,
        [DigitBatch32] = 6 * DigitMacs,
        [DigitPredict1] = 2 * DigitMacs,
        [DigitPredict256] = 2 * DigitMacs,
        [DigitEvaluate] = 2 * DigitMacs,
        [DeepBatch64] = 6 * DeepMacs,
        [SampleSettings] = 6 * DigitMacs,
        [KernelForward] = 2 * 784 * 128,
        [KernelGradient] = 2 * 784 * 128,
        [C1Train1] = 2 * (2 * C1Conv + 3 * C1Dense),
        [C1Train32] = 2 * (2 * C1Conv + 3 * C1Dense),
        [C1Predict1] = 2 * (C1Conv + C1Dense),
        [C1Predict256] = 2 * (C1Conv + C1Dense),
        [C2Train1] = 2 * (2 * C2Conv1 + 3 * C2Conv2 + 3 * C2Dense),
        [C2Train32] = 2 * (2 * C2Conv1 + 3 * C2Conv2 + 3 * C2Dense),
        [C2Predict1] = 2 * (C2Conv1 + C2Conv2 + C2Dense),
        [C2Predict256] = 2 * (C2Conv1 + C2Conv2 + C2Dense),
    };

    /// <summary>MACs of the UnrollLimit study's shapes (inputs-hidden-1).</summary>
    public static double UnrollMacs(int inputs, int hidden) => inputs * hidden + hidden;
}
