using System.Buffers.Binary;
using System.IO.Compression;

namespace CompiledNets.Tests.Data;

/// <summary>A temporary folder of IDX files that a test writes itself, deleted on dispose.</summary>
internal sealed class IdxTestFiles : IDisposable
{
    public IdxTestFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "compilednets-idx-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    /// <summary>Writes <paramref name="content"/> as file <paramref name="name"/>, gzip-compressed when asked.</summary>
    public string Write(string name, byte[] content, bool gzip = false)
    {
        string path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, gzip ? Gzip(content) : content);
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>An IDX file: big-endian magic, one big-endian int32 per size, then the data as is.</summary>
    public static byte[] Idx(int magic, int[] sizes, byte[] data)
    {
        var bytes = new byte[4 + 4 * sizes.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int d = 0; d < sizes.Length; d++)
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), sizes[d]);
        data.CopyTo(bytes, 4 + 4 * sizes.Length);
        return bytes;
    }

    public static byte[] Images(int count, int rows, int columns, byte[] pixels) =>
        Idx(0x00000803, [count, rows, columns], pixels);

    public static byte[] Labels(params byte[] labels) => Idx(0x00000801, [labels.Length], labels);

    public static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
            gzip.Write(content);
        return buffer.ToArray();
    }

    /// <summary>Distinct-looking pixels: a deterministic pattern that covers 0 and 255.</summary>
    public static byte[] Pattern(int length) =>
        Enumerable.Range(0, length).Select(i => (byte)(i * 37 % 256)).ToArray();

    /// <summary>The repository root: the first folder above the test binaries that holds CompiledNets.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CompiledNets.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No CompiledNets.sln above '{AppContext.BaseDirectory}'.");
    }

    /// <summary>The 10,000 embedded MNIST digits shipped with the Digits sample.</summary>
    public static (string Images, string Labels) EmbeddedDigits()
    {
        string data = Path.Combine(RepositoryRoot(), "samples", "Digits", "data");
        return (Path.Combine(data, "mnist-digits-10k-images-idx3-ubyte.gz"),
                Path.Combine(data, "mnist-digits-10k-labels-idx1-ubyte.gz"));
    }
}
