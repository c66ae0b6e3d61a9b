using System.Globalization;
using System.Text.RegularExpressions;

namespace CompiledNets.Tests.Shared;

/// <summary>One dense layer of a <see cref="ReferenceNetwork"/>.</summary>
internal sealed record ReferenceLayer(int Units, Activation Activation, bool Bias = true);

/// <summary>
/// The forward pass, loss and gradient of one example, as computed by <see cref="ReferenceNetwork"/>. The gradient is
/// empty for networks with image layers, whose gradient is checked by finite differences instead.
/// </summary>
internal sealed record ReferenceResult(double[] Output, double Loss, double[] Gradient);

/// <summary>
/// The one reference implementation of the test projects (CompiledNets.Tests and CompiledNets.ScalarPath.Tests compile
/// this folder, CompiledNets.Generator.Tests links this file): double precision, arrays and loops, nothing shared with
/// the generator or the runtime's kernels. A new layer kind extends <see cref="Run"/>.
/// A plain, independent implementation of a dense network, written from the formulas of the public documentation
/// (Activation, Loss, DenseAttribute) rather than from the generator: it keeps every z, takes the activation
/// derivatives from z (1 / cosh^2 z for tanh, s(z)(1 - s(z)) for sigmoid, the step for relu), computes the losses
/// naively from p (log p, log(1 - p)), and backpropagates softmax + cross-entropy and sigmoid + binary
/// cross-entropy through the full Jacobians instead of the fused p - t. Parameters are read in the documented
/// layout: layer by layer, weights row-major [units, inputs], then the biases.
/// </summary>
internal sealed class ReferenceNetwork
{
    public ReferenceNetwork(int inputs, Loss loss, params ReferenceLayer[] layers)
    {
        Inputs = inputs;
        Loss = loss;
        Layers = layers;
        ImageInput = (inputs, 1, 1);
        ImageLayers = [];
    }

    /// <summary>A network of images: <paramref name="imageLayers"/> (ending in a flatten) on an input of <paramref name="input"/>, then the dense layers.</summary>
    public ReferenceNetwork((int Channels, int Height, int Width) input, IReadOnlyList<ReferenceImageLayer> imageLayers, Loss loss, params ReferenceLayer[] layers)
    {
        ImageInput = input;
        ImageLayers = imageLayers;
        (int Channels, int Height, int Width) shape = input;
        foreach (ReferenceImageLayer layer in imageLayers)
            shape = layer.OutputShape(shape);
        Inputs = input.Channels * input.Height * input.Width;
        DenseInputs = shape.Channels * shape.Height * shape.Width;
        Loss = loss;
        Layers = layers;
    }

    public int Inputs { get; }

    /// <summary>The input as channels x height x width (a flat input is n x 1 x 1).</summary>
    public (int Channels, int Height, int Width) ImageInput { get; }

    /// <summary>The image layers before the dense ones; <see cref="Run"/> computes no gradient through them (use <see cref="FiniteDifference"/>).</summary>
    public IReadOnlyList<ReferenceImageLayer> ImageLayers { get; }

    /// <summary>What the first dense layer reads: the input, or the image layers' flattened output.</summary>
    private int? DenseInputs { get; }

    private int ImageParameterCount
    {
        get
        {
            int count = 0;
            (int Channels, int Height, int Width) shape = ImageInput;
            foreach (ReferenceImageLayer layer in ImageLayers)
            {
                count += layer.ParameterCount(shape);
                shape = layer.OutputShape(shape);
            }

            return count;
        }
    }

    public Loss Loss { get; }

    public IReadOnlyList<ReferenceLayer> Layers { get; }

    public int ParameterCount
    {
        get
        {
            int count = ImageParameterCount, inputs = DenseInputs ?? Inputs;
            foreach (ReferenceLayer layer in Layers)
            {
                count += layer.Units * inputs + (layer.Bias ? layer.Units : 0);
                inputs = layer.Units;
            }

            return count;
        }
    }

