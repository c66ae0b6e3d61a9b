using System.Text;

namespace CompiledNets.Persistence;

/// <summary>
/// The text form of a weights file, which a source generator can read through AdditionalFiles: comment lines, then
/// the binary file (see <see cref="NetworkWeights"/>) in Base64, 76 characters to a line. The generator ignores the
/// comments and checks the decoded bytes as the runtime checks a binary file.
/// </summary>
internal static class WeightsTextForm
{
    public const string FirstLine = "# CompiledNets weights, text form: NetworkWeights.Save's file in Base64, for [Network(Weights = \"...\")].";
    private const int LineLength = 76;

    public static void Write(Stream destination, ReadOnlySpan<byte> binary, string architecture, int elementSize, int parameterCount)
    {
        var text = new StringBuilder();
        text.Append(FirstLine).Append('\n');
        text.Append("# architecture: ").Append(architecture).Append('\n');
        text.Append("# precision: ").Append(elementSize == sizeof(float) ? "float" : "double")
            .Append(", parameters: ").Append(parameterCount.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        string base64 = Convert.ToBase64String(binary);
        for (int start = 0; start < base64.Length; start += LineLength)
            text.Append(base64, start, Math.Min(LineLength, base64.Length - start)).Append('\n');
        destination.Write(Encoding.ASCII.GetBytes(text.ToString()));
    }

    /// <summary>
    /// <paramref name="source"/> as the binary file: itself when it holds one, or its decoded Base64 when it holds the
    /// text form (it starts with '#'). A stream that cannot seek back over the first byte gets it handed back in front.
    /// </summary>
    public static Stream AsBinary(Stream source, string sourceName)
    {
        int first;
        if (source.CanSeek)
        {
            long start = source.Position;
            first = source.ReadByte();
            source.Position = start;
            return first == '#' ? Decode(source, sourceName) : source;
        }

        first = source.ReadByte();
        if (first == '#')
            return Decode(source, sourceName, skipRestOfFirstLine: true);
        return first < 0 ? source : new FirstByteThenStream((byte)first, source);
    }

    private static MemoryStream Decode(Stream source, string sourceName, bool skipRestOfFirstLine = false)
    {
        using var reader = new StreamReader(source, Encoding.ASCII, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        if (skipRestOfFirstLine)
            reader.ReadLine(); // the comment whose '#' was read to recognize the form
        var base64 = new StringBuilder();
        while (reader.ReadLine() is string line)
        {
            if (line.Length > 0 && line[0] != '#')
                base64.Append(line.Trim());
        }

        try
        {
            return new MemoryStream(Convert.FromBase64String(base64.ToString()), writable: false);
        }
        catch (FormatException)
        {
            throw new InvalidDataException(
                $"'{sourceName}' starts like the text form of a weights file (NetworkWeights.SaveText), but its data is not valid Base64: it was edited or truncated.");
        }
    }

    /// <summary>A byte already read from a forward-only stream, then the rest of that stream.</summary>
    private sealed class FirstByteThenStream(byte first, Stream rest) : Stream
    {
        private bool _firstRead;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_firstRead || buffer.IsEmpty)
                return rest.Read(buffer);
            buffer[0] = first;
            _firstRead = true;
            return 1;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
