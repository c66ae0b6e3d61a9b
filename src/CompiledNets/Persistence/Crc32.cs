using System;

namespace CompiledNets.Persistence;

/// <summary>
/// CRC-32 as in zip, gzip and PNG (IEEE 802.3 polynomial, reflected, initial value and final XOR 0xFFFFFFFF).
/// Written here because System.IO.Hashing is a separate package and the runtime takes no dependencies.
/// </summary>
internal sealed class Crc32
{
    private const uint ReflectedPolynomial = 0xEDB88320;

    private static readonly uint[] Table = CreateTable();

    private uint _state = 0xFFFFFFFF;

    /// <summary>The checksum of everything appended so far.</summary>
    public uint Value => ~_state;

    /// <summary>Adds <paramref name="bytes"/> to the checksum.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        uint state = _state;
        foreach (byte b in bytes)
            state = Table[(byte)(state ^ b)] ^ (state >> 8);
        _state = state;
    }

    /// <summary>The checksum of <paramref name="bytes"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> bytes)
    {
        var crc = new Crc32();
        crc.Append(bytes);
        return crc.Value;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < table.Length; i++)
        {
            uint entry = i;
            for (int bit = 0; bit < 8; bit++)
                entry = (entry & 1) != 0 ? (entry >> 1) ^ ReflectedPolynomial : entry >> 1;
            table[i] = entry;
        }
        return table;
    }
}
