using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CompiledNets.Tests.Samples;

/// <summary>Runs a built sample program (the test project builds them first) and captures what it prints.</summary>
internal static partial class SampleProgram
{
    /// <summary>What a run printed; <see cref="Output"/> has terminal escape sequences removed, <see cref="RawOutput"/> does not.</summary>
    public sealed record Result(int ExitCode, string Output, string Errors, string RawOutput = "");

    public static Result Run(string sample, string workingDirectory, params string[] arguments)
        => Run(sample, workingDirectory, new Dictionary<string, string>(), arguments);

    /// <inheritdoc cref="Run(string, string, string[])"/>
    public static Result Run(string sample, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        string dll = Path.Combine(RepositoryRoot(), "samples", sample, "bin", Configuration(), "net10.0", sample + ".dll");
        Assert.True(File.Exists(dll), $"The sample was not built: {dll}");
        return Dotnet(workingDirectory, environment, [dll, .. arguments]);
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/>, without colour, and captures what it prints.</summary>
    public static Result Dotnet(string workingDirectory, params string[] arguments)
        => Dotnet(workingDirectory, new Dictionary<string, string>(), arguments);

    /// <inheritdoc cref="Dotnet(string, string[])"/>
    public static Result Dotnet(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach ((string name, string value) in environment)
            start.Environment[name] = value;
        start.Environment.TryAdd("NO_COLOR", "1");
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', arguments)} did not finish within 5 minutes.");
        }

        return new Result(process.ExitCode, Plain(output.Result), Plain(errors.Result), output.Result);
    }

    /// <summary>The folder holding CompiledNets.sln, found from the test assembly's location.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CompiledNets.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException("CompiledNets.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Debug or Release: the configuration this test assembly was built in (bin/{Configuration}/net10.0).</summary>
    public static string Configuration()
        => new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    /// <summary>Output without terminal escape sequences, should any remain.</summary>
    private static string Plain(string text) => EscapeSequence().Replace(text, "");

    [GeneratedRegex(@"\x1B(\[[0-9;?]*[A-Za-z]|\][^\x1B\x07]*(\x07|\x1B\\))")]
    private static partial Regex EscapeSequence();
}
