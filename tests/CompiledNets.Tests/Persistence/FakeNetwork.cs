using System.Numerics;

namespace CompiledNets.Tests.Persistence;

/// <summary>
/// A hand-written stand-in for a generated network, so the weights file can be tested without the generator:
/// a linear model y = w0 x0 + w1 x1 + b with half squared error. Parameters: w0, w1, b.
/// </summary>
public sealed class FakeNetwork<T> : INeuralNetwork<FakeNetwork<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public const string Description = "2 -> Dense(1, Identity)";

    private readonly T[] _parameters = new T[3];

    public static int InputSize => 2;
    public static int OutputSize => 1;
    public static int ParameterCount => 3;
    public static Loss Loss => Loss.HalfSquaredError;
    public static string Architecture => Description;
    public static IReadOnlyList<NetworkLayer> Layers { get; } =
        [NetworkLayer.Dense("Layer1", inputs: 2, units: 1, Activation.Linear, weightsOffset: 0, biasesOffset: 2)];

    public static FakeNetwork<T> Create()
    {
        var network = new FakeNetwork<T>();
        network.InitializeParameters(seed: 1);
        return network;
    }

    /// <summary>A network holding exactly <paramref name="parameters"/>.</summary>
    public static FakeNetwork<T> With(params T[] parameters)
    {
        var network = new FakeNetwork<T>();
        parameters.CopyTo(network.Parameters);
        return network;
    }

    public Span<T> Parameters => _parameters;

    public void Predict(ReadOnlySpan<T> input, Span<T> output) => output[0] = Output(input);

    public void PredictBatch(ReadOnlySpan<T> inputs, Span<T> outputs)
    {
        for (int i = 0; i < inputs.Length / InputSize; i++)
            outputs[i] = Output(inputs.Slice(i * InputSize, InputSize));
    }

    public T ComputeLoss(ReadOnlySpan<T> input, ReadOnlySpan<T> target) => HalfSquare(Output(input) - target[0]);

    /// <summary>When set, ComputeLossBatch throws for a batch whose first input value is this (errors on helper threads).</summary>
    public T? FailOnFirstInput { get; init; }

    public void ComputeLossBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> outputs, Span<T> losses)
    {
        if (FailOnFirstInput is { } marker && !inputs.IsEmpty && inputs[0] == marker)
            throw new InvalidOperationException($"the batch starting with {marker} fails");
        for (int i = 0; i < inputs.Length / InputSize; i++)
        {
            outputs[i] = Output(inputs.Slice(i * InputSize, InputSize));
            losses[i] = HalfSquare(outputs[i] - targets[i]);
        }
    }

    public T Backpropagate(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> gradient)
    {
        T error = Output(input) - target[0];
        gradient[0] += error * input[0];
        gradient[1] += error * input[1];
        gradient[2] += error;
        return HalfSquare(error);
    }

    public T BackpropagateBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> gradient)
    {
        T loss = T.Zero;
        for (int i = 0; i < inputs.Length / InputSize; i++)
            loss += Backpropagate(inputs.Slice(i * InputSize, InputSize), targets.Slice(i * OutputSize, OutputSize), gradient);
        return loss;
    }

    public void ApplyGradient(ReadOnlySpan<T> gradient, T scale)
    {
        for (int i = 0; i < _parameters.Length; i++)
            _parameters[i] -= scale * gradient[i];
    }

    public T TrainStep(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T learningRate)
    {
        Span<T> gradient = stackalloc T[ParameterCount];
        gradient.Clear();
        T loss = Backpropagate(input, target, gradient);
        ApplyGradient(gradient, learningRate);
        return loss;
    }

    public void InitializeParameters(int seed)
    {
        // Xavier uniform for 2 inputs and 1 output: limit sqrt(6 / 3).
        var random = new Random(seed);
        double limit = Math.Sqrt(2.0);
        _parameters[0] = T.CreateChecked((2 * random.NextDouble() - 1) * limit);
        _parameters[1] = T.CreateChecked((2 * random.NextDouble() - 1) * limit);
        _parameters[2] = T.Zero;
    }

    private T Output(ReadOnlySpan<T> input) => _parameters[0] * input[0] + _parameters[1] * input[1] + _parameters[2];

    private static T HalfSquare(T error) => error * error / (T.One + T.One);
}
