using CompiledNets.Tests.Shared;
using CompiledNets.Training;

namespace CompiledNets.Tests.Training;

/// <summary>
/// Every optimizer against PyTorch's <c>torch.optim</c> on the same three steps: the parameters and gradients of
/// <c>Fixtures/torch_optimizers.py</c>, which printed the expected table below (float64 and float32 runs).
/// </summary>
public sealed class OptimizerPyTorchTests
{
    private static readonly double[] Start = [0.5, -1.25, 2.0, 0.0, -0.75];

    private static readonly double[][] Gradients =
    [
        [0.3, -0.2, 1.5, 0.0, 0.01],
        [-0.1, -0.4, 1.0, 0.0, 0.02],
        [0.25, 0.05, -2.0, 0.0, -0.03],
    ];

    // torch 1.13.0a0: parameters after three steps, in float64 and in float32
    public static TheoryData<string, double[], float[]> PyTorch => new()
    {
        { "sgd", new double[] { 0.45499999999999996, -1.1949999999999998, 1.95, 0.0, -0.75 }, new float[] { 0.45499998331069946f, -1.1950000524520874f, 1.9500000476837158f, 0.0f, -0.7499999403953552f } },
        { "momentum", new double[] { 0.41269999999999996, -1.1248, 1.6035, 0.0, -0.75351 }, new float[] { 0.41269999742507935f, -1.1248000860214233f, 1.6035000085830688f, 0.0f, -0.7535099983215332f } },
        { "nesterov", new double[] { 0.37643, -1.08232, 1.59315, 0.0, -0.753159 }, new float[] { 0.3764299750328064f, -1.082319974899292f, 1.5931501388549805f, 0.0f, -0.7531590461730957f } },
        { "momentum-decay", new double[] { 0.4100013695, -1.11790947875, 1.592959448, 0.0, -0.7493003002499999 }, new float[] { 0.41000136733055115f, -1.1179094314575195f, 1.5929595232009888f, 0.0f, -0.7493002414703369f } },
        { "momentum-clip", new double[] { 0.4762331932146857, -1.198548911327256, 1.8300361265607723, 0.0, -0.7518906490232243 }, new float[] { 0.47623318433761597f, -1.1985490322113037f, 1.8300360441207886f, 0.0f, -0.7518906593322754f } },
        { "adam", new double[] { 0.47960773293962256, -1.2236437624362433, 1.9800235385302651, 0.0, -0.7689858143072154 }, new float[] { 0.4796077311038971f, -1.2236437797546387f, 1.9800235033035278f, 0.0f, -0.7689858675003052f } },
        { "adam-decay", new double[] { 0.47930823379291565, -1.2233734325314158, 1.979888840229396, 0.0, -0.7646808312991883 }, new float[] { 0.47930824756622314f, -1.2233734130859375f, 1.9798887968063354f, 0.0f, -0.764680802822113f } },
        { "adam-clip", new double[] { 0.4826984331470138, -1.2241213802346347, 1.978456449881482, 0.0, -0.7706405217326778 }, new float[] { 0.4826984107494354f, -1.224121332168579f, 1.9784564971923828f, 0.0f, -0.77064049243927f } },
        { "adamw", new double[] { 0.47813322462449676, -1.219927153005197, 1.9740592300513367, 0.0, -0.7667084217630505 }, new float[] { 0.4781332314014435f, -1.219927191734314f, 1.9740593433380127f, 0.0f, -0.766708493232727f } },
    };

    /// <summary>The script's constructors, with the same arguments.</summary>
    private static Optimizer Create(string name) => name switch
    {
        "sgd" => new Sgd(0.1),
        "momentum" => new Sgd(0.1, momentum: 0.9),
        "nesterov" => new Sgd(0.1, momentum: 0.9, nesterov: true),
        "momentum-decay" => new Sgd(0.1, momentum: 0.9) { WeightDecay = 0.01 },
        "momentum-clip" => new Sgd(0.1, momentum: 0.9) { MaxGradientNorm = 0.5 },
        "adam" => new Adam(0.01),
        "adam-decay" => new Adam(0.01) { WeightDecay = 0.01 },
        "adam-clip" => new Adam(0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-6) { MaxGradientNorm = 0.5 },
        "adamw" => new AdamW(0.01, weightDecay: 0.1),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(PyTorch))]
    public void Three_steps_in_double_match_PyTorch_float64(string name, double[] expected, float[] _)
    {
        double[] parameters = (double[])Start.Clone();
        Optimizer optimizer = Create(name);

        foreach (double[] gradient in Gradients)
            optimizer.Step<double>(parameters, gradient);

        // The same operations in the same order as PyTorch's CPU code, so only the last bit or two may differ.
        Near.AssertRelativeToLargest(expected, parameters, 1e-14);
        Assert.Equal(3, optimizer.Steps);
    }

    [Theory]
    [MemberData(nameof(PyTorch))]
    public void Three_steps_in_single_precision_match_PyTorch_float32(string name, double[] _, float[] expected)
    {
        float[] parameters = Start.Select(v => (float)v).ToArray();
        Optimizer optimizer = Create(name);

        foreach (double[] gradient in Gradients)
            optimizer.Step<float>(parameters, gradient.Select(v => (float)v).ToArray());

        // A few float roundings apart at most (PyTorch computes the clipping norm and the bias corrections differently).
        Near.AssertRelativeToLargest(expected.Select(v => (double)v).ToArray(), parameters.Select(v => (double)v).ToArray(), 1e-6);
    }
}
