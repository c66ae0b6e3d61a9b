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
            string source = Path.GetFullPath(directory);
            CheckTrainable(training, "training", source);
            CheckTrainable(test, "test", source);
            return new DigitsData(training, test, source);
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

    /// <summary>
    /// Any MNIST-format set loads, even an empty one or one of other-sized images, but the networks here read 28 x 28:
    /// say so, rather than let the trainer throw at them.
    /// </summary>
    private static void CheckTrainable(Dataset<float> set, string which, string source)
    {
        if (set.Count == 0)
            throw new InvalidDataException($"The {which} set in '{source}' has no images.");
        if (set.InputSize != ImagePixels)
        {
            throw new InvalidDataException(
                $"The {which} images in '{source}' have {set.InputSize:N0} pixels each; the networks of this sample read 28 x 28 " +
                $"({ImagePixels}). Give a folder of 28 x 28 images in MNIST's format, such as Fashion-MNIST.");
        }
    }

    public string Describe(int? trainingLimit)
    {
        int training = trainingLimit is int limit ? Math.Min(limit, Training.Count) : Training.Count;
        return $"{Source}: {training:N0} images to train, {Test.Count:N0} to test";
    }
}
