using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CompiledNets.Persistence;

/// <summary>
/// Converts parameters to and from the file's little-endian IEEE 754 bytes. On a little-endian machine that is a
/// plain copy, which also keeps every bit (NaN payloads, negative zero) exactly.
/// </summary>
internal static class ParameterBytes
{
    /// <summary>Writes <paramref name="values"/> into the first <c>values.Length * size</c> bytes of <paramref name="destination"/>.</summary>
    public static void Write<T>(ReadOnlySpan<T> values, Span<byte> destination) where T : unmanaged
    {
        ReadOnlySpan<byte> raw = MemoryMarshal.AsBytes(values);
        Span<byte> target = destination[..raw.Length];
        raw.CopyTo(target);
        if (!BitConverter.IsLittleEndian)
            ReverseEachValue<T>(target);
    }

    /// <summary>Fills <paramref name="values"/> from the first <c>values.Length * size</c> bytes of <paramref name="source"/>.</summary>
    public static void Read<T>(ReadOnlySpan<byte> source, Span<T> values) where T : unmanaged
    {
        Span<byte> target = MemoryMarshal.AsBytes(values);
        source[..target.Length].CopyTo(target);
        if (!BitConverter.IsLittleEndian)
            ReverseEachValue<T>(target);
    }

    /// <summary>Turns values whose bytes were copied in little-endian order into this machine's order (nothing to do on x64 and Arm64).</summary>
    public static void FromLittleEndian<T>(Span<T> values) where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian)
            ReverseEachValue<T>(MemoryMarshal.AsBytes(values));
    }

    private static void ReverseEachValue<T>(Span<byte> bytes) where T : unmanaged
    {
        if (Unsafe.SizeOf<T>() == sizeof(uint))
        {
            Span<uint> words = MemoryMarshal.Cast<byte, uint>(bytes);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
        else
        {
            Span<ulong> words = MemoryMarshal.Cast<byte, ulong>(bytes);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
    }
}
