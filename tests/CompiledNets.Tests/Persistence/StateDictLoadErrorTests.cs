using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using CompiledNets.Persistence;
using CompiledNets.Tests.Networks;

namespace CompiledNets.Tests.Persistence;

/// <summary>
/// Bad .npz and .safetensors files: each load fails with an InvalidDataException that names the file, the tensor and
/// what differs, and leaves the network's parameters exactly as they were.
/// </summary>
public sealed class StateDictLoadErrorTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly LinearChainNet _network = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_missing_tensor_is_named_with_its_layer_and_what_the_file_holds()
    {
        string path = Npz(("0.weight", [4, 3]), ("0.bias", [4]), ("1.weight", [2, 4]), ("3.weight", [1, 2]));

        string message = AssertRejected(() => StateDict.LoadNpz(_network, path));

        Assert.Equal(
            $"'{path}' has no tensor '3.bias' [1] for layer 3 (Layer3, Dense) of 3 -> Dense(4, Linear) -> Dense(2, Tanh, no bias) -> Dense(1, Linear). " +
            "It holds '0.weight' [4, 3], '0.bias' [4], '1.weight' [2, 4], '3.weight' [1, 2]. If the names differ, pass a map " +
            "from layer to module name, e.g. { [\"Layer3\"] = \"fc1\" }.", message);
    }

    [Fact]
    public void A_wrong_shape_names_the_tensor_and_both_shapes()
    {
        string path = Npz(("0.weight", [3, 4]), ("0.bias", [4]), ("1.weight", [2, 4]), ("3.weight", [1, 2]), ("3.bias", [1]));

        string message = AssertRejected(() => StateDict.LoadNpz(_network, path));

        Assert.Equal(
            $"'{path}' has tensor '0.weight' of shape [3, 4]; layer 1 (Layer1, Dense) of 3 -> Dense(4, Linear) -> Dense(2, Tanh, no bias) -> Dense(1, Linear) " +
            "needs [4, 3].", message);
    }

    [Fact]
    public void An_unexpected_tensor_means_another_network()
    {
        string path = Npz(("0.weight", [4, 3]), ("0.bias", [4]), ("1.weight", [2, 4]), ("1.bias", [2]), ("3.weight", [1, 2]), ("3.bias", [1]));

        string message = AssertRejected(() => StateDict.LoadNpz(_network, path));

        Assert.StartsWith($"'{path}' holds '1.bias', which 3 -> Dense(4, Linear) -> Dense(2, Tanh, no bias) -> Dense(1, Linear) has no place for", message);
    }

    [Fact]
    public void A_nan_value_is_refused()
    {
        string path = Npz(("0.weight", [4, 3]), ("0.bias", [4]), ("1.weight", [2, 4]), ("3.weight", [1, 2]), ("3.bias", [1]));
        using (ZipArchive archive = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            archive.GetEntry("0.bias.npy")!.Delete();
            using Stream npy = archive.CreateEntry("0.bias.npy").Open();
            npy.Write(Npy("<f8", "(4,)", BitConverter.GetBytes(0.5), BitConverter.GetBytes(double.NaN), new byte[16]));
        }

        string message = AssertRejected(() => StateDict.LoadNpz(_network, path));

        Assert.Equal($"'{path}' has tensor '0.bias' with value NaN at index 1: a diverged network cannot be loaded.", message);
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_not_an_npz()
    {
        string path = _directory.File("weights.npz");
        File.WriteAllText(path, "not a zip file at all");

        string message = AssertRejected(() => StateDict.LoadNpz(_network, path));

        Assert.StartsWith($"'{path}' is not a NumPy .npz archive (a ZIP file): ", message);
    }

    [Fact]
    public void Integer_and_fortran_ordered_arrays_say_how_to_convert_them()
    {
        string integers = NpzWithEntry("0.weight.npy", Npy("<i8", "(4, 3)", new byte[96]));
        string fortran = NpzWithEntry("0.weight.npy", Npy("<f4", "(4, 3)", new byte[48], fortranOrder: true));

        Assert.Equal(
            $"'{integers}', entry '0.weight.npy', holds '<i8' values; little-endian floats ('<f2', '<f4', '<f8') can be read. " +
            "Convert with array.astype('<f4').", AssertRejected(() => StateDict.LoadNpz(_network, integers)));
        Assert.Equal(
            $"'{fortran}', entry '0.weight.npy', is stored in Fortran (column-major) order; save a C-ordered array " +
            "(numpy.ascontiguousarray).", AssertRejected(() => StateDict.LoadNpz(_network, fortran)));
    }

    [Fact]
    public void A_truncated_npy_entry_says_what_is_missing()
    {
        string path = NpzWithEntry("0.weight.npy", Npy("<f4", "(4, 3)", new byte[40]));

        Assert.Equal(
            $"'{path}', entry '0.weight.npy', ends after 40 of the 48 bytes of 12 values of shape [4, 3]: the file is truncated.",
            AssertRejected(() => StateDict.LoadNpz(_network, path)));
    }

    [Fact]
    public void A_flipped_bit_in_an_npz_array_fails_the_crc_the_archive_recorded()
    {
        // .NET's ZipArchive does not check an entry's CRC-32; Python's zipfile (numpy.load) does, and so must we:
        // the flipped bit leaves a finite value that would otherwise load as a silently changed weight.
        string path = _directory.File("weights.npz");
        StateDict.SaveNpz(new LinearChainNet(), path);
        byte[] bytes = File.ReadAllBytes(path);
        int npy = bytes.AsSpan().IndexOf(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' });
        int firstValue = npy + 10 + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(npy + 8));
        bytes[firstValue] ^= 1;
        File.WriteAllBytes(path, bytes);

        string message = AssertRejected(() => StateDict.LoadNpz(_network, path));

        Assert.Matches($"^'{Regex(path)}', entry '0.weight.npy', is corrupt: its bytes have CRC-32 0x[0-9A-F]{{8}}, but the archive " +
            "recorded 0x[0-9A-F]{8} when it was written.$", message);
    }

    [Fact]
    public void An_npy_shape_whose_product_overflows_is_too_large_not_negative()
    {
        string path = NpzWithEntry("0.weight.npy", Npy("<f4", "(2147483647, 2147483647, 3)", new byte[48]));

        Assert.Equal(
            $"'{path}', entry '0.weight.npy', claims shape [2147483647, 2147483647, 3], too large to load.",
            AssertRejected(() => StateDict.LoadNpz(_network, path)));
    }

    [Fact]
    public void A_safetensors_shape_whose_product_overflows_is_refused()
    {
        string path = Safetensors("""{"0.weight":{"dtype":"F32","shape":[2147483647,2147483647,2147483647],"data_offsets":[0,8]}}""", 8);

        Assert.Equal(
            $"'{path}' gives tensor '0.weight' shape [2147483647,2147483647,2147483647], more values than its 8 bytes of data " +
            "hold: the file is corrupt.", AssertRejected(() => StateDict.LoadSafetensors(_network, path)));
    }

    [Fact]
    public void A_safetensors_shape_with_a_negative_length_is_refused()
    {
        string path = Safetensors("""{"0.weight":{"dtype":"F32","shape":[-1,2],"data_offsets":[0,8]}}""", 8);

        Assert.Equal($"'{path}' gives tensor '0.weight' an unreadable shape ([-1,2]).",
            AssertRejected(() => StateDict.LoadSafetensors(_network, path)));
    }

    [Theory]
    [InlineData(1, "1 byte")]
    [InlineData(8, "8 bytes")]
    public void Bytes_after_the_last_safetensors_tensor_are_refused(int appended, string count)
    {
        // Each tensor must start where the one before it ends and the last must end the file: data past it means the
        // header and the data disagree, so nothing is loaded.
        var source = new LinearChainNet();
        string path = _directory.File("appended.safetensors");
        StateDict.SaveSafetensors(source, path);
        File.WriteAllBytes(path, [.. File.ReadAllBytes(path), .. new byte[appended]]);

        Assert.Equal($"'{path}' has {count} after its last tensor: the file is corrupt or not a .safetensors file.",
            AssertRejected(() => StateDict.LoadSafetensors(_network, path)));
    }

    [Theory]
    [InlineData("\"0.w\u00FFeight\"")] // written as the byte FF, which UTF-8 never uses
    [InlineData("\"0.w\\ud800eight\"")] // the escape of half a surrogate pair
    public void A_safetensors_name_that_is_not_text_is_refused(string name)
    {
        string path = Safetensors("{" + name + """:{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8);

        string message = AssertRejected(() => StateDict.LoadSafetensors(_network, path));

        // Between the parentheses, System.Text.Json's own words for what it could not decode.
        Assert.StartsWith($"'{path}' has a header with a name or string that is not valid text (", message);
        Assert.EndsWith("): the file is corrupt.", message);
    }

    [Fact]
    public void A_truncated_safetensors_file_is_named_as_such()
    {
        var source = new LinearChainNet();
        string path = _directory.File("weights.safetensors");
        StateDict.SaveSafetensors(source, path);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^8]);

        string message = AssertRejected(() => StateDict.LoadSafetensors(_network, path));

        Assert.Matches($"^'{Regex(path)}' gives tensor '3.bias' data_offsets \\[\\d+,\\d+\\] outside the \\d+ bytes of data: " +
            "the file is truncated or corrupt.$", message);
    }

    [Fact]
    public void A_safetensors_header_that_is_not_json_or_too_long_is_refused()
    {
        string garbage = _directory.File("garbage.safetensors");
        byte[] header = Encoding.UTF8.GetBytes("{not json}");
        byte[] file = new byte[8 + header.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file, 8);
        File.WriteAllBytes(garbage, file);
        string tooLong = _directory.File("long.safetensors");
        File.WriteAllBytes(tooLong, [0xFF, 0xFF, 0, 0, 0, 0, 0, 0, (byte)'{']);

        Assert.StartsWith($"'{garbage}' has a header that is not valid JSON (", AssertRejected(() => StateDict.LoadSafetensors(_network, garbage)));
        Assert.Equal($"'{tooLong}' claims a 65535-byte header in a 9-byte file: it is truncated or not a .safetensors file.",
            AssertRejected(() => StateDict.LoadSafetensors(_network, tooLong)));
    }

    [Fact]
    public void Files_far_larger_than_the_network_are_refused_before_their_data_is_read()
    {
        string npz = Npz(("0.weight", [4, 3]), ("0.bias", [4]), ("1.weight", [2, 4]), ("3.weight", [1, 2]), ("3.bias", [1]),
            ("embedding.weight", [1000, 100]));
        string safetensors = _directory.File("huge.safetensors");
        StateDict.SaveSafetensors(new LinearChainNet(), safetensors);
        using (var file = new FileStream(safetensors, FileMode.Open))
            file.SetLength(200_000_000); // sparse: costs no disk

        Assert.Equal(
            $"'{npz}' holds 800,637 bytes of arrays, more than this network's parameters can fill (24,792, every parameter as " +
            "float64, with headers): it holds other tensors.",
            AssertRejected(() => StateDict.LoadNpz(_network, npz)));
        Assert.Equal(
            $"'{safetensors}' is 200,000,000 bytes, more than a .safetensors file of the 27 parameters of " +
            "3 -> Dense(4, Linear) -> Dense(2, Tanh, no bias) -> Dense(1, Linear) can be (100,000,224 bytes): it holds other tensors, " +
            "or is not a .safetensors file.",
            AssertRejected(() => StateDict.LoadSafetensors(_network, safetensors)));
    }

    [Fact]
    public void A_device_without_end_is_refused_once_it_goes_past_the_most_a_file_can_hold()
    {
        // /dev/zero states no length and never ends: the whole of it was read into memory, until OutOfMemoryException.
        if (!OperatingSystem.IsLinux())
            return;

        Assert.Equal(
            "'/dev/zero' goes on past 100,000,224 bytes, more than a .safetensors file of the 27 parameters of " +
            "3 -> Dense(4, Linear) -> Dense(2, Tanh, no bias) -> Dense(1, Linear) can be: it holds other tensors, or is not a " +
            ".safetensors file.",
            AssertRejected(() => StateDict.LoadSafetensors(_network, "/dev/zero")));
    }

    [Fact]
    public async Task A_pipe_without_end_is_refused_once_it_goes_past_the_most_an_archive_can_take()
    {
        // ZipArchive copies a file that cannot seek into memory before reading it: all of it, however long.
        if (!OperatingSystem.IsLinux())
            return;
        using var pipe = new CompiledNets.Tests.Data.EndlessPipe([]);

        Exception? error = await pipe.ReadWithin(() => StateDict.LoadNpz(_network, pipe.Path));

        Assert.Equal(
            $"'{pipe.Path}' goes on past 16,777,432 bytes, more than a .npz archive of this network's parameters can take: it holds " +
            "other tensors, or is not a .npz archive.",
            Assert.IsType<InvalidDataException>(error).Message);
    }

    [Fact]
    public void A_directory_is_named_as_one()
    {
        // NumPy's archive said "Access to the path is denied" and safetensors "Could not find file".
        Assert.Equal($"'{_directory.Path}' is a directory, not a NumPy .npz archive.",
            AssertRejected(() => StateDict.LoadNpz(_network, _directory.Path)));
        Assert.Equal($"'{_directory.Path}' is a directory, not a .safetensors file.",
            AssertRejected(() => StateDict.LoadSafetensors(_network, _directory.Path)));
    }

    [Fact]
    public void A_diverged_network_is_not_saved()
    {
        var network = new LinearChainNet();
        network.Parameters[5] = double.PositiveInfinity;
        string path = _directory.File("weights.npz");

        Assert.Throws<InvalidOperationException>(() => StateDict.SaveNpz(network, path));
        Assert.Throws<InvalidOperationException>(() => StateDict.SaveSafetensors(network, path));
        Assert.Empty(_directory.FileNames());
    }

    /// <summary>Runs a load that must fail; checks the parameters did not change and returns the message.</summary>
    private string AssertRejected(Action load)
    {
        double[] before = _network.Parameters.ToArray();
        var error = Assert.Throws<InvalidDataException>(load);
        Assert.Equal(before, _network.Parameters.ToArray());
        return error.Message;
    }

    private string Npz(params (string Name, int[] Shape)[] tensors)
    {
        string path = _directory.File("weights.npz");
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach ((string name, int[] shape) in tensors)
        {
            using Stream npy = archive.CreateEntry(name + ".npy").Open();
            string dims = shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";
            npy.Write(Npy("<f8", dims, new byte[8 * shape.Aggregate(1, (a, b) => a * b)]));
        }

        return path;
    }

    private string NpzWithEntry(string entryName, byte[] content)
    {
        string path = _directory.File(Guid.NewGuid().ToString("N") + ".npz");
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        using Stream entry = archive.CreateEntry(entryName).Open();
        entry.Write(content);
        return path;
    }

    /// <summary>A .safetensors file of this header, its characters written as Latin-1 bytes, and that many zero bytes of data.</summary>
    private string Safetensors(string header, int dataBytes)
    {
        string path = _directory.File(Guid.NewGuid().ToString("N") + ".safetensors");
        byte[] json = Encoding.Latin1.GetBytes(header);
        byte[] file = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)json.Length);
        json.CopyTo(file, 8);
        File.WriteAllBytes(path, file);
        return path;
    }

    private static byte[] Npy(string descr, string shape, params byte[][] data) => Npy(descr, shape, data, fortranOrder: false);

    private static byte[] Npy(string descr, string shape, byte[] data, bool fortranOrder) => Npy(descr, shape, [data], fortranOrder);

    private static byte[] Npy(string descr, string shape, byte[][] data, bool fortranOrder)
    {
        string header = $"{{'descr': '{descr}', 'fortran_order': {(fortranOrder ? "True" : "False")}, 'shape': {shape}, }}\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange("NUMPY"u8.ToArray());
        bytes.AddRange([1, 0, (byte)header.Length, 0]);
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        foreach (byte[] part in data)
            bytes.AddRange(part);
        return bytes.ToArray();
    }

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
