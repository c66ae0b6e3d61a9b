using System.Buffers.Binary;
using System.Text;
using CompiledNets.Persistence;

namespace CompiledNets.Tests.Persistence;

/// <summary>
/// Every bad file is rejected with an InvalidDataException that names the file and the problem, and the network
/// keeps its parameters.
/// </summary>
public sealed class NetworkWeightsLoadErrorTests : IDisposable
{
    private static readonly double[] Original = [0.5, -0.25, 0.125];

    private readonly TempDirectory _directory = new();
    private readonly string _path;

    public NetworkWeightsLoadErrorTests() => _path = _directory.File("weights.cnw");

    public void Dispose() => _directory.Dispose();

    /// <summary>A valid file for <see cref="FakeNetwork{T}"/> of double.</summary>
    private byte[] GoodFile()
    {
        NetworkWeights.Save(FakeNetwork<double>.With(1, 2, 3), _path);
        return File.ReadAllBytes(_path);
    }

    private static int ParametersOffset => 20 + Encoding.UTF8.GetByteCount(FakeNetwork<double>.Description);

    /// <summary>Writes <paramref name="file"/>, loads it, and checks the message and that nothing changed.</summary>
    private string LoadFails(byte[] file, params string[] expectedInMessage)
    {
        File.WriteAllBytes(_path, file);
        var network = FakeNetwork<double>.With(Original);

        var error = Assert.Throws<InvalidDataException>(() => NetworkWeights.Load(network, _path));

        Assert.Contains($"'{_path}'", error.Message);
        foreach (string expected in expectedInMessage)
            Assert.Contains(expected, error.Message);
        Assert.Equal(Original, network.Parameters.ToArray());
        return error.Message;
    }

