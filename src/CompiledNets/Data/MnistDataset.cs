using System.Numerics;
using CompiledNets.Reporting;

namespace CompiledNets.Data;

/// <summary>
/// Loads MNIST-style classification sets (MNIST, Fashion-MNIST, or any pair of unsigned-byte IDX image and label
/// files with 10 classes) as <see cref="Dataset{T}"/>: pixels scaled to [0, 1], labels as one-hot targets.
/// </summary>
public static class MnistDataset
{
    /// <summary>Number of classes: the digits 0-9, or the ten Fashion-MNIST garment kinds.</summary>
    public const int ClassCount = 10;

    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs Fashion-MNIST, in the standard layout
    /// that <see cref="LoadDirectory{T}"/> reads (the four files gzip-compressed).</summary>
    public const string DebianFashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Standard name of the training image file, without the optional <c>.gz</c>.</summary>
    public const string TrainImagesFileName = "train-images-idx3-ubyte";

    /// <summary>Standard name of the training label file, without the optional <c>.gz</c>.</summary>
    public const string TrainLabelsFileName = "train-labels-idx1-ubyte";

    /// <summary>Standard name of the test image file, without the optional <c>.gz</c>.</summary>
    public const string TestImagesFileName = "t10k-images-idx3-ubyte";

    /// <summary>Standard name of the test label file, without the optional <c>.gz</c>.</summary>
    public const string TestLabelsFileName = "t10k-labels-idx1-ubyte";

    /// <summary>
    /// Loads an image file and its label file as a classification set of <see cref="ClassCount"/> classes, each
    /// input the image's pixels divided by 255, row by row.
    /// </summary>
    /// <param name="imagesPath">An IDX image file (magic <c>0x00000803</c>), plain or gzip-compressed.</param>
    /// <param name="labelsPath">The matching IDX label file (magic <c>0x00000801</c>), plain or gzip-compressed.</param>
    /// <param name="maxCount">Keep only the first this many examples; all when <see langword="null"/>.</param>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="IdxFormatException">A file is malformed, the two hold different numbers of examples, the
    /// images have no pixels, or a label is not in [0, 10).</exception>
    public static Dataset<T> Load<T>(string imagesPath, string labelsPath, int? maxCount = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (maxCount is int max)
            ArgumentOutOfRangeException.ThrowIfNegative(max, nameof(maxCount));

        IdxImages images = IdxReader.ReadImages(imagesPath);
        byte[] labels = IdxReader.ReadLabels(labelsPath);
        if (images.Count != labels.Length)
            throw new IdxFormatException(
                $"'{imagesPath}' holds {Counted.Of(images.Count, "image")} but '{labelsPath}' holds {Counted.Of(labels.Length, "label")}; " +
                "an image file and its label file must hold the same number of examples.");
        if (images.PixelsPerImage == 0)
            throw new IdxFormatException(
                $"'{imagesPath}' holds images of {images.Rows}x{images.Columns} pixels; an example needs at least one pixel.",
                imagesPath);

        int count = Math.Min(images.Count, maxCount ?? int.MaxValue);
        var classes = new int[count];
        for (int i = 0; i < count; i++)
        {
            if (labels[i] >= ClassCount)
                throw new IdxFormatException(
                    $"'{labelsPath}' gives example {i} the label {labels[i]}; labels must be classes in [0, {ClassCount}).",
                    labelsPath);
            classes[i] = labels[i];
        }

        return Dataset<T>.FromLabels(ScalePixels<T>(images.Pixels.AsSpan(0, count * images.PixelsPerImage)),
            images.PixelsPerImage, classes, ClassCount);
    }

    /// <summary>
    /// Loads the training and test sets from a folder in the standard MNIST / Fashion-MNIST layout:
    /// <c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c> and
    /// <c>t10k-labels-idx1-ubyte</c>, each plain or with a <c>.gz</c> suffix (as Debian's
    /// <c>dataset-fashion-mnist</c> installs them in <see cref="DebianFashionMnistDirectory"/>).
    /// </summary>
    /// <param name="directory">The folder holding the four files.</param>
    /// <param name="maxTrainCount">Keep only the first this many training examples; all when <see langword="null"/>.</param>
    /// <param name="maxTestCount">Keep only the first this many test examples; all when <see langword="null"/>.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist, or is a file.</exception>
    /// <exception cref="FileNotFoundException">Some of the four files are missing; the message lists the names looked for.</exception>
    /// <exception cref="IdxFormatException">A file is malformed or a pair disagrees (see <see cref="Load{T}"/>).</exception>
    public static (Dataset<T> Train, Dataset<T> Test) LoadDirectory<T>(
        string directory, int? maxTrainCount = null, int? maxTestCount = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (File.Exists(directory))
            throw new DirectoryNotFoundException($"MNIST folder '{directory}' is a file: give the folder that holds the four files.");
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"MNIST folder '{directory}' does not exist.");

        string[] names = [TrainImagesFileName, TrainLabelsFileName, TestImagesFileName, TestLabelsFileName];
        string?[] paths = Array.ConvertAll(names, name => FindPlainOrGzipped(directory, name));
        string[] missing = names.Where((_, i) => paths[i] is null).ToArray();
        if (missing.Length > 0)
            throw new FileNotFoundException(
                $"'{directory}' is not a complete MNIST-layout folder: it has " +
                string.Join("; ", missing.Select(name => $"neither '{name}' nor '{name}.gz'")) +
                $". The layout is the four files {string.Join(", ", names)}, each plain or gzipped with a .gz suffix.",
                Path.Combine(directory, missing[0]));

        return (Load<T>(paths[0]!, paths[1]!, maxTrainCount), Load<T>(paths[2]!, paths[3]!, maxTestCount));
    }

    // The uncompressed file wins when both are there: it reads faster and is likely the one unpacked on purpose.
    private static string? FindPlainOrGzipped(string directory, string name)
    {
        string plain = Path.Combine(directory, name);
        if (File.Exists(plain))
            return plain;
        string gzipped = plain + ".gz";
        return File.Exists(gzipped) ? gzipped : null;
    }

    private static T[] ScalePixels<T>(ReadOnlySpan<byte> pixels) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> scale = PixelScale<T>.Table;
        var values = new T[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
            values[i] = scale[pixels[i]];
        return values;
    }

    /// <summary>byte / 255 for each of the 256 byte values: a lookup per pixel instead of a conversion and a divide.</summary>
    private static class PixelScale<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly T[] Table = CreateTable();

        private static T[] CreateTable()
        {
            var table = new T[256];
            T max = T.CreateChecked(255);
            for (int b = 0; b < table.Length; b++)
                table[b] = T.CreateChecked(b) / max;
            return table;
        }
    }
}
