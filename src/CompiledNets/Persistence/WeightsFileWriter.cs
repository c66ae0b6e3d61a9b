using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using static CompiledNets.Persistence.WeightsFileFormat;

namespace CompiledNets.Persistence;

/// <summary>Writes the weights file layout described on <see cref="NetworkWeights"/>.</summary>
internal static class WeightsFileWriter
{
    /// <summary>Writes a complete weights file for <paramref name="parameters"/> to <paramref name="destination"/>.</summary>
    public static void Write<T>(Stream destination, string architecture, ReadOnlySpan<T> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int elementSize = ElementSizeOf<T>();
        byte[] architectureBytes = Encoding.UTF8.GetBytes(architecture);
        if (architectureBytes.Length > MaxArchitectureBytes)
            throw new ArgumentException(
                $"The architecture description is {architectureBytes.Length} bytes long; a weights file holds at most {MaxArchitectureBytes}.",
                nameof(architecture));

        var crc = new Crc32();

        Span<byte> header = stackalloc byte[FixedHeaderSize];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], elementSize);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], parameters.Length);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], architectureBytes.Length);
        WriteHashed(destination, crc, header);
        WriteHashed(destination, crc, architectureBytes);

        int valuesPerChunk = ChunkBytes / elementSize;
        byte[] chunk = new byte[Math.Min(valuesPerChunk, parameters.Length) * elementSize];
        for (int start = 0; start < parameters.Length; start += valuesPerChunk)
        {
            ReadOnlySpan<T> part = parameters.Slice(start, Math.Min(valuesPerChunk, parameters.Length - start));
            Span<byte> bytes = chunk.AsSpan(0, part.Length * elementSize);
            ParameterBytes.Write(part, bytes);
            WriteHashed(destination, crc, bytes);
        }

        Span<byte> checksum = stackalloc byte[ChecksumSize];
        BinaryPrimitives.WriteUInt32LittleEndian(checksum, crc.Value);
        destination.Write(checksum);
    }

    private static void WriteHashed(Stream destination, Crc32 crc, ReadOnlySpan<byte> bytes)
    {
        crc.Append(bytes);
        destination.Write(bytes);
    }
}