    /// <summary>Reads an architecture string such as <c>3 -> Dense(4, Tanh) -> Dense(1, Sigmoid, no bias)</c>.</summary>
    public static ReferenceNetwork Parse(string architecture, Loss loss)
    {
        string[] parts = architecture.Split(" -> ");
        int inputs = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var layers = new List<ReferenceLayer>();
        foreach (string part in parts.Skip(1))
        {
            Match match = Regex.Match(part, @"^Dense\((\d+), (\w+)(, no bias)?\)$");
            Assert.True(match.Success, $"unexpected layer '{part}' in '{architecture}'");
            layers.Add(new ReferenceLayer(
                int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
                Enum.Parse<Activation>(match.Groups[2].Value),
                !match.Groups[3].Success));
        }

        return new ReferenceNetwork(inputs, loss, layers.ToArray());
    }

    /// <summary>The prediction p for one input.</summary>
    public double[] Predict(ReadOnlySpan<double> parameters, ReadOnlySpan<double> input)
    {
        // The target only feeds the loss: any of the right length will do.
        return Run(parameters.ToArray(), input.ToArray(), new double[OutputCount]).Output;
    }

    /// <summary>The loss of one example.</summary>
    public double LossOf(ReadOnlySpan<double> parameters, ReadOnlySpan<double> input, ReadOnlySpan<double> target)
        => Run(parameters.ToArray(), input.ToArray(), target.ToArray()).Loss;

    /// <summary>dLoss/dParameters[index] by central differences: a check on <see cref="Run"/>'s gradient that uses none of it.</summary>
    public double FiniteDifference(ReadOnlySpan<double> parameters, ReadOnlySpan<double> input, ReadOnlySpan<double> target, int index,
        double step = 1e-6)
    {
        double[] moved = parameters.ToArray();
        moved[index] = parameters[index] + step;
        double up = LossOf(moved, input, target);
        moved[index] = parameters[index] - step;
        double down = LossOf(moved, input, target);
        return (up - down) / (2 * step);
    }

    /// <summary>The units of the last layer: the length of a prediction and of a target.</summary>
    public int OutputCount => Layers[^1].Units;

