namespace CompiledNets.Benchmarks.Baseline;

/// <summary>Activations the naive baseline knows.</summary>
public enum NaiveActivation { Linear, Sigmoid, Tanh, Relu, Softmax }

/// <summary>
/// The baseline: a multi-layer perceptron the way a C# user porting the from-scratch tutorial would write it.
/// Jagged <c>float[][]</c> weights (one row per neuron), plain nested loops, one example at a time, no SIMD,
/// no unsafe code. Per-sample SGD (<see cref="TrainStep"/>), and for mini-batches a gradient summed over the
/// batch (<see cref="Backpropagate"/>) then applied (<see cref="ApplyGradient"/>). Loss: half squared error
/// (dL/dp = p - t) or, for a softmax output, cross-entropy (dL/dz = p - t).
/// </summary>
public sealed class NaiveMlp
{
    private readonly int[] _sizes;
    private readonly NaiveActivation[] _activations;
    private readonly bool _bias;

    /// <summary>weights[l][j][i]: layer l, neuron j, input i.</summary>
    public readonly float[][][] Weights;
    public readonly float[][] Biases;
    private readonly float[][] _outputs;   // _outputs[0] = input, _outputs[l + 1] = layer l's outputs
    private readonly float[][] _deltas;    // dL/dz of each layer
    private readonly float[][][] _weightGradients;
    private readonly float[][] _biasGradients;

    public NaiveMlp(int[] sizes, NaiveActivation[] activations, bool bias = true, int seed = 1)
    {
        _sizes = sizes;
        _activations = activations;
        _bias = bias;
        int layers = sizes.Length - 1;
        var random = new Random(seed);
        Weights = new float[layers][][];
        Biases = new float[layers][];
        _weightGradients = new float[layers][][];
        _biasGradients = new float[layers][];
        _outputs = new float[layers + 1][];
        _deltas = new float[layers][];
        _outputs[0] = new float[sizes[0]];
        for (int l = 0; l < layers; l++)
        {
            int inputs = sizes[l], units = sizes[l + 1];
            float limit = MathF.Sqrt(6f / (inputs + units));
            Weights[l] = new float[units][];
            _weightGradients[l] = new float[units][];
            for (int j = 0; j < units; j++)
            {
                Weights[l][j] = new float[inputs];
                _weightGradients[l][j] = new float[inputs];
                for (int i = 0; i < inputs; i++)
                    Weights[l][j][i] = (float)(random.NextDouble() * 2 - 1) * limit;
            }

            Biases[l] = new float[units];
            _biasGradients[l] = new float[units];
            _outputs[l + 1] = new float[units];
            _deltas[l] = new float[units];
        }
    }

    /// <summary>The prediction of the last <see cref="Forward"/>.</summary>
    public float[] Output => _outputs[^1];

    public float[] Forward(float[] input)
    {
        Array.Copy(input, _outputs[0], input.Length);
        for (int l = 0; l < Weights.Length; l++)
        {
            float[] previous = _outputs[l];
            float[] current = _outputs[l + 1];
            for (int j = 0; j < current.Length; j++)
            {
                float sum = Biases[l][j];
                for (int i = 0; i < previous.Length; i++)
                    sum += Weights[l][j][i] * previous[i];
                current[j] = sum;
            }

            switch (_activations[l])
            {
                case NaiveActivation.Sigmoid:
                    for (int j = 0; j < current.Length; j++) current[j] = 1f / (1f + MathF.Exp(-current[j]));
                    break;
                case NaiveActivation.Tanh:
                    for (int j = 0; j < current.Length; j++) current[j] = MathF.Tanh(current[j]);
                    break;
                case NaiveActivation.Relu:
                    for (int j = 0; j < current.Length; j++) current[j] = Math.Max(current[j], 0f);
                    break;
                case NaiveActivation.Softmax:
                    float max = current.Max();
                    float total = 0;
                    for (int j = 0; j < current.Length; j++) { current[j] = MathF.Exp(current[j] - max); total += current[j]; }
                    for (int j = 0; j < current.Length; j++) current[j] /= total;
                    break;
            }
        }

        return _outputs[^1];
    }

    /// <summary>Forward and backward for one example; fills the deltas and returns the loss.</summary>
    private float ComputeDeltas(float[] input, float[] target)
    {
        float[] prediction = Forward(input);
        int last = Weights.Length - 1;
        float loss = 0;
        for (int k = 0; k < prediction.Length; k++)
        {
            float error = prediction[k] - target[k];
            if (_activations[last] == NaiveActivation.Softmax)
            {
                loss -= target[k] * MathF.Log(prediction[k] + 1e-12f);
                _deltas[last][k] = error;
            }
            else
            {
                loss += 0.5f * error * error;
                _deltas[last][k] = error * Derivative(_activations[last], prediction[k]);
            }
        }

        for (int l = last; l > 0; l--)
        {
            float[] below = _deltas[l - 1];
            for (int i = 0; i < below.Length; i++)
            {
                float sum = 0;
                for (int j = 0; j < _deltas[l].Length; j++)
                    sum += Weights[l][j][i] * _deltas[l][j];
                below[i] = sum * Derivative(_activations[l - 1], _outputs[l][i]);
            }
        }

        return loss;
    }

    private static float Derivative(NaiveActivation activation, float a) => activation switch
    {
        NaiveActivation.Sigmoid => a * (1 - a),
        NaiveActivation.Tanh => 1 - a * a,
        NaiveActivation.Relu => a > 0 ? 1 : 0,
        _ => 1,
    };

    /// <summary>One step of per-sample SGD.</summary>
    public float TrainStep(float[] input, float[] target, float learningRate)
    {
        float loss = ComputeDeltas(input, target);
        for (int l = 0; l < Weights.Length; l++)
        {
            for (int j = 0; j < Weights[l].Length; j++)
            {
                for (int i = 0; i < Weights[l][j].Length; i++)
                    Weights[l][j][i] -= learningRate * _deltas[l][j] * _outputs[l][i];
                if (_bias)
                    Biases[l][j] -= learningRate * _deltas[l][j];
            }
        }

        return loss;
    }

    /// <summary>Adds one example's gradient to the internal gradient buffers.</summary>
    public float Backpropagate(float[] input, float[] target)
    {
        float loss = ComputeDeltas(input, target);
        for (int l = 0; l < Weights.Length; l++)
        {
            for (int j = 0; j < Weights[l].Length; j++)
            {
                for (int i = 0; i < Weights[l][j].Length; i++)
                    _weightGradients[l][j][i] += _deltas[l][j] * _outputs[l][i];
                if (_bias)
                    _biasGradients[l][j] += _deltas[l][j];
            }
        }

        return loss;
    }

    /// <summary>Weights -= scale * gradient, then clears the gradient.</summary>
    public void ApplyGradient(float scale)
    {
        for (int l = 0; l < Weights.Length; l++)
        {
            for (int j = 0; j < Weights[l].Length; j++)
            {
                for (int i = 0; i < Weights[l][j].Length; i++)
                {
                    Weights[l][j][i] -= scale * _weightGradients[l][j][i];
                    _weightGradients[l][j][i] = 0;
                }

                if (_bias)
                    Biases[l][j] -= scale * _biasGradients[l][j];
                _biasGradients[l][j] = 0;
            }
        }
    }
}
