using System.Buffers;
using System.Buffers.Text;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.InteropServices;
using CompiledNets.Reporting;

namespace CompiledNets.Persistence;

/// <summary>For generated code: copies parameters baked into the assembly (<c>[Network(Weights = ...)]</c>) into a network.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BakedWeights
{
    /// <summary>
    /// Fills <paramref name="parameters"/> from <paramref name="base64Lines"/>: the parameters' little-endian IEEE 754
    /// bytes in Base64, lines separated by '\n' (the generator checked their count and checksum when it baked them).
    /// Decodes in place, allocating nothing.
    /// </summary>
    public static void CopyTo<T>(ReadOnlySpan<byte> base64Lines, Span<T> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        WeightsFileFormat.ElementSizeOf<T>();
        Span<byte> destination = MemoryMarshal.AsBytes(parameters);
        int written = 0;
        while (!base64Lines.IsEmpty)
        {
            int end = base64Lines.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = end < 0 ? base64Lines : base64Lines[..end];
            if (Base64.DecodeFromUtf8(line, destination[written..], out _, out int decoded) != OperationStatus.Done)
                throw new ArgumentException($"The baked weights are damaged or longer than {Counted.Of(parameters.Length, "parameter")}.", nameof(base64Lines));
            written += decoded;
            base64Lines = end < 0 ? default : base64Lines[(end + 1)..];
        }

        if (written != destination.Length)
            throw new ArgumentException($"The baked weights hold {Counted.Of(written, "byte")}; {Counted.Of(parameters.Length, "parameter")} {(parameters.Length == 1 ? "needs" : "need")} {destination.Length}.", nameof(base64Lines));
        ParameterBytes.FromLittleEndian(parameters);
    }
}