    [Fact]
    public void Another_kind_of_file_is_not_a_weights_file()
    {
        byte[] zip = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, .. new byte[40]];
        LoadFails(zip, "not a CompiledNets weights file", "should start with \"CNW1\"", "starts with 50 4B 03 04");
    }

    [Fact]
    public void A_text_file_is_not_a_weights_file() =>
        LoadFails(Encoding.ASCII.GetBytes("784 -> Dense(128, Tanh)\n0.1 0.2 0.3\n"), "not a CompiledNets weights file", "\"784 \"");

    [Fact]
    public void An_empty_file_is_reported_as_empty() =>
        LoadFails([], "empty", "at least 24 bytes");

    [Fact]
    public void Another_format_version_is_unsupported()
    {
        byte[] file = GoodFile();
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(4), 2);
        LoadFails(WeightsFileBuilder.Rechecksummed(file), "format version 2", "reads version 1");
    }

    [Fact]
    public void A_float_file_does_not_load_into_a_double_network()
    {
        NetworkWeights.Save(FakeNetwork<float>.With(1, 2, 3), _path);
        LoadFails(File.ReadAllBytes(_path), "saved with float (4-byte) parameters; this network uses double");
    }

    [Fact]
    public void A_double_file_does_not_load_into_a_float_network()
    {
        NetworkWeights.Save(FakeNetwork<double>.With(1, 2, 3), _path);
        var network = FakeNetwork<float>.With(7, 8, 9);

        var error = Assert.Throws<InvalidDataException>(() => NetworkWeights.Load(network, _path));

        Assert.Contains(_path, error.Message);
        Assert.Contains("saved with double (8-byte) parameters; this network uses float", error.Message);
        Assert.Equal([7f, 8f, 9f], network.Parameters.ToArray());
    }

    [Fact]
    public void A_file_with_another_parameter_count_is_rejected() =>
        LoadFails(WeightsFileBuilder.Build("3 -> Dense(1, Identity)", [1, 2, 3, 4]),
            "holds 4 parameters", "\"3 -> Dense(1, Identity)\"", "this network has 3 parameters", $"\"{FakeNetwork<double>.Description}\"");

    [Fact]
    public void A_file_of_one_parameter_says_parameter_in_the_singular() =>
        LoadFails(WeightsFileBuilder.Build("1 -> Dense(1, Linear, no bias)", [5]),
            "holds 1 parameter, saved from", "this network has 3 parameters");

    [Fact]
    public void A_network_of_one_parameter_says_parameter_in_the_singular()
    {
        File.WriteAllBytes(_path, WeightsFileBuilder.Build(FakeNetwork<double>.Description, Original));
        var network = new CompiledNets.Tests.Tutorials.TutorialOneWeight();

        var error = Assert.Throws<InvalidDataException>(() => NetworkWeights.Load(network, _path));

        Assert.Contains("holds 3 parameters, saved from", error.Message);
        Assert.Contains("this network has 1 parameter (architecture", error.Message);
    }

    [Fact]
    public void A_file_with_another_architecture_is_rejected_showing_both()
    {
        const string other = "2 -> Dense(1, Sigmoid)";
        LoadFails(WeightsFileBuilder.Build(other, [1, 2, 3]),
            "architecture mismatch", $"\"{other}\"", $"this network's architecture is \"{FakeNetwork<double>.Description}\"");
    }

    [Theory]
    [InlineData(2, "in the header")]
    [InlineData(4, "in the header")]
    [InlineData(19, "in the header")]
    [InlineData(30, "in the architecture string")]
    [InlineData(-9, "in the parameters")]
    [InlineData(-1, "in the checksum")]
    public void A_truncated_file_is_reported_with_where_it_ends(int keep, string where)
    {
        byte[] file = GoodFile();
        int length = keep >= 0 ? keep : file.Length + keep;
        string message = LoadFails(file[..length], "truncated", $"ends after {length} bytes", where);
        if (length >= 20)
            Assert.Contains($"header describes {file.Length} bytes", message);
    }

    [Theory]
    [InlineData(1, "1 unexpected byte after")]
    [InlineData(100, "100 unexpected bytes after")]
    public void Bytes_after_the_checksum_are_rejected(int extra, string expected)
    {
        byte[] file = GoodFile();
        LoadFails([.. file, .. new byte[extra]], expected, $"end at byte {file.Length}");
    }

    [Fact]
    public void Bytes_after_the_checksum_of_a_stream_are_rejected()
    {
        byte[] file = GoodFile();
        var network = FakeNetwork<double>.With(Original);

        var error = Assert.Throws<InvalidDataException>(
            () => NetworkWeights.Load(network, new TrickleStream([.. file, 42]), "embedded:net.cnw"));

        Assert.Contains("'embedded:net.cnw'", error.Message);
        Assert.Contains("unexpected bytes after its checksum", error.Message);
        Assert.Equal(Original, network.Parameters.ToArray());
    }

    [Fact]
    public void A_flipped_bit_in_a_parameter_fails_the_checksum()
    {
        byte[] file = GoodFile();
        file[ParametersOffset + 3] ^= 0x10;
        LoadFails(file, "corrupted", "checksum does not match");
    }

    [Fact]
    public void A_flipped_bit_in_the_architecture_fails_the_checksum()
    {
        byte[] file = GoodFile();
        file[21] ^= 0x01;
        LoadFails(file, "corrupted", "checksum does not match");
    }

    [Fact]
    public void A_damaged_checksum_is_reported_as_corruption()
    {
        byte[] file = GoodFile();
        file[^1] ^= 0x80;
        LoadFails(file, "corrupted", "checksum does not match");
    }

    [Fact]
    public void An_impossible_element_size_is_reported_as_corruption()
    {
        byte[] file = GoodFile();
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(8), 5);
        LoadFails(file, "corrupted", "element size of 5 bytes", "expected 4 (float) or 8 (double)");
    }

    [Fact]
    public void A_negative_parameter_count_is_reported_as_corruption()
    {
        byte[] file = GoodFile();
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(12), -3);
        LoadFails(file, "corrupted", "negative parameter count (-3)");
    }

    [Fact]
    public void A_huge_architecture_length_is_reported_as_corruption_without_allocating_it()
    {
        byte[] file = GoodFile();
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(16), int.MaxValue);
        LoadFails(file, "corrupted", $"architecture string of {int.MaxValue} bytes");
    }

    [Fact]
    public void Damage_to_any_single_byte_is_detected()
    {
        byte[] good = GoodFile();
        for (int position = 0; position < good.Length; position++)
        {
            byte[] file = (byte[])good.Clone();
            file[position] ^= 0xFF;
            LoadFails(file);
        }
    }

    [Fact]
    public void A_missing_file_throws_FileNotFoundException_and_keeps_the_parameters()
    {
        var network = FakeNetwork<double>.With(Original);
        Assert.Throws<FileNotFoundException>(() => NetworkWeights.Load(network, _directory.File("missing.cnw")));
        Assert.Equal(Original, network.Parameters.ToArray());
    }
}
