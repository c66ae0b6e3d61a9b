using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using static CompiledNets.Persistence.WeightsFileFormat;
using CompiledNets.Reporting;

namespace CompiledNets.Persistence;

/// <summary>
/// Reads and checks a weights file (layout on <see cref="NetworkWeights"/>). Structural problems (magic, version,
/// impossible header values, length) are reported first, then the checksum, and only then whether the file fits the
/// network: a mismatch message is trustworthy because the header it quotes has passed the checksum.
/// </summary>
internal sealed class WeightsFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream _source;
    private readonly string _name;
    private readonly Crc32 _crc = new();
    private long _offset;
    private long? _describedLength;

    private WeightsFileReader(Stream source, string name)
    {
        _source = source;
        _name = name;
    }

    /// <summary>
    /// Reads the whole file from <paramref name="source"/> and returns its parameters, or throws
    /// <see cref="InvalidDataException"/> naming <paramref name="name"/> if it is not a valid file for a network with
    /// <paramref name="architecture"/> and <paramref name="parameterCount"/> parameters of type <typeparamref name="T"/>.
    /// </summary>
    public static T[] Read<T>(Stream source, string name, string architecture, int parameterCount)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int elementSize = ElementSizeOf<T>();
        return new WeightsFileReader(source, name).ReadFile<T>(elementSize, architecture, parameterCount);
    }

    private T[] ReadFile<T>(int elementSize, string architecture, int parameterCount) where T : unmanaged
    {
        Header header = ReadHeader();

        // Decode only into a buffer of the network's own size; an unfit file is still read to the end so that
        // truncation and corruption are reported before a mismatch.
        bool fits = header.ElementSize == elementSize && header.ParameterCount == parameterCount;
        T[] parameters = fits ? new T[parameterCount] : [];
        ReadParameters(header.ParameterCount, header.ElementSize, parameters);
        ReadAndVerifyChecksum();

        if (header.ElementSize != elementSize)
            throw Fail($"it was saved with {DescribeElementSize(header.ElementSize)} parameters; this network uses {ElementTypeName(elementSize)} " +
                $"({elementSize}-byte) parameters. Load it into a network declared with {ElementTypeName(header.ElementSize)} precision, or retrain");

        string fileArchitecture = DecodeArchitecture(header.Architecture);
        if (header.ParameterCount != parameterCount)
            throw Fail($"it holds {Counted.Of(header.ParameterCount, "parameter")}, saved from a network with architecture \"{fileArchitecture}\"; " +
                $"this network has {Counted.Of(parameterCount, "parameter")} (architecture \"{architecture}\")");
        if (!string.Equals(fileArchitecture, architecture, StringComparison.Ordinal))
            throw Fail($"architecture mismatch: it was saved from a network with architecture \"{fileArchitecture}\"; " +
                $"this network's architecture is \"{architecture}\"");

        return parameters;
    }

    /// <summary>The header fields, read up to the parameters and checked for possible values (not yet for fit).</summary>
    private readonly record struct Header(int ElementSize, int ParameterCount, byte[] Architecture);

    private Header ReadHeader()
    {
        ReadMagic();

        Span<byte> field = stackalloc byte[sizeof(int)];
        int version = ReadInt32(field);
        if (version != FormatVersion)
            throw Fail($"it has format version {version}; this version of CompiledNets reads version {FormatVersion} only");

        int elementSize = ReadInt32(field);
        int parameterCount = ReadInt32(field);
        int architectureLength = ReadInt32(field);
        if (elementSize is not (sizeof(float) or sizeof(double)))
            throw Fail($"the file is corrupted: its header gives an element size of {elementSize} bytes; expected 4 (float) or 8 (double)");
        if (parameterCount < 0)
            throw Fail($"the file is corrupted: its header gives a negative parameter count ({parameterCount})");
        if (architectureLength is < 0 or > MaxArchitectureBytes)
            throw Fail($"the file is corrupted: its header gives an architecture string of {architectureLength} bytes; expected 0 to {MaxArchitectureBytes}");
        _describedLength = FixedHeaderSize + architectureLength + (long)parameterCount * elementSize + ChecksumSize;

        byte[] architecture = new byte[architectureLength];
        ReadHashed(architecture, "the architecture string");
        return new Header(elementSize, parameterCount, architecture);
    }

    private void ReadAndVerifyChecksum()
    {
        uint computed = _crc.Value;
        Span<byte> field = stackalloc byte[ChecksumSize];
        ReadExactly(field, "the checksum");
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(field);
        RejectTrailingBytes();
        if (stored != computed)
            throw Fail($"the file is corrupted: its checksum does not match its content (stored CRC-32 0x{stored:X8}, computed 0x{computed:X8})");
    }

    private void ReadMagic()
    {
        ReadOnlySpan<byte> magic = Magic;
        Span<byte> found = stackalloc byte[magic.Length];
        int count = ReadAvailable(found);
        _crc.Append(found[..count]);
        if (count == 0)
            throw Fail($"the file is empty; a weights file has at least {MinimumFileSize} bytes, starting with \"CNW1\"");
        if (count < magic.Length && found[..count].SequenceEqual(magic[..count]))
            throw Fail($"the file is truncated: it ends after {Counted.Of(count, "byte")}, in the header; a weights file has at least {MinimumFileSize} bytes");
        if (!found[..count].SequenceEqual(magic))
            throw Fail($"it is not a CompiledNets weights file: it should start with \"CNW1\" (43 4E 57 31) but starts with {Describe(found[..count])}");
    }

    private void ReadParameters<T>(int count, int elementSize, Span<T> destination) where T : unmanaged
    {
        long remaining = (long)count * elementSize;
        byte[] chunk = new byte[(int)Math.Min(ChunkBytes, remaining)];
        int decoded = 0;
        while (remaining > 0)
        {
            Span<byte> bytes = chunk.AsSpan(0, (int)Math.Min(chunk.Length, remaining));
            ReadHashed(bytes, "the parameters");
            if (!destination.IsEmpty)
            {
                int values = bytes.Length / elementSize;
                ParameterBytes.Read(bytes, destination.Slice(decoded, values));
                decoded += values;
            }
            remaining -= bytes.Length;
        }
    }

    private void RejectTrailingBytes()
    {
        if (_source.ReadByte() < 0)
            return;
        long? extra = _source.CanSeek ? _source.Length - _source.Position + 1 : null;
        string amount = extra switch { null => "unexpected bytes", 1 => "1 unexpected byte", _ => $"{extra} unexpected bytes" };
        throw Fail($"it has {amount} after its checksum; expected the file to end at byte {_offset} as its header describes (was something appended, or is its header corrupted?)");
    }

    private int ReadInt32(Span<byte> field)
    {
        ReadHashed(field, "the header");
        return BinaryPrimitives.ReadInt32LittleEndian(field);
    }

    private void ReadHashed(Span<byte> buffer, string part)
    {
        ReadExactly(buffer, part);
        _crc.Append(buffer);
    }

    private void ReadExactly(Span<byte> buffer, string part)
    {
        int count = ReadAvailable(buffer);
        if (count < buffer.Length)
        {
            string expected = _describedLength is long length
                ? $"its header describes {length} bytes"
                : $"a weights file has at least {MinimumFileSize} bytes";
            // A bit flipped in the header's sizes makes a whole file look cut short: say both, as nothing tells them apart.
            string what = _describedLength is null ? "the file is truncated" : "the file is truncated, or its header is corrupted";
            throw Fail($"{what}: it ends after {Counted.Of(_offset, "byte")}, in {part}; {expected}");
        }
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
    private int ReadAvailable(Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = _source.Read(buffer[total..]);
            if (read == 0)
                break;
            total += read;
        }
        _offset += total;
        return total;
    }

    private string DecodeArchitecture(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw Fail("the file is corrupted: its architecture string is not valid UTF-8", e);
        }
    }

    private static string Describe(ReadOnlySpan<byte> bytes)
    {
        string spaced = BitConverter.ToString(bytes.ToArray()).Replace('-', ' ');
        bool printable = true;
        foreach (byte b in bytes)
            printable &= b is >= 0x20 and < 0x7F;
        return printable ? $"\"{Encoding.ASCII.GetString(bytes)}\" ({spaced})" : spaced;
    }

    private InvalidDataException Fail(string description, Exception? inner = null) =>
        new($"Cannot load weights from '{_name}': {description}.", inner);
}
