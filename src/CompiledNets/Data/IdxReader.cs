using System.Buffers.Binary;
using System.IO.Compression;
using CompiledNets.Persistence;
using CompiledNets.Reporting;

namespace CompiledNets.Data;

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed (recognized by the gzip magic
/// bytes <c>1f 8b</c>, not by the file name). Only unsigned-byte files (type code <c>0x08</c>) are supported, which
/// is what the image and label files of both sets are.
/// </summary>
/// <remarks>
/// Layout: two zero bytes, a type code byte, a dimension count byte, one big-endian int32 size per dimension, then
/// the values, last dimension fastest. Every problem with a file's content throws <see cref="IdxFormatException"/>
/// naming the file; a missing file throws the usual <see cref="FileNotFoundException"/>.
/// </remarks>
public static class IdxReader
{
    /// <summary>Magic number of an unsigned-byte image file: type 0x08, 3 dimensions (count, rows, columns).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an unsigned-byte label file: type 0x08, 1 dimension (count).</summary>
    public const int LabelsMagic = 0x00000801;

    private const byte UnsignedByteType = 0x08;

    // Unless the file's own size vouches for the declared data, reading grows the buffer in steps up to the declared
    // size, so a corrupt header claiming gigabytes costs memory only as far as the data really goes.
    private const int FirstChunkBytes = 1 << 20;

    // Deflate expands at most about 1032 to 1: a gzip file cannot hold more than this many bytes per compressed byte.
    private const long MaxDeflateRatio = 1032;

    // Trailing bytes are counted for the message up to this many: past it, the file is wrong however many follow, and a
    // pipe (`cat labels /dev/zero`) would otherwise be read forever.
    private const long MostTrailingBytesCounted = 1 << 20;

    /// <summary>Reads an image file (magic <c>0x00000803</c>): count, rows, columns and the pixels.</summary>
    /// <param name="path">The file, plain or gzip-compressed.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IdxFormatException">The file is not a well-formed unsigned-byte IDX image file.</exception>
    public static IdxImages ReadImages(string path)
    {
        var (sizes, pixels) = Read(path, ImagesMagic, "image", ["count", "rows", "columns"]);
        if ((long)sizes[1] * sizes[2] > Array.MaxLength)
        {
            throw new IdxFormatException(
                $"'{path}' declares images of {sizes[1]}x{sizes[2]} pixels, more per image than one array can hold ({Array.MaxLength}).", path);
        }

        return new IdxImages(sizes[0], sizes[1], sizes[2], pixels);
    }

    /// <summary>Reads a label file (magic <c>0x00000801</c>): one byte per example.</summary>
    /// <param name="path">The file, plain or gzip-compressed.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IdxFormatException">The file is not a well-formed unsigned-byte IDX label file.</exception>
    public static byte[] ReadLabels(string path)
    {
        var (_, labels) = Read(path, LabelsMagic, "label", ["count"]);
        return labels;
    }

    // The stated length is what the file says its content takes: a plain file's length, or the uncompressed length
    // a gzip file records. Only a hint for how much to allocate at once: the bytes read are what is checked.
    private static (int[] Sizes, byte[] Data) Read(string path, int expectedMagic, string kind, string[] dimensionNames)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
            throw new IdxFormatException($"'{path}' is a directory, not an IDX {kind} file.", path);
        using FileStream file = File.OpenRead(path);
        var start = new byte[2];
        int startRead = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        bool compressed = startRead == 2 && start[0] == 0x1f && start[1] == 0x8b;

        // A pipe cannot seek back: its first bytes go back in front of the rest, and nothing states its length.
        bool seekable = file.CanSeek;
        Stream content = seekable ? file : new PrefixThenStream(start[..startRead], file);
        if (seekable)
            file.Position = 0;
        if (!compressed)
            return ReadContent(content, path, expectedMagic, kind, dimensionNames, statedLength: seekable ? file.Length : null);

        long? recordedLength = seekable ? GzipRecordedLength(file) : null;
        using var gzip = new GZipStream(content, CompressionMode.Decompress);
        try
        {
            return ReadContent(gzip, path, expectedMagic, kind, dimensionNames, statedLength: recordedLength);
        }
        catch (InvalidDataException ex)
        {
            throw new IdxFormatException(
                $"'{path}' starts like a gzip file but is not valid gzip data: {ex.Message}", path, ex);
        }
    }

    /// <summary>
    /// A gzip file's uncompressed length modulo 2^32, from its last four bytes (ISIZE, RFC 1952), when deflate could
    /// have produced that much from the file; null otherwise.
    /// </summary>
    private static long? GzipRecordedLength(FileStream file)
    {
        if (file.Length < 18) // a gzip header and trailer alone take 18 bytes
            return null;
        Span<byte> trailer = stackalloc byte[4];
        file.Position = file.Length - 4;
        file.ReadExactly(trailer);
        file.Position = 0;
        uint recorded = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        return recorded <= file.Length * MaxDeflateRatio ? recorded : null;
    }

    private static (int[] Sizes, byte[] Data) ReadContent(
        Stream stream, string path, int expectedMagic, string kind, string[] dimensionNames, long? statedLength)
    {
        int dimensions = dimensionNames.Length;
        int headerBytes = 4 + 4 * dimensions;
        Span<byte> header = stackalloc byte[headerBytes];
        int headerRead = stream.ReadAtLeast(header, headerBytes, throwOnEndOfStream: false);
        if (headerRead < 4)
            throw TruncatedHeader(path, kind, headerBytes, headerRead);

        CheckMagic(path, kind, expectedMagic, BinaryPrimitives.ReadInt32BigEndian(header));
        if (headerRead < headerBytes)
            throw TruncatedHeader(path, kind, headerBytes, headerRead);

        var sizes = new int[dimensions];
        long dataBytes = 1;
        for (int d = 0; d < dimensions; d++)
        {
            sizes[d] = BinaryPrimitives.ReadInt32BigEndian(header[(4 + 4 * d)..]);
            if (sizes[d] < 0)
                throw new IdxFormatException(
                    $"'{path}' declares {dimensionNames[d]} = {sizes[d]} in its header; sizes must be zero or more.", path);
            dataBytes *= sizes[d]; // at most 3 factors below 2^31: fits in a long
        }

        string declared = Describe(sizes, kind);
        if (dataBytes > Array.MaxLength)
            throw new IdxFormatException(
                $"'{path}' declares {declared}, {dataBytes} bytes of data, more than one array can hold ({Array.MaxLength}).", path);

        // One array of the declared size when the stated length (see Read) holds that much data; else growing steps.
        bool stated = statedLength >= headerBytes + dataBytes;
        byte[] data = ReadData(stream, (int)dataBytes, firstChunk: stated ? (int)dataBytes : FirstChunkBytes, out int dataRead);
        if (dataRead < dataBytes)
            throw new IdxFormatException(
                $"'{path}' is truncated: its header declares {declared}, which needs {dataBytes} bytes of data after the " +
                $"{headerBytes}-byte header, but only {dataRead} were found.", path);

        long extra = CountRemainingBytes(stream, MostTrailingBytesCounted);
        if (extra > 0)
        {
            string trailing = extra > MostTrailingBytesCounted
                ? $"more than {MostTrailingBytesCounted} unexpected trailing bytes"
                : $"{extra} unexpected trailing {(extra == 1 ? "byte" : "bytes")}";
            throw new IdxFormatException(
                $"'{path}' has {trailing}: its header declares {declared}, which needs exactly " +
                $"{dataBytes} bytes of data after the {headerBytes}-byte header.", path);
        }

        return (sizes, data);
    }

    private static void CheckMagic(string path, string kind, int expectedMagic, int magic)
    {
        if (magic == expectedMagic)
            return;
        string found = $"magic number is 0x{magic:X8}, expected 0x{expectedMagic:X8}";
        int typeCode = (magic >> 8) & 0xFF;
        // With the right zero bytes and dimension count, only the value type is off: say so rather than "not a file".
        if ((magic & ~0xFF00) == (expectedMagic & ~0xFF00) && typeCode != UnsignedByteType)
            throw new IdxFormatException(
                $"'{path}' holds IDX values of type 0x{typeCode:X2} ({TypeName(typeCode)}) but only unsigned bytes " +
                $"(type 0x{UnsignedByteType:X2}) are supported: {found}.", path);
        throw new IdxFormatException($"'{path}' is not an IDX {kind} file: {found}.", path);
    }

    private static string TypeName(int typeCode) => typeCode switch
    {
        0x08 => "unsigned byte",
        0x09 => "signed byte",
        0x0B => "int16",
        0x0C => "int32",
        0x0D => "float32",
        0x0E => "float64",
        _ => "not an IDX type",
    };

    private static string Describe(int[] sizes, string kind) => sizes.Length == 3
        ? $"{sizes[0]} {kind}s of {sizes[1]}x{sizes[2]} pixels"
        : $"{sizes[0]} {kind}s";

    private static IdxFormatException TruncatedHeader(string path, string kind, int headerBytes, int found) => new(
        $"'{path}' is too short to be an IDX {kind} file: its header needs {headerBytes} bytes, but the file has only {found}.",
        path);

    /// <summary>
    /// Reads up to <paramref name="length"/> bytes into a buffer of <paramref name="firstChunk"/> bytes that doubles
    /// as needed; the array is exactly <paramref name="length"/> long when all were there.
    /// </summary>
    private static byte[] ReadData(Stream stream, int length, int firstChunk, out int read)
    {
        var buffer = new byte[Math.Min(length, firstChunk)];
        read = 0;
        while (true)
        {
            read += stream.ReadAtLeast(buffer.AsSpan(read), buffer.Length - read, throwOnEndOfStream: false);
            if (read < buffer.Length || buffer.Length == length)
                return buffer;
            Array.Resize(ref buffer, (int)Math.Min(length, 2L * buffer.Length));
        }
    }

    /// <summary>The bytes after the data, counted up to one past <paramref name="most"/>: a pipe may never end.</summary>
    private static long CountRemainingBytes(Stream stream, long most)
    {
        Span<byte> scratch = stackalloc byte[4096];
        long total = 0;
        int read;
        while (total <= most && (read = stream.Read(scratch)) > 0)
            total += read;
        return total;
    }
}

