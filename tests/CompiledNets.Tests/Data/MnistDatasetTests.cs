using CompiledNets.Data;

namespace CompiledNets.Tests.Data;

public sealed class MnistDatasetTests : IDisposable
{
    private readonly IdxTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Load_scales_pixels_to_0_1_and_one_hot_encodes_labels_in_float()
    {
        string images = _files.Write("images", IdxTestFiles.Images(2, 1, 3, [0, 51, 255, 255, 102, 0]));
        string labels = _files.Write("labels", IdxTestFiles.Labels(9, 0), gzip: true);

        Dataset<float> set = MnistDataset.Load<float>(images, labels);

        Assert.Equal((2, 3, 10), (set.Count, set.InputSize, set.TargetSize));
        Assert.Equal(new[] { 0f, 0.2f, 1f, 1f, 0.4f, 0f }, set.Inputs.ToArray());
        Assert.Equal(new[] { 9, 0 }, set.Labels.ToArray());
        Assert.Equal(new[] { 0f, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, set.Target(0).ToArray());
        Assert.Equal(new[] { 1f, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, set.Target(1).ToArray());
    }

    [Fact]
    public void Load_gives_every_byte_value_exactly_byte_over_255_in_double()
    {
        byte[] pixels = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        string images = _files.Write("images", IdxTestFiles.Images(1, 16, 16, pixels));
        string labels = _files.Write("labels", IdxTestFiles.Labels(4));

        Dataset<double> set = MnistDataset.Load<double>(images, labels);

        Assert.Equal(pixels.Select(b => b / 255.0).ToArray(), set.Inputs.ToArray());
        Assert.Equal(4, set.Labels[0]);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(100, 3)]
    public void Load_keeps_the_first_maxCount_examples(int maxCount, int expected)
    {
        string images = _files.Write("images", IdxTestFiles.Images(3, 1, 1, [10, 20, 30]));
        string labels = _files.Write("labels", IdxTestFiles.Labels(1, 2, 3));

        Dataset<float> set = MnistDataset.Load<float>(images, labels, maxCount);

        Assert.Equal(expected, set.Count);
        Assert.Equal(new[] { 1, 2, 3 }[..expected], set.Labels.ToArray());
        Assert.Equal(new[] { 10f / 255, 20f / 255, 30f / 255 }[..expected], set.Inputs.ToArray());
    }

    [Fact]
    public void Load_rejects_a_negative_maxCount()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MnistDataset.Load<float>("images", "labels", -1));
    }

    [Fact]
    public void Load_rejects_image_and_label_counts_that_differ_naming_both_files()
    {
        string images = _files.Write("images", IdxTestFiles.Images(3, 1, 1, [1, 2, 3]));
        string labels = _files.Write("labels", IdxTestFiles.Labels(1, 2));

        var ex = Assert.Throws<IdxFormatException>(() => MnistDataset.Load<float>(images, labels));

        Assert.Contains($"'{images}' holds 3 images", ex.Message);
        Assert.Contains($"'{labels}' holds 2 labels", ex.Message);
        Assert.Contains("must hold the same number of examples", ex.Message);
    }

    [Fact]
    public void Load_rejects_a_label_that_is_not_one_of_the_10_classes()
    {
        string images = _files.Write("images", IdxTestFiles.Images(2, 1, 1, [1, 2]));
        string labels = _files.Write("labels", IdxTestFiles.Labels(3, 10));

        var ex = Assert.Throws<IdxFormatException>(() => MnistDataset.Load<float>(images, labels));

        Assert.Contains($"'{labels}' gives example 1 the label 10", ex.Message);
        Assert.Contains("[0, 10)", ex.Message);
    }

    [Fact]
    public void Load_rejects_images_without_pixels()
    {
        string images = _files.Write("images", IdxTestFiles.Images(2, 0, 28, []));
        string labels = _files.Write("labels", IdxTestFiles.Labels(3, 4));

        var ex = Assert.Throws<IdxFormatException>(() => MnistDataset.Load<float>(images, labels));

        Assert.Contains($"'{images}' holds images of 0x28 pixels", ex.Message);
    }

    [Fact]
    public void Load_passes_on_file_format_errors()
    {
        string images = _files.Write("images", IdxTestFiles.Images(2, 1, 1, [1, 2]));
        string labels = _files.Write("labels", IdxTestFiles.Images(2, 1, 1, [1, 2]));

        var ex = Assert.Throws<IdxFormatException>(() => MnistDataset.Load<float>(images, labels));

        Assert.Contains($"'{labels}' is not an IDX label file", ex.Message);
    }

