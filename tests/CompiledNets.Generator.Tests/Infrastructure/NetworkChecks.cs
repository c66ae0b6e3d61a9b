using System.Numerics;

namespace CompiledNets.Generator.Tests.Infrastructure;

/// <summary>What every generated network must do, whatever its declaration: the checks the fuzz tests run on each.</summary>
internal static class NetworkChecks
{
    /// <summary>
    /// PredictBatch, ComputeLossBatch and BackpropagateBatch over <paramref name="inputs"/> give what Predict,
    /// ComputeLoss and Backpropagate give one example at a time: outputs within <paramref name="outputTolerance"/>
    /// (and ComputeLossBatch's outputs PredictBatch's, bit for bit), losses within it of their size (or 1), the summed gradient within
    /// <paramref name="gradientTolerance"/> of its largest value (or 1). Tiles sum in another order, so only to rounding.
    /// </summary>
    public static void AssertBatchesMatchOneAtATime<T>(INetwork<T> network, T[] inputs, T[] targets,
        double outputTolerance, double gradientTolerance, string source)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int examples = inputs.Length / network.InputSize;
        T[] batchOutputs = network.PredictBatch(inputs);
        (T[] batchLosses, T[] lossOutputs) = network.ComputeLossBatch(inputs, targets);
        Assert.True(batchOutputs.AsSpan().SequenceEqual(lossOutputs), $"ComputeLossBatch outputs differ from PredictBatch's, for:\n{source}");
        var batchGradient = new T[network.ParameterCount];
        network.BackpropagateBatch(inputs, targets, batchGradient);
        var summedGradient = new double[network.ParameterCount];
        for (int n = 0; n < examples; n++)
        {
            T[] x = inputs[(n * network.InputSize)..((n + 1) * network.InputSize)];
            T[] output = network.Predict(x);
            for (int k = 0; k < output.Length; k++)
            {
                double difference = double.CreateChecked(T.Abs(output[k] - batchOutputs[n * output.Length + k]));
                Assert.True(difference <= outputTolerance, $"PredictBatch example {n}, output {k}, for:\n{source}");
            }

            T[] target = targets[(n * network.OutputSize)..((n + 1) * network.OutputSize)];
            double loss = double.CreateChecked(network.ComputeLoss(x, target));
            Assert.True(Math.Abs(double.CreateChecked(batchLosses[n]) - loss) <= outputTolerance * Math.Max(1, Math.Abs(loss)),
                $"ComputeLossBatch example {n}: {batchLosses[n]} against ComputeLoss's {loss:R}, for:\n{source}");

            var one = new T[network.ParameterCount];
            network.Backpropagate(x, target, one);
            for (int k = 0; k < one.Length; k++)
                summedGradient[k] += double.CreateChecked(one[k]);
        }

        double largest = summedGradient.Max(Math.Abs);
        for (int k = 0; k < summedGradient.Length; k++)
        {
            Assert.True(Math.Abs(double.CreateChecked(batchGradient[k]) - summedGradient[k]) <= gradientTolerance * Math.Max(1, largest),
                $"BackpropagateBatch gradient {k}, for:\n{source}");
        }
    }

    /// <summary>
    /// For <paramref name="checks"/> parameters drawn from <paramref name="random"/>, Backpropagate's gradient agrees
    /// with the central difference (L(w + h) - L(w - h)) / 2h to 1e-5 of its size (or 1); the parameters are restored.
    /// </summary>
    public static void AssertGradientMatchesCentralDifferences(INetwork<double> network, double[] input, double[] target,
        Random random, int checks, string source)
    {
        const double h = 1e-6;
        var gradient = new double[network.ParameterCount];
        network.Backpropagate(input, target, gradient);
        double[] parameters = network.Parameters;
        for (int check = 0; check < checks; check++)
        {
            int k = random.Next(parameters.Length);
            double saved = parameters[k];
            parameters[k] = saved + h;
            network.Parameters = parameters;
            double plus = network.ComputeLoss(input, target);
            parameters[k] = saved - h;
            network.Parameters = parameters;
            double minus = network.ComputeLoss(input, target);
            parameters[k] = saved;
            network.Parameters = parameters;
            double numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[k]) <= 1e-5 * Math.Max(1, Math.Abs(gradient[k])),
                $"parameter {k}: backpropagated {gradient[k]:R}, central difference {numeric:R}, for:\n{source}");
        }
    }
}
