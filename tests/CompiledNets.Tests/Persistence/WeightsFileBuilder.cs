using System.Buffers.Binary;
using System.Text;
using CompiledNets.Persistence;

namespace CompiledNets.Tests.Persistence;

/// <summary>
/// Builds weights files field by field, written from the documented layout rather than with the library's writer,
/// so tests can make files that are well-formed but do not fit a network (with a correct checksum).
/// </summary>
public static class WeightsFileBuilder
{
    public static byte[] Build(string architecture, double[] parameters, int version = 1) =>
        Build(version, sizeof(double), parameters.Length, architecture,
            parameters.SelectMany(DoubleBytes).ToArray());

    public static byte[] Build(int version, int elementSize, int parameterCount, string architecture, byte[] parameterBytes)
    {
        byte[] architectureBytes = Encoding.UTF8.GetBytes(architecture);
        var content = new List<byte>();
        content.AddRange("CNW1"u8.ToArray());
        content.AddRange(Int32(version));
        content.AddRange(Int32(elementSize));
        content.AddRange(Int32(parameterCount));
        content.AddRange(Int32(architectureBytes.Length));
        content.AddRange(architectureBytes);
        content.AddRange(parameterBytes);
        return WithChecksum(content.ToArray());
    }

    /// <summary><paramref name="content"/> followed by its CRC-32.</summary>
    public static byte[] WithChecksum(byte[] content)
    {
        byte[] file = new byte[content.Length + 4];
        content.CopyTo(file, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(content.Length), Crc32.Compute(content));
        return file;
    }

    /// <summary>A copy of <paramref name="file"/> with its checksum recomputed after an edit.</summary>
    public static byte[] Rechecksummed(byte[] file) => WithChecksum(file[..^4]);

    private static byte[] DoubleBytes(double value)
    {
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Int32(int value)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }
}