    public ReferenceResult Run(double[] parameters, double[] input, double[] target)
    {
        Assert.Equal(ParameterCount, parameters.Length);
        Assert.Equal(Inputs, input.Length);
        int count = Layers.Count;
        var activations = new double[count + 1][];
        var sums = new double[count][];
        var weightOffsets = new int[count];
        var biasOffsets = new int[count];
        // The image layers, if any, then the dense layers on their flattened output.
        int offset = 0;
        (int Channels, int Height, int Width) shape = ImageInput;
        double[] flat = input;
        foreach (ReferenceImageLayer imageLayer in ImageLayers)
            flat = imageLayer.Forward(parameters, ref offset, flat, ref shape);
        activations[0] = flat;

        // Forward: z = W a + b, a = f(z).
        for (int l = 0; l < count; l++)
        {
            ReferenceLayer layer = Layers[l];
            double[] previous = activations[l];
            weightOffsets[l] = offset;
            offset += layer.Units * previous.Length;
            biasOffsets[l] = layer.Bias ? offset : -1;
            if (layer.Bias)
                offset += layer.Units;

            var z = new double[layer.Units];
            for (int j = 0; j < layer.Units; j++)
            {
                double sum = layer.Bias ? parameters[biasOffsets[l] + j] : 0;
                for (int i = 0; i < previous.Length; i++)
                    sum += parameters[weightOffsets[l] + j * previous.Length + i] * previous[i];
                z[j] = sum;
            }

            sums[l] = z;
            activations[l + 1] = Activate(layer.Activation, z);
        }

        double[] p = activations[count];
        Assert.Equal(p.Length, target.Length);
        int n = p.Length;

        // Loss and dL/dp.
        double loss = 0;
        var dLdp = new double[n];
        for (int k = 0; k < n; k++)
        {
            double error = p[k] - target[k];
            switch (Loss)
            {
                case Loss.SquaredError:
                    loss += error * error;
                    dLdp[k] = 2 * error;
                    break;
                case Loss.HalfSquaredError:
                    loss += 0.5 * error * error;
                    dLdp[k] = error;
                    break;
                case Loss.MeanSquaredError:
                    loss += error * error / n;
                    dLdp[k] = 2 * error / n;
                    break;
                case Loss.CrossEntropy:
                    loss -= target[k] * System.Math.Log(p[k]);
                    dLdp[k] = -target[k] / p[k];
                    break;
                case Loss.BinaryCrossEntropy:
                    loss -= target[k] * System.Math.Log(p[k]) + (1 - target[k]) * System.Math.Log(1 - p[k]);
                    dLdp[k] = -target[k] / p[k] + (1 - target[k]) / (1 - p[k]);
                    break;
            }
        }

        if (ImageLayers.Count > 0)
            return new ReferenceResult(p, loss, []);

        // Backward: delta = dL/dz = J_f(z)^T dL/da; dW[j, i] = delta[j] a_prev[i]; db[j] = delta[j].
        var gradient = new double[ParameterCount];
        double[] dLda = dLdp;
        for (int l = count - 1; l >= 0; l--)
        {
            ReferenceLayer layer = Layers[l];
            double[] z = sums[l];
            double[] a = activations[l + 1];
            double[] previous = activations[l];
            var delta = new double[layer.Units];
            if (layer.Activation == Activation.Softmax)
            {
                // da_k/dz_j = a_k (delta_kj - a_j).
                for (int j = 0; j < layer.Units; j++)
                    for (int k = 0; k < layer.Units; k++)
                        delta[j] += dLda[k] * a[k] * ((k == j ? 1 : 0) - a[j]);
            }
            else
            {
                for (int j = 0; j < layer.Units; j++)
                    delta[j] = dLda[j] * Derivative(layer.Activation, z[j]);
            }

            var dLdPrevious = new double[previous.Length];
            for (int j = 0; j < layer.Units; j++)
            {
                for (int i = 0; i < previous.Length; i++)
                {
                    gradient[weightOffsets[l] + j * previous.Length + i] = delta[j] * previous[i];
                    dLdPrevious[i] += parameters[weightOffsets[l] + j * previous.Length + i] * delta[j];
                }

                if (layer.Bias)
                    gradient[biasOffsets[l] + j] = delta[j];
            }

            dLda = dLdPrevious;
        }

        return new ReferenceResult(p, loss, gradient);
    }

    private static double[] Activate(Activation activation, double[] z)
    {
        if (activation == Activation.Softmax)
        {
            double max = z.Max(); // exp(z - max): the same p, without overflow for large logits
            double[] e = z.Select(v => System.Math.Exp(v - max)).ToArray();
            double total = e.Sum();
            return e.Select(v => v / total).ToArray();
        }

        return z.Select(v => activation switch
        {
            Activation.Linear => v,
            Activation.Sigmoid => 1 / (1 + System.Math.Exp(-v)),
            Activation.Tanh => System.Math.Tanh(v),
            Activation.Relu => v > 0 ? v : 0,
            Activation.LeakyRelu => v > 0 ? v : 0.01 * v,
            _ => throw new ArgumentOutOfRangeException(nameof(activation)),
        }).ToArray();
    }

    private static double Derivative(Activation activation, double z)
    {
        switch (activation)
        {
            case Activation.Linear:
                return 1;
            case Activation.Sigmoid:
                double s = 1 / (1 + System.Math.Exp(-z));
                return s * (1 - s);
            case Activation.Tanh:
                double c = System.Math.Cosh(z);
                return 1 / (c * c);
            case Activation.Relu:
                return z > 0 ? 1 : 0;
            case Activation.LeakyRelu:
                return z > 0 ? 1 : 0.01;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation));
        }
    }
}
