using CompiledNets.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static CompiledNets.Generator.Tests.Infrastructure.Baking;

namespace CompiledNets.Generator.Tests.Diagnostics;

/// <summary>CN0400-CN0405: a weights file to bake ([Network(Weights = ...)]) that is missing, damaged, another network's or too large, or an empty path.</summary>
public sealed partial class DiagnosticTests
{
    [Fact]
    public void CN0400_WeightsFileNotAmongAdditionalFiles_IsReported()
        => AssertReports(RunWith(Declaration(), ("/src/App/Models/other.weights.txt", "# nothing")), "CN0400",
            "Network class 'BakedNet' bakes its weights from 'Models/baked.weights.txt', but no file of the compilation's " +
            "AdditionalFiles has that path. Add <AdditionalFiles Include=\"Models/baked.weights.txt\" /> to the project, with the " +
            "file NetworkWeights.SaveText wrote.");

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void CN0405_EmptyWeightsPath_IsReported(string weights)
        => AssertReports(RunWith(Declaration(weights: weights), ("/src/App/Models/baked.weights.txt", "# nothing")), "CN0405",
            "Network class 'BakedNet' sets Weights to an empty path. Give the path of the file NetworkWeights.SaveText wrote, as the " +
            "project's AdditionalFiles list it, or remove Weights to start from the Seed."); // CN0400 said: add <AdditionalFiles Include="" />

    [Fact]
    public void CN0404_WeightsPathMatchingSeveralFiles_IsReported()
        => AssertReports(RunWith(Declaration(weights: "baked.weights.txt"), ("/src/App/Models/baked.weights.txt", "# one"),
                ("/src/App/Old/baked.weights.txt", "# two")), "CN0404",
            "Network class 'BakedNet' bakes its weights from 'baked.weights.txt', which ends the path of several AdditionalFiles: " +
            "'/src/App/Models/baked.weights.txt', '/src/App/Old/baked.weights.txt'. Write more of the path in Weights (e.g. its " +
            "folder) so that it names one file.");