/// <summary>
/// The content of an IDX image file: <see cref="Count"/> images of <see cref="Rows"/> x <see cref="Columns"/>
/// pixels, stored one image after another, each row by row (0 = background, 255 = full ink in MNIST).
/// </summary>
// Kept beside IdxReader because it is nothing but that reader's result.
public sealed class IdxImages
{
    /// <summary>Wraps the pixels (not copied). Throws if their length is not <c>count * rows * columns</c>.</summary>
    public IdxImages(int count, int rows, int columns, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentNullException.ThrowIfNull(pixels);
        if ((long)rows * columns > Array.MaxLength)
            throw new ArgumentException($"Images of {rows}x{columns} have more pixels than one array can hold.", nameof(rows));
        if (pixels.Length != (long)count * rows * columns)
            throw new ArgumentException(
                $"pixels has {Counted.Of(pixels.Length, "byte")}; {Counted.Of(count, "image")} of {rows}x{columns} {(count == 1 ? "needs" : "need")} {(long)count * rows * columns}.", nameof(pixels));
        Count = count;
        Rows = rows;
        Columns = columns;
        Pixels = pixels;
    }

    /// <summary>Number of images.</summary>
    public int Count { get; }

    /// <summary>Pixel rows per image.</summary>
    public int Rows { get; }

    /// <summary>Pixel columns per image.</summary>
    public int Columns { get; }

    /// <summary>Pixels per image: <see cref="Rows"/> * <see cref="Columns"/>.</summary>
    public int PixelsPerImage => Rows * Columns;

    /// <summary>All pixels, image after image, row by row.</summary>
    public byte[] Pixels { get; }

    /// <summary>The pixels of image <paramref name="index"/>, row by row.</summary>
    public ReadOnlySpan<byte> Image(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);
    }
}
