using CompiledNets.Data;
using CompiledNets.Numerics;

namespace CompiledNets.Tests.Training;

/// <summary>A small two-layer regression network with biases, in double so results can be compared bit for bit.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double, Seed = 5)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Linear)]
public partial class TrainerNet;

/// <summary>y = a x + b: an easy problem whose loss must fall every epoch.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double, Seed = 3)]
[Input(1)]
[Dense(1, Activation.Linear, Name = "Line")]
public partial class LineNet;

/// <summary>Prediction = input (identity weights, set by the tests): classification by hand.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double)]
[Input(3)]
[Dense(3, Activation.Linear, Bias = false, Name = "Identity")]
public partial class IdentityNet;

/// <summary>Softmax of the input (identity weights, set by the tests).</summary>
[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Input(2)]
[Dense(2, Activation.Softmax, Bias = false, Name = "Identity")]
public partial class SoftmaxIdentityNet;

/// <summary>Sigmoid of each input (identity weights, set by the tests).</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double)]
[Input(2)]
[Dense(2, Activation.Sigmoid, Bias = false, Name = "Identity")]
public partial class SigmoidIdentityNet;

/// <summary>One sigmoid output, the probability of class 1: a binary classifier (weights set by the tests).</summary>
[Network(Loss = Loss.BinaryCrossEntropy, Precision = Precision.Double)]
[Input(1)]
[Dense(1, Activation.Sigmoid, Name = "Logit")]
public partial class BinaryClassifierNet;

/// <summary>Every layer emitted as SIMD loops (UnrollLimit 0), hidden ReLU, sigmoid outputs.</summary>
[Network(Loss = Loss.MeanSquaredError, Precision = Precision.Double, Seed = 9, UnrollLimit = 0)]
[Input(10)]
[Dense(16, Activation.Relu)]
[Dense(3, Activation.Sigmoid)]
public partial class LoopNet;

/// <summary>A single-precision classifier: softmax output with cross-entropy.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 2)]
[Input(4)]
[Dense(8, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class FloatSoftmaxNet;

internal static class TrainingData
{
    /// <summary>
    /// <paramref name="count"/> random examples for any network: inputs uniform in [-1, 1); one-hot targets of a
    /// class that depends on the input (so the set can be learned), stored with their labels.
    /// </summary>
    public static Dataset<T> Random<TNet, T>(int count, long seed = 21)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new SplitMix64(seed);
        int inputSize = TNet.InputSize, classes = TNet.OutputSize;
        var inputs = new T[count * inputSize];
        var labels = new int[count];
        for (int n = 0; n < count; n++)
        {
            double sum = 0;
            for (int i = 0; i < inputSize; i++)
            {
                double value = 2 * random.NextDouble() - 1;
                inputs[n * inputSize + i] = T.CreateChecked(value);
                sum += value * (i % 2 == 0 ? 1 : -1);
            }

            labels[n] = Math.Clamp((int)((sum / Math.Sqrt(inputSize) + 1.5) * classes / 3), 0, classes - 1);
        }

        return Dataset<T>.FromLabels(inputs, inputSize, labels, classes);
    }

    /// <summary><paramref name="count"/> examples for <see cref="TrainerNet"/>: smooth targets of inputs uniform in [-1, 1).</summary>
    public static Dataset<double> ForTrainerNet(int count, long seed = 11)
    {
        var random = new SplitMix64(seed);
        var inputs = new double[count * 3];
        var targets = new double[count * 2];
        for (int n = 0; n < count; n++)
        {
            double a = 2 * random.NextDouble() - 1, b = 2 * random.NextDouble() - 1, c = 2 * random.NextDouble() - 1;
            (inputs[3 * n], inputs[3 * n + 1], inputs[3 * n + 2]) = (a, b, c);
            targets[2 * n] = Math.Sin(a + b);
            targets[2 * n + 1] = 0.5 * a * c - 0.25;
        }

        return new Dataset<double>(inputs, 3, targets, 2);
    }

    /// <summary>y = 2x + 1 at <paramref name="count"/> points in [-1, 1].</summary>
    public static Dataset<double> Line(int count)
    {
        var inputs = new double[count];
        var targets = new double[count];
        for (int n = 0; n < count; n++)
        {
            inputs[n] = -1 + 2.0 * n / (count - 1);
            targets[n] = 2 * inputs[n] + 1;
        }

        return new Dataset<double>(inputs, 1, targets, 1);
    }

    public static void SetIdentity(Span<double> weights, int size)
    {
        weights.Clear();
        for (int k = 0; k < size; k++)
            weights[k * size + k] = 1;
    }
}

/// <summary>An <see cref="IProgress{T}"/> that records reports synchronously (unlike <see cref="Progress{T}"/>, which posts them).</summary>
internal sealed class RecordingProgress<T> : IProgress<T>
{
    public List<T> Reports { get; } = [];

    public void Report(T value) => Reports.Add(value);
}