    [Fact]
    public void CN0401_CorruptedWeightsFile_IsReported()
    {
        string text = SavedText(Declaration(weights: null), new double[21]);
        int data = text.LastIndexOf('\n', text.Length - 2) + 10; // a character of the last data line
        string corrupted = text[..data] + (text[data] == 'A' ? 'B' : 'A') + text[(data + 1)..];

        Diagnostic diagnostic = AssertReports(RunWith(Declaration(), (FilePath, corrupted)), "CN0401", null);

        Assert.Matches(
            "^The weights file '/src/App/Models/baked.weights.txt' of network class 'BakedNet' cannot be baked: its checksum does not " +
            "match \\(stored [0-9A-F]{8}, computed [0-9A-F]{8}\\): the file is corrupted. Bake the unedited text form that " +
            "NetworkWeights.SaveText writes.$", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData(3, 1, (int)'2', "it is not a CompiledNets weights file (no CNW1 header)")] // CNW2
    [InlineData(8, 4, 2, "its header holds impossible values (element size, parameter count or architecture length)")] // 2-byte values
    [InlineData(12, 4, -1, "its header holds impossible values (element size, parameter count or architecture length)")] // a count of -1
    [InlineData(16, 4, 64 * 1024 + 1, "its header holds impossible values (element size, parameter count or architecture length)")]
    public void CN0401_WeightsFileWithABadHeaderButAValidChecksum_IsReported(int offset, int bytes, int value, string problem)
    {
        // The checksum is recomputed, as a writer with a bug would: the header's own check must speak.
        string text = SavedText(Declaration(weights: null), new double[21]);
        byte[] file = Convert.FromBase64String(string.Concat(text.Split('\n').Where(line => line.Length > 0 && line[0] != '#')));
        BitConverter.GetBytes(value).AsSpan(0, bytes).CopyTo(file.AsSpan(offset)); // little-endian, as the file is
        BitConverter.GetBytes(CompiledNets.Persistence.Crc32.Compute(file.AsSpan(0, file.Length - 4))).CopyTo(file, file.Length - 4);

        AssertReports(RunWith(Declaration(), (FilePath, Convert.ToBase64String(file))), "CN0401",
            $"The weights file '/src/App/Models/baked.weights.txt' of network class 'BakedNet' cannot be baked: {problem}. Bake the " +
            "unedited text form that NetworkWeights.SaveText writes.");
    }

    [Fact]
    public void CN0401_BinaryWeightsFile_IsReported()
        => AssertReports(RunWith(Declaration(), (FilePath, "CNW1\u0001\u0000\u0000\u0000garbage")), "CN0401",
            "The weights file '/src/App/Models/baked.weights.txt' of network class 'BakedNet' cannot be baked: its data is not " +
            "valid Base64 (was it edited, or is it the binary file?). Bake the unedited text form that NetworkWeights.SaveText writes.");

    [Fact]
    public void CN0402_WeightsOfAnotherArchitecture_IsReported()
    {
        string text = SavedText(Declaration(layers: "[Dense(5, Activation.Sigmoid)]", weights: null), new double[26]);

        AssertReports(RunWith(Declaration(), (FilePath, text)), "CN0402",
            "The weights file '/src/App/Models/baked.weights.txt' does not fit network class 'BakedNet': it holds 26 parameters of " +
            "'3 -> Dense(5, Sigmoid) -> Dense(1, Sigmoid)' and the network has 21 ('3 -> Dense(4, Sigmoid) -> Dense(1, Sigmoid)'). " +
            "Save this network's weights with NetworkWeights.SaveText, or declare the network they were trained with.");
    }

    [Fact]
    public void CN0402_WeightsOfAnArchitectureWithAsManyParameters_IsReported()
    {
        // Same sizes, another activation: the parameter count alone would let tanh weights drive a ReLU network.
        string text = SavedText(Declaration(layers: "[Dense(4, Activation.Tanh)]", weights: null), new double[21]);

        AssertReports(RunWith(Declaration(layers: "[Dense(4, Activation.Relu)]"), (FilePath, text)), "CN0402",
            "The weights file '/src/App/Models/baked.weights.txt' does not fit network class 'BakedNet': it was saved from " +
            "'3 -> Dense(4, Tanh) -> Dense(1, Sigmoid)' and the network is '3 -> Dense(4, Relu) -> Dense(1, Sigmoid)'. " +
            "Save this network's weights with NetworkWeights.SaveText, or declare the network they were trained with.");
    }

    [Fact]
    public void CN0402_WeightsOfTheOtherPrecision_IsReported()
    {
        string text = SavedText(Declaration(precision: "Single", weights: null), new float[21]);

        AssertReports(RunWith(Declaration(), (FilePath, text)), "CN0402",
            "The weights file '/src/App/Models/baked.weights.txt' does not fit network class 'BakedNet': it holds float parameters " +
            "and the network is double. Save this network's weights with NetworkWeights.SaveText, or declare the network they were " +
            "trained with.");
    }

    [Fact]
    public void CN0403_TooManyParametersToBake_IsReported()
        => AssertReports(RunWith(Declaration(layers: "[Dense(600, Activation.Sigmoid)]").Replace("[Input(3)]", "[Input(1000)]")), "CN0403",
            "Network class 'BakedNet' has 601,201 parameters (4,809,608 bytes); baking more than 4,194,304 bytes would slow every " +
            "build. Remove Weights and load them at run time: embed the file as an EmbeddedResource and call " +
            "NetworkWeights.Load(network, stream).");

    [Theory]
    [InlineData("Double", 524_285, "CN0400")] // 524,288 doubles, exactly 4 MiB: the size passes and the missing file is reported
    [InlineData("Single", 1_048_573, "CN0400")] // 1,048,576 floats, exactly 4 MiB
    [InlineData("Double", 524_286, "CN0403")] // one double more
    public void CN0403_OneParameterOverFourMebibytes_IsReported(string precision, int inputs, string id)
        => AssertReports(RunWith(Declaration(layers: "[Dense(1, Activation.Sigmoid)]", precision: precision)
                .Replace("[Input(3)]", $"[Input({inputs})]")), id,
            id == "CN0400" ? null :
            "Network class 'BakedNet' has 524,289 parameters (4,194,312 bytes); baking more than 4,194,304 bytes would slow every " +
            "build. Remove Weights and load them at run time: embed the file as an EmbeddedResource and call " +
            "NetworkWeights.Load(network, stream).");
}
