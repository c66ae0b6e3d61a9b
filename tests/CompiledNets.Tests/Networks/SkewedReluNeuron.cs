namespace CompiledNets.Tests.Networks;

/// <summary>
/// One ReLU neuron written by hand, y = relu(w x + b) with half squared error, whose backpropagation adds
/// <see cref="BiasGradientError"/> to dL/db: a network with a known wrong gradient, so that the gradient check can be
/// seen to fail. Parameters: w, b.
/// </summary>
public sealed class SkewedReluNeuron : INeuralNetwork<SkewedReluNeuron, double>
{
    private readonly double[] _parameters = new double[2];

    public static int InputSize => 1;
    public static int OutputSize => 1;
    public static int ParameterCount => 2;
    public static Loss Loss => Loss.HalfSquaredError;
    public static string Architecture => "1 -> Dense(1, Relu)";
    public static IReadOnlyList<NetworkLayer> Layers { get; } =
        [NetworkLayer.Dense("Layer1", inputs: 1, units: 1, Activation.Relu, weightsOffset: 0, biasesOffset: 1)];

    public static SkewedReluNeuron Create() => new();

    /// <summary>Added to the true dL/db (0 gives the correct gradient, with relu'(0) = 0 as in PyTorch).</summary>
    public double BiasGradientError { get; init; }

    public Span<double> Parameters => _parameters;

    public void Predict(ReadOnlySpan<double> input, Span<double> output) => output[0] = Output(input[0]);

    public void PredictBatch(ReadOnlySpan<double> inputs, Span<double> outputs)
    {
        for (int i = 0; i < inputs.Length; i++)
            outputs[i] = Output(inputs[i]);
    }

    public double ComputeLoss(ReadOnlySpan<double> input, ReadOnlySpan<double> target) => HalfSquare(Output(input[0]) - target[0]);

    public void ComputeLossBatch(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, Span<double> outputs, Span<double> losses)
    {
        for (int i = 0; i < inputs.Length; i++)
        {
            outputs[i] = Output(inputs[i]);
            losses[i] = HalfSquare(outputs[i] - targets[i]);
        }
    }

    public double Backpropagate(ReadOnlySpan<double> input, ReadOnlySpan<double> target, Span<double> gradient)
    {
        double z = _parameters[0] * input[0] + _parameters[1];
        double y = Math.Max(z, 0);
        double delta = z > 0 ? y - target[0] : 0; // dL/dz
        gradient[0] += delta * input[0];
        gradient[1] += delta + BiasGradientError;
        return HalfSquare(y - target[0]);
    }

    public double BackpropagateBatch(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, Span<double> gradient)
    {
        double loss = 0;
        for (int i = 0; i < inputs.Length; i++)
            loss += Backpropagate(inputs.Slice(i, 1), targets.Slice(i, 1), gradient);
        return loss;
    }

    public void ApplyGradient(ReadOnlySpan<double> gradient, double scale)
    {
        _parameters[0] -= scale * gradient[0];
        _parameters[1] -= scale * gradient[1];
    }

    public double TrainStep(ReadOnlySpan<double> input, ReadOnlySpan<double> target, double learningRate)
    {
        Span<double> gradient = stackalloc double[ParameterCount];
        gradient.Clear();
        double loss = Backpropagate(input, target, gradient);
        ApplyGradient(gradient, learningRate);
        return loss;
    }

    public void InitializeParameters(int seed) => _parameters.AsSpan().Clear();

    private double Output(double x) => Math.Max(_parameters[0] * x + _parameters[1], 0);

    private static double HalfSquare(double error) => error * error / 2;
}
