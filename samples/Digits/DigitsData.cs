using CompiledNets.Data;

namespace Samples.Digits;

/// <summary>The training and test sets: the embedded digits split 8,000 / 2,000, or an MNIST-format folder.</summary>
internal sealed record DigitsData(Dataset<float> Training, Dataset<float> Test, string Source)
{
    public const int EmbeddedTrainingCount = 8000;

    public static DigitsData Load(string? directory, string baseDirectory)
    {
        if (directory is not null)
        {
            var (training, test) = MnistDataset.LoadDirectory<float>(directory);
            return new DigitsData(training, test, Path.GetFullPath(directory));
        }

        string folder = Path.Combine(baseDirectory, "data");
        Dataset<float> all = MnistDataset.Load<float>(
            Path.Combine(folder, "mnist-digits-10k-images-idx3-ubyte.gz"),
            Path.Combine(folder, "mnist-digits-10k-labels-idx1-ubyte.gz"));
        return new DigitsData(
            all.Slice(0, EmbeddedTrainingCount),
            all.Slice(EmbeddedTrainingCount, all.Count - EmbeddedTrainingCount),
            "the 10,000 MNIST digits embedded in the repository");
    }

    public string Describe(int? trainingLimit)
    {
        int training = trainingLimit is int limit ? Math.Min(limit, Training.Count) : Training.Count;
        return $"{Source}: {training:N0} images to train, {Test.Count:N0} to test";
    }
}
