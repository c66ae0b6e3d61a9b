using System.Runtime.CompilerServices;
using System.Text;
using CompiledNets.Generator.Emit;

namespace CompiledNets.Generator.Tests.Infrastructure;

/// <summary>
/// Approved files for generated code: <c>Snapshots/{name}/{HintName}</c> in this project, compared after normalizing
/// line endings and replacing the generator version with <c>%VERSION%</c>. On a mismatch the generated text is written
/// next to the approved file as <c>{stem}.received.cs</c> (gitignored) and the test fails at the first differing line.
/// Set <c>CN_UPDATE_SNAPSHOTS=1</c> to rewrite the approved files and delete stale ones.
/// </summary>
internal static class Snapshot
{
    public const string UpdateVariable = "CN_UPDATE_SNAPSHOTS";
    private const string VersionPlaceholder = "%VERSION%";
    private const int ContextLines = 3;

    private static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>Compares every generated file of <paramref name="run"/>, and the set of hint names, with the approved files.</summary>
    public static void Match(GeneratorRun run, string name, [CallerFilePath] string callerFile = "")
    {
        string folder = Path.Combine(ProjectDirectory(callerFile), "Snapshots", name);
        Dictionary<string, string> generated = run.Sources.ToDictionary(pair => pair.Key, pair => Normalize(pair.Value), StringComparer.Ordinal);

        if (Updating)
        {
            Directory.CreateDirectory(folder);
            foreach (string stale in Directory.GetFiles(folder))
            {
                if (!generated.ContainsKey(Path.GetFileName(stale)))
                    File.Delete(stale);
            }

            foreach ((string hintName, string text) in generated)
                File.WriteAllText(Path.Combine(folder, hintName), text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return;
        }

        string[] approvedNames = Directory.Exists(folder)
            ? Directory.GetFiles(folder).Select(file => Path.GetFileName(file)).Where(file => !IsReceived(file)).Order(StringComparer.Ordinal).ToArray()
            : [];
        foreach (string hintName in generated.Keys)
            DeleteReceived(folder, hintName);

        Assert.True(approvedNames.SequenceEqual(generated.Keys.Order(StringComparer.Ordinal)),
            $"Generated files differ from the approved files in {folder}.\n" +
            $"  approved:  {string.Join(", ", approvedNames)}\n" +
            $"  generated: {string.Join(", ", generated.Keys)}\n" +
            $"Run with {UpdateVariable}=1 to accept.");

        foreach ((string hintName, string text) in generated)
        {
            string approvedPath = Path.Combine(folder, hintName);
            string approved = Normalize(File.ReadAllText(approvedPath));
            if (approved == text)
                continue;

            string receivedPath = Path.Combine(folder, ReceivedName(hintName));
            File.WriteAllText(receivedPath, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            Assert.Fail(Describe(approvedPath, receivedPath, approved, text));
        }
    }

    /// <summary>"X.g.cs" -> "X.g.received.cs", which the .gitignore pattern *.received.* matches.</summary>
    public static string ReceivedName(string hintName)
        => Path.GetFileNameWithoutExtension(hintName) + ".received" + Path.GetExtension(hintName);

    private static bool IsReceived(string file) => file.Contains(".received.", StringComparison.Ordinal);

    private static void DeleteReceived(string folder, string hintName)
    {
        string received = Path.Combine(folder, ReceivedName(hintName));
        if (File.Exists(received))
            File.Delete(received);
    }

    /// <summary>LF line endings and the generator version replaced, so a version bump does not touch every file.</summary>
    public static string Normalize(string text)
        => text.Replace("\r\n", "\n")
            .Replace($"\"{FileHeader.GeneratorName}\", \"{FileHeader.GeneratorVersion}\"", $"\"{FileHeader.GeneratorName}\", \"{VersionPlaceholder}\"")
            .Replace($"{FileHeader.GeneratorName} {FileHeader.GeneratorVersion} ", $"{FileHeader.GeneratorName} {VersionPlaceholder} ");

    private static string Describe(string approvedPath, string receivedPath, string approved, string received)
    {
        string[] expected = approved.Split('\n');
        string[] actual = received.Split('\n');
        int line = 0;
        while (line < expected.Length && line < actual.Length && expected[line] == actual[line])
            line++;

        var message = new StringBuilder();
        message.Append($"Generated file differs from {approvedPath} at line {line + 1}.\n");
        message.Append($"Received: {receivedPath}\nRun with {UpdateVariable}=1 to accept.\n");
        message.Append("--- approved\n").Append(Excerpt(expected, line));
        message.Append("--- received\n").Append(Excerpt(actual, line));
        return message.ToString();
    }

    private static string Excerpt(string[] lines, int at)
    {
        var text = new StringBuilder();
        for (int i = Math.Max(0, at - ContextLines); i < Math.Min(lines.Length, at + ContextLines + 1); i++)
            text.Append(i == at ? ">" : " ").Append((i + 1).ToString().PadLeft(5)).Append("  ").Append(lines[i]).Append('\n');
        return text.ToString();
    }

    /// <summary>The folder of the test project, found by walking up from a test source file.</summary>
    public static string ProjectDirectory(string sourceFile)
    {
        for (string? directory = Path.GetDirectoryName(sourceFile); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "CompiledNets.Generator.Tests.csproj")))
                return directory;
        }

        throw new InvalidOperationException($"No CompiledNets.Generator.Tests.csproj above {sourceFile}.");
    }

    /// <summary>The text with 1-based line numbers, for failure messages.</summary>
    public static string NumberLines(string text)
    {
        var numbered = new StringBuilder();
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
            numbered.Append((i + 1).ToString().PadLeft(5)).Append("  ").Append(lines[i]).Append('\n');
        return numbered.ToString();
    }
}
