using CompiledNets;

namespace CompiledNets.Tests.Shared;

/// <summary>
/// The textbook math of a dense network, written plainly with arrays and loops and nothing shared with the
/// generator, to check generated code against. Double precision throughout. The one reference of the test projects:
/// CompiledNets.Tests and CompiledNets.ScalarPath.Tests compile this folder, CompiledNets.Generator.Tests links this file.
/// </summary>
internal sealed class ReferenceMlp(int inputSize, (int Units, Activation Activation, bool Bias)[] layers, Loss loss)
{
    /// <summary>Reads parameters in the generated layout: per layer, weights row-major [units, inputs], then biases.</summary>
    public double[] Predict(ReadOnlySpan<double> parameters, ReadOnlySpan<double> input)
        => Forward(parameters, input)[^1];

    public double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<double> input, ReadOnlySpan<double> target)
    {
        double[] p = Predict(parameters, input);
        double sum = 0;
        for (int k = 0; k < p.Length; k++)
        {
            sum += loss switch
            {
                CompiledNets.Loss.CrossEntropy => -target[k] * Math.Log(p[k]),
                CompiledNets.Loss.BinaryCrossEntropy => -(target[k] * Math.Log(p[k]) + (1 - target[k]) * Math.Log(1 - p[k])),
                _ => (p[k] - target[k]) * (p[k] - target[k]),
            };
        }

        return loss switch
        {
            CompiledNets.Loss.HalfSquaredError => sum / 2,
            CompiledNets.Loss.MeanSquaredError => sum / p.Length,
            _ => sum,
        };
    }

    /// <summary>dLoss/dParameters[index] by central differences.</summary>
    public double FiniteDifference(ReadOnlySpan<double> parameters, ReadOnlySpan<double> input, ReadOnlySpan<double> target, int index,
        double step = 1e-6)
    {
        double[] moved = parameters.ToArray();
        moved[index] = parameters[index] + step;
        double up = Loss(moved, input, target);
        moved[index] = parameters[index] - step;
        double down = Loss(moved, input, target);
        return (up - down) / (2 * step);
    }

    private List<double[]> Forward(ReadOnlySpan<double> parameters, ReadOnlySpan<double> input)
    {
        var outputs = new List<double[]> { input.ToArray() };
        int offset = 0;
        int inputs = inputSize;
        foreach (var (units, activation, bias) in layers)
        {
            double[] previous = outputs[^1];
            var z = new double[units];
            for (int j = 0; j < units; j++)
            {
                double sum = 0;
                for (int i = 0; i < inputs; i++)
                    sum += parameters[offset + j * inputs + i] * previous[i];
                z[j] = sum;
            }

            offset += units * inputs;
            if (bias)
            {
                for (int j = 0; j < units; j++)
                    z[j] += parameters[offset + j];
                offset += units;
            }

            outputs.Add(Activate(z, activation));
            inputs = units;
        }

        return outputs;
    }

    private static double[] Activate(double[] z, Activation activation)
    {
        if (activation == Activation.Softmax)
        {
            double max = z.Max();
            double[] e = z.Select(v => Math.Exp(v - max)).ToArray();
            double total = e.Sum();
            return e.Select(v => v / total).ToArray();
        }

        return z.Select(v => activation switch
        {
            Activation.Sigmoid => 1 / (1 + Math.Exp(-v)),
            Activation.Tanh => Math.Tanh(v),
            Activation.Relu => Math.Max(v, 0),
            Activation.LeakyRelu => v > 0 ? v : 0.01 * v,
            _ => v,
        }).ToArray();
    }
}
