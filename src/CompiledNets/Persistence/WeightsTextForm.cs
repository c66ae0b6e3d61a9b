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
    /// text form (it starts with '#', after a UTF-8 byte order mark if an editor added one: the generator's reader skips
    /// it too, so a file that bakes also loads). Bytes read from a stream that cannot seek back are handed back in front.
    /// </summary>
    public static Stream AsBinary(Stream source, string sourceName)
    {
        long start = source.CanSeek ? source.Position : 0;
        Span<byte> head = stackalloc byte[4];
        int read = source.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        int hash = head[..read] is [(byte)'#', ..] ? 0 : head[..read] is [0xEF, 0xBB, 0xBF, (byte)'#'] ? 3 : -1;
        if (hash >= 0)
        {
            if (source.CanSeek)
            {
                source.Position = start + hash + 1;
                return Decode(source, sourceName, skipRestOfFirstLine: true);
            }

            // The rest of the first line is read past by Decode; what was read beyond '#' belongs to that line.
            return Decode(new PrefixThenStream(head[(hash + 1)..read].ToArray(), source), sourceName, skipRestOfFirstLine: true);
        }

        if (source.CanSeek)
        {
            source.Position = start;
            return source;
        }

        return read == 0 ? source : new PrefixThenStream(head[..read].ToArray(), source);
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

        // Comments alone (the data cut off, or never copied) would read on as an empty binary file: "the file is empty".
        if (base64.Length == 0)
        {
            throw new InvalidDataException(
                $"'{sourceName}' starts like the text form of a weights file (NetworkWeights.SaveText), but has no data after its comment lines: it was truncated.");
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
}
