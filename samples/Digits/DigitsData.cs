using CompiledNets.Data;

namespace Samples.Digits;

/// <summary>The training and test sets: the embedded digits split 8,000 / 2,000, or an MNIST-format folder.</summary>
internal sealed record DigitsData(Dataset<float> Training, Dataset<float> Test, string Source)
{
    public const int EmbeddedTrainingCount = 8000;

    /// <summary>Values per image that DigitNet, TutorialNet and ConvDigitNet read: 28 x 28.</summary>
    public const int ImagePixels = 28 * 28;

    public static DigitsData Load(string? directory, string baseDirectory)
    {
        if (directory is not null)
        {
            var (training, test) = MnistDataset.LoadDirectory<float>(directory);
            // Any MNIST-format set loads, even an empty one, but the networks here read 28 x 28: say so rather than let training throw.
            foreach ((Dataset<float> set, string which) in new[] { (training, "training"), (test, "test") })
            {
                if (set.Count == 0)
                    throw new InvalidDataException($"The {which} set in '{Path.GetFullPath(directory)}' has no images.");
                if (set.InputSize != ImagePixels)
                {
                    throw new InvalidDataException(
                        $"The {which} images in '{Path.GetFullPath(directory)}' have {set.InputSize:N0} pixels each; the networks of this sample " +
                        $"read 28 x 28 ({ImagePixels}). Give a folder of 28 x 28 images in MNIST's format, such as Fashion-MNIST.");
                }
            }

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
