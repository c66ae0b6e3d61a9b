using System.Buffers.Binary;
using System.Text;
using CompiledNets.Persistence;

namespace CompiledNets.Tests.Persistence;

public sealed class NetworkWeightsRoundTripTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Double_parameters_come_back_bit_for_bit()
    {
        // Negative zero, the smallest subnormal and the largest finite value: the bits, not just the values, survive.
        // (NaN and infinity are refused by Save: DivergenceTests.)
        var saved = FakeNetwork<double>.With(double.MaxValue, -0.0, double.Epsilon);
        var loaded = FakeNetwork<double>.Create();
        string path = _directory.File("net.cnw");

        NetworkWeights.Save(saved, path);
        NetworkWeights.Load(loaded, path);

        Assert.Equal(Bits(saved.Parameters), Bits(loaded.Parameters));
    }

    [Fact]
    public void The_text_form_loads_back_bit_for_bit_from_a_path_and_a_stream()
    {
        var saved = FakeNetwork<double>.With(double.MaxValue, -0.0, double.Epsilon);
        var fromPath = FakeNetwork<double>.Create();
        var fromStream = FakeNetwork<double>.Create();
        var fromTrickle = FakeNetwork<double>.Create();
        string path = _directory.File("net.weights.txt");

        NetworkWeights.SaveText(saved, path);
        NetworkWeights.Load(fromPath, path);
        using (FileStream stream = File.OpenRead(path))
            NetworkWeights.Load(fromStream, stream, "net.weights.txt");
        // A stream that cannot seek (a download, a decompressor) was read as binary and refused: "starts with '# Co'".
        NetworkWeights.Load(fromTrickle, new TrickleStream(File.ReadAllBytes(path)), "net.weights.txt");

        Assert.StartsWith("# CompiledNets weights, text form", File.ReadAllText(path));
        Assert.Equal(Bits(saved.Parameters), Bits(fromPath.Parameters));
        Assert.Equal(Bits(saved.Parameters), Bits(fromStream.Parameters));
        Assert.Equal(Bits(saved.Parameters), Bits(fromTrickle.Parameters));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void The_text_form_loads_after_an_editor_added_a_byte_order_mark_or_Windows_line_ends(bool byteOrderMark, bool crlf)
    {
        // With a UTF-8 byte order mark the file was read as binary and refused ("starts with EF BB BF 23"), though the
        // generator, whose reader skips the mark, baked it.
        var saved = FakeNetwork<double>.With(double.MaxValue, -0.0, double.Epsilon);
        string path = _directory.File("net.weights.txt");
        NetworkWeights.SaveText(saved, path);
        string text = File.ReadAllText(path);
        File.WriteAllText(path, crlf ? text.Replace("\n", "\r\n") : text, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: byteOrderMark));
        Assert.Equal(byteOrderMark, File.ReadAllBytes(path)[0] == 0xEF);

        foreach (Action<FakeNetwork<double>> load in new Action<FakeNetwork<double>>[]
        {
            network => NetworkWeights.Load(network, path),
            network => NetworkWeights.Load(network, new TrickleStream(File.ReadAllBytes(path)), "net.weights.txt"),
        })
        {
            var loaded = FakeNetwork<double>.Create();
            load(loaded);
            Assert.Equal(Bits(saved.Parameters), Bits(loaded.Parameters));
        }
    }

    [Fact]
    public void An_edited_text_form_is_refused_with_the_file_named()
    {
        string path = _directory.File("net.weights.txt");
        NetworkWeights.SaveText(FakeNetwork<double>.With(1, 2, 3), path);
        File.WriteAllText(path, File.ReadAllText(path).Replace("A", "*"));
        var network = FakeNetwork<double>.With(7, 8, 9);

        var error = Assert.Throws<InvalidDataException>(() => NetworkWeights.Load(network, path));

        Assert.Equal($"'{path}' starts like the text form of a weights file (NetworkWeights.SaveText), but its data is not valid " +
            "Base64: it was edited or truncated.", error.Message);
        Assert.Equal([7.0, 8.0, 9.0], network.Parameters.ToArray());
    }

    [Fact]
    public void A_text_form_cut_off_after_its_comments_is_refused_as_truncated()
    {
        // It read on as an empty binary file: "the file is empty; a weights file has at least 24 bytes".
        string path = _directory.File("net.weights.txt");
        NetworkWeights.SaveText(FakeNetwork<double>.With(1, 2, 3), path);
        File.WriteAllLines(path, File.ReadAllLines(path).TakeWhile(line => line.StartsWith('#')));
        var network = FakeNetwork<double>.With(7, 8, 9);

        var error = Assert.Throws<InvalidDataException>(() => NetworkWeights.Load(network, path));

        Assert.Equal($"'{path}' starts like the text form of a weights file (NetworkWeights.SaveText), but has no data after its comment " +
            "lines: it was truncated.", error.Message);
        Assert.Equal([7.0, 8.0, 9.0], network.Parameters.ToArray());
    }

    [Fact]
    public void Float_parameters_come_back_bit_for_bit()
    {
        var saved = FakeNetwork<float>.With(-0.0f, float.MaxValue, -1.17549435E-38f);
        var loaded = FakeNetwork<float>.Create();
        string path = _directory.File("net.cnw");

        NetworkWeights.Save(saved, path);
        NetworkWeights.Load(loaded, path);

        Assert.Equal(Bits(saved.Parameters), Bits(loaded.Parameters));
    }

    [Fact]
    public void Loaded_network_predicts_like_the_saved_one()
    {
        var saved = FakeNetwork<double>.Create();
        for (int step = 0; step < 20; step++)
            saved.TrainStep([1.0, 2.0], [3.0], 0.05);
        var loaded = FakeNetwork<double>.Create();
        string path = _directory.File("trained.cnw");

        NetworkWeights.Save(saved, path);
        NetworkWeights.Load(loaded, path);

        double[] expected = new double[1], actual = new double[1];
        saved.Predict([0.5, -1.5], expected);
        loaded.Predict([0.5, -1.5], actual);
        Assert.Equal(expected[0], actual[0]);
    }

    [Fact]
    public void File_follows_the_documented_layout()
    {
        var network = FakeNetwork<double>.With(1.5, -2.0, 0.25);
        string path = _directory.File("layout.cnw");

        NetworkWeights.Save(network, path);

        byte[] file = File.ReadAllBytes(path);
        byte[] architecture = Encoding.UTF8.GetBytes(FakeNetwork<double>.Description);
        Assert.Equal(24 + architecture.Length + 3 * 8, file.Length);
        Assert.Equal("CNW1"u8.ToArray(), file[..4]);
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(4)));
        Assert.Equal(8, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(8)));
        Assert.Equal(3, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(12)));
        Assert.Equal(architecture.Length, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(16)));
        Assert.Equal(architecture, file[20..(20 + architecture.Length)]);
        int parameters = 20 + architecture.Length;
        Assert.Equal(1.5, BinaryPrimitives.ReadDoubleLittleEndian(file.AsSpan(parameters)));
        Assert.Equal(-2.0, BinaryPrimitives.ReadDoubleLittleEndian(file.AsSpan(parameters + 8)));
        Assert.Equal(0.25, BinaryPrimitives.ReadDoubleLittleEndian(file.AsSpan(parameters + 16)));
        Assert.Equal(Crc32.Compute(file.AsSpan(0, file.Length - 4)), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(file.Length - 4)));
        Assert.Equal(WeightsFileBuilder.Build(FakeNetwork<double>.Description, [1.5, -2.0, 0.25]), file);
    }

    [Fact]
    public void Saving_again_replaces_the_file()
    {
        string path = _directory.File("net.cnw");
        NetworkWeights.Save(FakeNetwork<double>.With(1, 2, 3), path);
        NetworkWeights.Save(FakeNetwork<double>.With(4, 5, 6), path);

        var loaded = FakeNetwork<double>.Create();
        NetworkWeights.Load(loaded, path);

        Assert.Equal([4.0, 5.0, 6.0], loaded.Parameters.ToArray());
        Assert.Equal(["net.cnw"], _directory.FileNames());
    }

    [Fact]
    public void Stream_overloads_round_trip_and_read_a_stream_that_trickles()
    {
        var saved = FakeNetwork<float>.With(0.1f, 0.2f, 0.3f);
        using var buffer = new MemoryStream();
        NetworkWeights.Save(saved, buffer);

        var fromMemory = FakeNetwork<float>.Create();
        buffer.Position = 0;
        NetworkWeights.Load(fromMemory, buffer);
        var fromTrickle = FakeNetwork<float>.Create();
        NetworkWeights.Load(fromTrickle, new TrickleStream(buffer.ToArray()), "trickle");

        Assert.Equal(saved.Parameters.ToArray(), fromMemory.Parameters.ToArray());
        Assert.Equal(saved.Parameters.ToArray(), fromTrickle.Parameters.ToArray());
    }

    [Fact]
    public void Parameters_larger_than_one_chunk_round_trip()
    {
        // The writer and reader convert in 64 KiB chunks; 20,001 doubles span three, the last one partial.
        double[] parameters = Enumerable.Range(0, 20_001).Select(i => Math.Sin(i) * 1e3).ToArray();
        using var buffer = new MemoryStream();
        WeightsFileWriter.Write<double>(buffer, "big", parameters);
        buffer.Position = 0;

        double[] loaded = WeightsFileReader.Read<double>(buffer, "big.cnw", "big", parameters.Length);

        Assert.Equal(parameters, loaded);
    }

    [Fact]
    public void Half_precision_is_rejected_before_any_file_is_created()
    {
        var network = FakeNetwork<Half>.Create();
        string path = _directory.File("half.cnw");

        var saveError = Assert.Throws<NotSupportedException>(() => NetworkWeights.Save(network, path));
        Assert.Contains("Half", saveError.Message);
        Assert.Empty(_directory.FileNames());

        File.WriteAllBytes(path, WeightsFileBuilder.Build(FakeNetwork<double>.Description, [1, 2, 3]));
        var loadError = Assert.Throws<NotSupportedException>(() => NetworkWeights.Load(network, path));
        Assert.Contains("float or double", loadError.Message);
    }

    private static long[] Bits(Span<double> values) => values.ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static int[] Bits(Span<float> values) => values.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
}
