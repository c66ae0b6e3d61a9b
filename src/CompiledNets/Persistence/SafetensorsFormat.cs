using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace CompiledNets.Persistence;

/// <summary>
/// Hugging Face's .safetensors format: an 8-byte little-endian header length N, N bytes of JSON mapping each tensor's
/// name to <c>{"dtype": "F32", "shape": [32, 784], "data_offsets": [begin, end]}</c> (offsets into the data that
/// follows; an optional <c>"__metadata__"</c> maps strings to strings), then the tensors' little-endian bytes.
/// Read and written with System.Text.Json's reader and writer: no reflection.
/// </summary>
internal static class SafetensorsFormat
{
    private const string MetadataKey = "__metadata__";
    private const long MaxHeaderLength = 100_000_000; // the reference implementation's limit

    /// <summary>The length field and the longest header: what a file may hold besides tensor data.</summary>
    public const long MostHeaderBytes = 8 + MaxHeaderLength;

    public readonly record struct Tensor(string Name, IReadOnlyList<int> Shape, byte[] Data, bool IsDouble);

    /// <summary>Writes the tensors in order, contiguous, with the header padded with spaces to a multiple of 8 bytes.</summary>
    public static void Write(Stream destination, IReadOnlyList<Tensor> tensors)
    {
        var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteStartObject(MetadataKey);
            writer.WriteString("format", "pt");
            writer.WriteString("producer", "CompiledNets");
            writer.WriteEndObject();
            long offset = 0;
            foreach (Tensor tensor in tensors)
            {
                writer.WriteStartObject(tensor.Name);
                writer.WriteString("dtype", tensor.IsDouble ? "F64" : "F32");
                writer.WriteStartArray("shape");
                foreach (int side in tensor.Shape)
                    writer.WriteNumberValue(side);
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(offset + tensor.Data.Length);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset += tensor.Data.Length;
            }

            writer.WriteEndObject();
        }

        while (json.Length % 8 != 0)
            json.WriteByte((byte)' ');
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)json.Length);
        destination.Write(length);
        json.Position = 0;
        json.CopyTo(destination);
        foreach (Tensor tensor in tensors)
            destination.Write(tensor.Data);
    }

    /// <summary>Every tensor of the file, checked: offsets inside the data, sizes matching shapes, no overlaps or gaps.</summary>
    public static List<StoredTensor> Read(byte[] file, string path)
    {
        if (file.Length < 8)
            throw Invalid(path, $"is {file.Length} bytes long: too short for a .safetensors header.");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > MaxHeaderLength || 8 + (long)headerLength > file.Length)
        {
            throw Invalid(path,
                $"claims a {headerLength}-byte header in a {file.Length}-byte file: it is truncated or not a .safetensors file.");
        }

        int dataStart = 8 + (int)headerLength;
        long dataLength = file.Length - dataStart;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(file.AsMemory(8, (int)headerLength));
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"has a header that is not valid JSON ({e.Message}): it is not a .safetensors file.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw Invalid(path, "has a header that is not a JSON object.");
            var tensors = new List<StoredTensor>();
            var ranges = new List<(long Begin, long End, string Name)>();
            try
            {
                foreach (JsonProperty property in document.RootElement.EnumerateObject())
                {
                    if (property.Name == MetadataKey)
                        continue;
                    (StoredTensor tensor, long begin, long end) = ReadTensor(property, file, dataStart, dataLength, path);
                    tensors.Add(tensor);
                    ranges.Add((begin, end, tensor.Name));
                }
            }
            catch (InvalidOperationException e)
            {
                // The parser accepts bytes that are not UTF-8, and escapes of half a surrogate pair; reading such a
                // name or string as text throws this.
                throw Invalid(path, $"has a header with a name or string that is not valid text ({e.Message}): the file is corrupt.");
            }

            CheckCoverage(ranges, dataLength, path);
            return tensors;
        }
    }

    private static (StoredTensor Tensor, long Begin, long End) ReadTensor(
        JsonProperty property, byte[] file, int dataStart, long dataLength, string path)
    {
        string name = property.Name;
        JsonElement entry = property.Value;
        if (entry.ValueKind != JsonValueKind.Object
            || !entry.TryGetProperty("dtype", out JsonElement dtype) || dtype.ValueKind != JsonValueKind.String
            || !entry.TryGetProperty("shape", out JsonElement shapeElement) || shapeElement.ValueKind != JsonValueKind.Array
            || !entry.TryGetProperty("data_offsets", out JsonElement offsets) || offsets.ValueKind != JsonValueKind.Array
            || offsets.GetArrayLength() != 2)
        {
            throw Invalid(path, $"describes tensor '{name}' without a string 'dtype', a 'shape' array and two 'data_offsets'.");
        }

        StoredType type = dtype.GetString() switch
        {
            "F16" => StoredType.Float16,
            "BF16" => StoredType.BFloat16,
            "F32" => StoredType.Float32,
            "F64" => StoredType.Float64,
            var other => throw Invalid(path, $"holds tensor '{name}' as {other}; F16, BF16, F32 and F64 tensors can be loaded."),
        };
        var shape = new int[shapeElement.GetArrayLength()];
        int i = 0;
        foreach (JsonElement length in shapeElement.EnumerateArray())
        {
            if (length.ValueKind != JsonValueKind.Number || !length.TryGetInt32(out shape[i]) || shape[i] < 0)
                throw Invalid(path, $"gives tensor '{name}' an unreadable shape ({shapeElement.GetRawText()}).");
            i++;
        }

        long count = StoredTensor.CountOf(shape, (int)Math.Min(dataLength / StoredTensor.SizeOf(type), int.MaxValue));
        if (count < 0)
        {
            throw Invalid(path,
                $"gives tensor '{name}' shape {shapeElement.GetRawText()}, more values than its {dataLength} bytes of data hold: the file is corrupt.");
        }

        if (!offsets[0].TryGetInt64(out long begin) || !offsets[1].TryGetInt64(out long end) || begin < 0 || end < begin || end > dataLength)
        {
            throw Invalid(path,
                $"gives tensor '{name}' data_offsets {offsets.GetRawText()} outside the {dataLength} bytes of data: the file is truncated or corrupt.");
        }

        long expected = count * StoredTensor.SizeOf(type);
        if (end - begin != expected)
        {
            throw Invalid(path,
                $"gives tensor '{name}' ({dtype.GetString()}, shape {shapeElement.GetRawText()}) {end - begin} bytes; that shape needs {expected}.");
        }

        byte[] data = file.AsSpan(dataStart + (int)begin, (int)(end - begin)).ToArray();
        return (new StoredTensor(name, shape, type, data), begin, end);
    }

    /// <summary>The format requires the tensors to fill the data exactly: an overlap or a gap means a damaged file.</summary>
    private static void CheckCoverage(List<(long Begin, long End, string Name)> ranges, long dataLength, string path)
    {
        ranges.Sort((a, b) => a.Begin.CompareTo(b.Begin));
        long covered = 0;
        foreach ((long begin, long end, string name) in ranges)
        {
            if (begin != covered)
            {
                throw Invalid(path, begin < covered
                    ? $"has tensor '{name}' overlapping the tensor before it (bytes {begin}..{end})."
                    : $"has {begin - covered} unused bytes before tensor '{name}'.");
            }

            covered = end;
        }

        if (covered != dataLength)
            throw Invalid(path, $"has {dataLength - covered} {(dataLength - covered == 1 ? "byte" : "bytes")} after its last tensor: the file is corrupt or not a .safetensors file.");
    }

    private static InvalidDataException Invalid(string path, string problem) => new($"'{path}' {problem}");
}
