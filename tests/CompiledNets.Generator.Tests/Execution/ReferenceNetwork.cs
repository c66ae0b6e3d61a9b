using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Tests.Execution;

/// <summary>
/// A plain, loop-by-loop implementation of the math the generated code claims to do, in double, reading the same
/// parameter layout (per layer: weights row-major [outputs, inputs], then biases). Nothing clever, so it can be trusted.
/// </summary>
internal sealed class ReferenceNetwork(NetworkSpec spec)
{
    public double[] Predict(double[] parameters, double[] input) => Activations(parameters, input)[^1];

    /// <summary>a0 = input, then the outputs of every layer.</summary>
    public double[][] Activations(double[] parameters, double[] input)
    {
        var activations = new List<double[]> { input };
        int offset = 0;
        foreach (DenseLayerSpec layer in spec.Layers.Cast<DenseLayerSpec>())
        {
            double[] previous = activations[^1];
            var z = new double[layer.OutputSize];
            for (int j = 0; j < layer.OutputSize; j++)
            {
                double sum = 0;
                for (int i = 0; i < layer.InputSize; i++)
                    sum += parameters[offset + j * layer.InputSize + i] * previous[i];
                if (layer.HasBias)
                    sum += parameters[offset + layer.WeightCount + j];
                z[j] = sum;
            }

            offset += layer.ParameterCount;
            activations.Add(Activate(layer.Activation, z));
        }

        return activations.ToArray();
    }

    private static double[] Activate(ActivationKind activation, double[] z)
    {
        if (activation == ActivationKind.Softmax)
        {
            double max = z.Max();
            double[] e = z.Select(value => Math.Exp(value - max)).ToArray();
            double sum = e.Sum();
            return e.Select(value => value / sum).ToArray();
        }

        return z.Select(value => activation switch
        {
            ActivationKind.Linear => value,
            ActivationKind.Sigmoid => 1 / (1 + Math.Exp(-value)),
            ActivationKind.Tanh => Math.Tanh(value),
            ActivationKind.Relu => Math.Max(value, 0),
            ActivationKind.LeakyRelu => value > 0 ? value : 0.01 * value,
            _ => throw new ArgumentOutOfRangeException(nameof(activation)),
        }).ToArray();
    }

    public double Loss(double[] parameters, double[] input, double[] target)
    {
        double[] p = Predict(parameters, input);
        double sum = 0;
        for (int k = 0; k < p.Length; k++)
        {
            sum += spec.Loss switch
            {
                LossKind.CrossEntropy => -target[k] * Math.Log(p[k]),
                LossKind.BinaryCrossEntropy => -(target[k] * Math.Log(p[k]) + (1 - target[k]) * Math.Log(1 - p[k])),
                _ => (p[k] - target[k]) * (p[k] - target[k]),
            };
        }

        return spec.Loss switch
        {
            LossKind.HalfSquaredError => sum / 2,
            LossKind.MeanSquaredError => sum / p.Length,
            _ => sum,
        };
    }

    /// <summary>dLoss/dParameters[index] by central differences.</summary>
    public double FiniteDifference(double[] parameters, double[] input, double[] target, int index, double step = 1e-6)
    {
        double[] moved = (double[])parameters.Clone();
        moved[index] = parameters[index] + step;
        double up = Loss(moved, input, target);
        moved[index] = parameters[index] - step;
        double down = Loss(moved, input, target);
        return (up - down) / (2 * step);
    }
}
