using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CompiledNets.Reporting;

namespace CompiledNets.Persistence;

/// <summary>
/// NumPy's .npy format (numpy.lib.format), version 1.0 written and 1.0-3.0 read: the magic <c>\x93NUMPY</c>, the version,
/// the header length, a Python dict literal <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (32, 784), }</c>
/// padded with spaces and a newline so the data starts at a multiple of 64 bytes, then the values in C order.
/// </summary>
internal static partial class NpyFormat
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
    private const int Alignment = 64;

    /// <summary>A generous bound on a header's bytes (numpy pads it to 64 or 128), for size checks before reading.</summary>
    public const int MostHeaderBytes = 4096;

    /// <summary>The .npy bytes of one tensor, exactly as <c>numpy.save</c> writes them for a C-ordered array.</summary>
    public static void Write<T>(Stream destination, ReadOnlySpan<T> values, IReadOnlyList<int> shape) where T : unmanaged
    {
        string descr = System.Runtime.CompilerServices.Unsafe.SizeOf<T>() == 4 ? "<f4" : "<f8";
        string dims = shape.Count == 1
            ? shape[0].ToString(CultureInfo.InvariantCulture) + ","
            : string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}";
        int unpadded = Magic.Length + 2 + 2 + dict.Length + 1;
        int padding = (Alignment - unpadded % Alignment) % Alignment;
        string header = dict + new string(' ', padding) + "\n";

        Span<byte> prefix = stackalloc byte[Magic.Length + 4];
        Magic.CopyTo(prefix);
        prefix[6] = 1; // version 1.0
        prefix[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(prefix[8..], (ushort)header.Length);
        destination.Write(prefix);
        destination.Write(Encoding.ASCII.GetBytes(header));

        byte[] data = new byte[values.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>()];
        ParameterBytes.Write(values, data);
        destination.Write(data);
    }

    /// <summary>Reads one .npy file's tensor; <paramref name="where"/> names it in errors ("'weights.npz', entry '0.weight.npy'").</summary>
    public static StoredTensor Read(Stream source, string name, string where)
    {
        byte[] start = ReadExactly(source, Magic.Length + 2, where, "the .npy magic and version");
        if (!start.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw Invalid(where, "is not a NumPy .npy array: it does not start with \\x93NUMPY.");
        int major = start[6];
        if (major is < 1 or > 3)
            throw Invalid(where, $"is .npy format version {major}.{start[7]}; versions 1.0 to 3.0 can be read.");
        byte[] lengthBytes = ReadExactly(source, major == 1 ? 2 : 4, where, "the header length");
        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes) : BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
        if (headerLength > 1 << 20)
            throw Invalid(where, $"claims a {headerLength}-byte header, more than any array header needs.");
        string header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(ReadExactly(source, (int)headerLength, where, "the header"));

        Match descr = DescrPattern().Match(header);
        Match order = FortranOrderPattern().Match(header);
        Match shapeMatch = ShapePattern().Match(header);
        if (!descr.Success || !order.Success || !shapeMatch.Success)
            throw Invalid(where, $"has a header without 'descr', 'fortran_order' and 'shape': {header.TrimEnd()}");
        StoredType type = descr.Groups[1].Value switch
        {
            "<f2" => StoredType.Float16,
            "<f4" => StoredType.Float32,
            "<f8" => StoredType.Float64,
            string other => throw Invalid(where,
                $"holds '{other}' values; little-endian floats ('<f2', '<f4', '<f8') can be read. Convert with array.astype('<f4')."),
        };
        if (order.Groups[1].Value == "True")
            throw Invalid(where, "is stored in Fortran (column-major) order; save a C-ordered array (numpy.ascontiguousarray).");
        int[] shape = ParseShape(shapeMatch.Groups[1].Value, where);

        long count = StoredTensor.CountOf(shape, Array.MaxLength / StoredTensor.SizeOf(type));
        if (count < 0)
            throw Invalid(where, $"claims shape [{string.Join(", ", shape)}], too large to load.");
        long byteCount = count * StoredTensor.SizeOf(type);
        byte[] data = ReadExactly(source, (int)byteCount, where, $"{Counted.Of(count, "value")} of shape [{string.Join(", ", shape)}]");
        if (source.ReadByte() >= 0)
            throw Invalid(where, $"has bytes after its {Counted.Of(count, "value")} of shape [{string.Join(", ", shape)}].");
        return new StoredTensor(name, shape, type, data);
    }

    private static int[] ParseShape(string text, string where)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var shape = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]))
                throw Invalid(where, $"has an unreadable shape ({text}).");
        }

        return shape;
    }

    private static byte[] ReadExactly(Stream source, int count, string where, string what)
    {
        byte[] buffer = new byte[count];
        int read = source.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        if (read < count)
            throw Invalid(where, $"ends after {read} of the {count} bytes of {what}: the file is truncated.");
        return buffer;
    }

    private static InvalidDataException Invalid(string where, string problem) => new($"{where} {problem}");

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranOrderPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
