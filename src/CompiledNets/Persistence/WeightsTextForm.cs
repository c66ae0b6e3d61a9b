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
}
