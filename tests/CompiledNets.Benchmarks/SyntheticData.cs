namespace CompiledNets.Benchmarks;

/// <summary>Deterministic random examples: flat arrays for the generated networks, jagged copies for the baseline.</summary>
public sealed class SyntheticData
{
    public SyntheticData(int count, int inputSize, int outputSize, bool oneHot, int seed = 42)
    {
        var random = new Random(seed);
        Count = count;
        InputSize = inputSize;
        OutputSize = outputSize;
        Inputs = new float[count * inputSize];
        Targets = new float[count * outputSize];
        Labels = new int[count];
        for (int k = 0; k < Inputs.Length; k++)
            Inputs[k] = (float)random.NextDouble();
        for (int n = 0; n < count; n++)
        {
            if (oneHot)
            {
                Labels[n] = random.Next(outputSize);
                Targets[n * outputSize + Labels[n]] = 1;
            }
            else
            {
                for (int k = 0; k < outputSize; k++)
                    Targets[n * outputSize + k] = (float)random.NextDouble();
            }
        }

        InputRows = new float[count][];
        TargetRows = new float[count][];
        for (int n = 0; n < count; n++)
        {
            InputRows[n] = Inputs.AsSpan(n * inputSize, inputSize).ToArray();
            TargetRows[n] = Targets.AsSpan(n * outputSize, outputSize).ToArray();
        }
    }

    public int Count { get; }
    public int InputSize { get; }
    public int OutputSize { get; }
    public float[] Inputs { get; }
    public float[] Targets { get; }
    public int[] Labels { get; }
    public float[][] InputRows { get; }
    public float[][] TargetRows { get; }

    public ReadOnlySpan<float> Input(int n) => Inputs.AsSpan(n * InputSize, InputSize);
    public ReadOnlySpan<float> Target(int n) => Targets.AsSpan(n * OutputSize, OutputSize);

    public CompiledNets.Data.Dataset<float> ToDataset() => new(Inputs, InputSize, Targets, OutputSize);
}