    [Fact]
    public void LoadDirectory_reads_the_layout_Debian_installs_for_fashion_mnist()
    {
        // dataset-fashion-mnist installs exactly these four gzipped files in /usr/share/datasets/fashion-mnist.
        _files.Write("train-images-idx3-ubyte.gz", IdxTestFiles.Images(3, 2, 2, IdxTestFiles.Pattern(12)), gzip: true);
        _files.Write("train-labels-idx1-ubyte.gz", IdxTestFiles.Labels(9, 0, 5), gzip: true);
        _files.Write("t10k-images-idx3-ubyte.gz", IdxTestFiles.Images(2, 2, 2, [255, 0, 0, 255, 0, 255, 255, 0]), gzip: true);
        _files.Write("t10k-labels-idx1-ubyte.gz", IdxTestFiles.Labels(2, 7), gzip: true);

        var (train, test) = MnistDataset.LoadDirectory<float>(_files.Folder);

        Assert.Equal((3, 4, 10), (train.Count, train.InputSize, train.TargetSize));
        Assert.Equal(new[] { 9, 0, 5 }, train.Labels.ToArray());
        Assert.Equal(IdxTestFiles.Pattern(12).Select(b => b / 255f).ToArray(), train.Inputs.ToArray());
        Assert.Equal((2, 4), (test.Count, test.InputSize));
        Assert.Equal(new[] { 2, 7 }, test.Labels.ToArray());
        Assert.Equal(new[] { 1f, 0, 0, 1, 0, 1, 1, 0 }, test.Inputs.ToArray());
    }

    [Fact]
    public void LoadDirectory_reads_uncompressed_files_and_applies_the_count_limits()
    {
        _files.Write("train-images-idx3-ubyte", IdxTestFiles.Images(3, 1, 1, [0, 1, 2]));
        _files.Write("train-labels-idx1-ubyte", IdxTestFiles.Labels(0, 1, 2));
        _files.Write("t10k-images-idx3-ubyte", IdxTestFiles.Images(2, 1, 1, [3, 4]));
        _files.Write("t10k-labels-idx1-ubyte.gz", IdxTestFiles.Labels(3, 4), gzip: true);

        var (train, test) = MnistDataset.LoadDirectory<double>(_files.Folder, maxTrainCount: 2, maxTestCount: 1);

        Assert.Equal(new[] { 0, 1 }, train.Labels.ToArray());
        Assert.Equal(new[] { 3 }, test.Labels.ToArray());
    }

    [Fact]
    public void LoadDirectory_lists_the_missing_files_and_the_names_looked_for()
    {
        _files.Write("train-images-idx3-ubyte.gz", IdxTestFiles.Images(1, 1, 1, [0]), gzip: true);
        _files.Write("train-labels-idx1-ubyte", IdxTestFiles.Labels(0));
        _files.Write("t10k-labels-idx1-ubyte.gz", IdxTestFiles.Labels(0), gzip: true);

        var ex = Assert.Throws<FileNotFoundException>(() => MnistDataset.LoadDirectory<float>(_files.Folder));

        Assert.Contains($"'{_files.Folder}' is not a complete MNIST-layout folder", ex.Message);
        Assert.Contains("it has neither 't10k-images-idx3-ubyte' nor 't10k-images-idx3-ubyte.gz'.", ex.Message);
        Assert.Contains("the four files train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte", ex.Message);
        Assert.Equal(Path.Combine(_files.Folder, "t10k-images-idx3-ubyte"), ex.FileName);
    }

    [Fact]
    public void LoadDirectory_names_a_folder_that_does_not_exist()
    {
        string folder = Path.Combine(_files.Folder, "absent");

        var ex = Assert.Throws<DirectoryNotFoundException>(() => MnistDataset.LoadDirectory<float>(folder));

        Assert.Equal($"MNIST folder '{folder}' does not exist.", ex.Message);
    }

    [Fact]
    public void LoadDirectory_given_a_file_says_it_wants_the_folder()
    {
        // One of the four files passed for the folder: "does not exist" was wrong about a path that exists.
        string file = Path.Combine(_files.Folder, "train-images-idx3-ubyte");
        File.WriteAllBytes(file, [0, 0, 8, 3]);

        var ex = Assert.Throws<DirectoryNotFoundException>(() => MnistDataset.LoadDirectory<float>(file));

        Assert.Equal($"MNIST folder '{file}' is a file: give the folder that holds the four files.", ex.Message);
    }

    [Fact]
    public void The_embedded_digits_load_as_10000_examples_with_the_documented_class_counts()
    {
        var (images, labels) = IdxTestFiles.EmbeddedDigits();

        Dataset<float> set = MnistDataset.Load<float>(images, labels);

        Assert.Equal((10000, 28 * 28, 10), (set.Count, set.InputSize, set.TargetSize));
        int[] classCounts = new int[10];
        foreach (int label in set.Labels)
            classCounts[label]++;
        Assert.Equal(new[] { 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978 }, classCounts);
        Assert.All(set.Inputs.ToArray(), value => Assert.InRange(value, 0f, 1f));
        Assert.Equal(1f, set.Inputs.ToArray().Max());
    }
}
