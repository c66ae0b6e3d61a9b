using System.Net;
using System.Text.RegularExpressions;
using CompiledNets.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CompiledNets.Generator.Tests.Execution;

/// <summary>
/// README's table of diagnostics lists every diagnostic the generator reports, and each row's message reads as the
/// generator writes it: the row's text is the message with its example's values, cut short at "..." or followed by
/// an explanation. (Its CN0111 row went on giving the message's old byte count after the count changed.)
/// </summary>
public sealed partial class ReadmeDiagnosticsTests
{
    // The one row that is not the generator's: a warning from the package's build logic (PackageConsumerTests).
    private const string BuildLogicWarning = "CN0500";

    [Fact]
    public void EveryDiagnostic_HasARow_AndEveryRowIsADiagnostic()
    {
        string[] rows = ReadRows().Keys.Order(StringComparer.Ordinal).ToArray();
        string[] expected = Descriptors().Keys.Append(BuildLogicWarning).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(expected, rows);
    }

    [Fact]
    public void EveryRowsMessage_ReadsAsTheGeneratorWritesIt()
    {
        Dictionary<string, DiagnosticDescriptor> descriptors = Descriptors();
        Assert.All(ReadRows().Where(row => row.Key != BuildLogicWarning), row =>
        {
            string format = descriptors[row.Key].MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(ReadsAs(row.Value, format), $"{row.Key}: README has\n{row.Value}\nThe generator writes\n{format}");
        });
    }

    [Theory]
    [InlineData("Layer 'A' of network class 'N' is 2.", true)]                   // the whole message
    [InlineData("Layer 'A' of network class 'N' is 2. It is odd.", true)]        // followed by an explanation
    [InlineData("Layer 'A' of network class 'N' ...", true)]                     // cut short
    [InlineData("Layer 'A' of network class 'N' is 2, or more ...", true)]       // cut short in a value
    [InlineData("Layer 'A' in network class 'N' is 2.", false)]                  // a word changed
    [InlineData("The layer 'A' of network class 'N' is 2.", false)]              // a word added in front
    [InlineData("Layer 'A' of network class 'N' is", false)]                     // cut short without saying so
    [InlineData("Layer 'A' in network class 'N' ...", false)]                    // cut short after a changed word
    public void ReadsAs_TellsTheMessageFromAnotherText(string text, bool alike)
        => Assert.Equal(alike, ReadsAs(text, "Layer '{0}' of network class '{1}' is {2}."));

    /// <summary>
    /// Whether <paramref name="text"/> is a message of <paramref name="format"/> with some values in its placeholders,
    /// possibly followed by more text, or cut short where it says "...".
    /// </summary>
    private static bool ReadsAs(string text, string format)
    {
        int cut = text.IndexOf("...", StringComparison.Ordinal);
        string shown = cut < 0 ? text : text[..cut].TrimEnd(' ', ',', ';', ':');
        return Matches(shown, 0, Placeholder().Split(format), 0, cut >= 0);
    }

    /// <summary>Characters of the second piece a cut text must match: enough that a changed word shows.</summary>
    private const int EnoughToTell = 12;

    /// <summary>
    /// Whether the text from <paramref name="t"/> matches the format from its literal piece <paramref name="piece"/> on
    /// (the pieces around its placeholders; a placeholder's value is any non-empty text). A text that was cut may end
    /// in the first piece, or anywhere once two pieces have matched, or in the second once it matched some words of
    /// it: a value may hold anything, so a cut right after the first value would let any text through.
    /// </summary>
    private static bool Matches(string text, int t, string[] pieces, int piece, bool cut)
    {
        string literal = pieces[piece];
        for (int matched = 0; matched < literal.Length; matched++)
        {
            if (t == text.Length)
                return cut && (piece != 1 || matched >= EnoughToTell);
            if (text[t++] != literal[matched])
                return false;
        }

        bool last = piece == pieces.Length - 1;
        if (last || t == text.Length)
            return last || cut;
        for (int end = t + 1; end < text.Length; end++)
        {
            if (Matches(text, end, pieces, piece + 1, cut))
                return true;
        }

        // The value runs to the text's end: where the message ends with it, or where the text was cut in it.
        return (piece + 1 == pieces.Length - 1 && pieces[^1].Length == 0) || (cut && piece >= 2);
    }

    private static Dictionary<string, DiagnosticDescriptor> Descriptors()
        => RepositoryFiles.Descriptors().ToDictionary(descriptor => descriptor.Id);

    /// <summary>
    /// ID -> message column of README's table rows, which start with the ID's anchor, as a reader sees it: a message's
    /// &lt;LangVersion&gt; is written with entities there, since GitHub drops a raw tag from the page.
    /// </summary>
    private static Dictionary<string, string> ReadRows()
        => Row().Matches(RepositoryFiles.Readme()).ToDictionary(
            match => match.Groups["id"].Value,
            match => WebUtility.HtmlDecode(match.Groups["message"].Value));

    [Fact]
    public void NoRowsMessage_HasARawTag_ThatGitHubWouldDrop()
        => Assert.All(Row().Matches(RepositoryFiles.Readme()), match =>
            Assert.DoesNotMatch(@"<[A-Za-z/][^>]*>", Regex.Replace(match.Groups["message"].Value, "`[^`]*`", "")));

    [GeneratedRegex(@"^\| <a id=""cn\d{4}""></a>(?<id>CN\d{4})[^|]*\|[^|]*\|[^|]*\| (?<message>.*) \|$", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
