namespace Samples;

/// <summary>
/// The command line of the tutorial samples: each runs its tutorial exactly as written and takes no options. An option
/// stops the program with a message rather than being ignored, so that <c>--epochs 100</c> does not print the same run
/// as if it had been used.
/// </summary>
// Linked into each tutorial sample's project (see its .csproj): one copy of the wording for all four.
internal static class TutorialCommandLine
{
    /// <summary>
    /// Returns when there are no arguments, so the sample runs. Otherwise ends the process: with exit code 0 after
    /// <c>--help</c> (the usage goes to standard output), 2 after anything else (what is wrong and the usage go to
    /// standard error).
    /// </summary>
    /// <param name="args">The program's arguments.</param>
    /// <param name="sample">The sample's folder name under samples/, e.g. "Xor".</param>
    /// <param name="whatItRuns">One line saying what the sample runs, for the usage text.</param>
    public static void ExitIfGivenOptions(string[] args, string sample, string whatItRuns)
    {
        if (args.Length == 0)
            return;
        string usage = $"""
            Usage: dotnet run --project samples/{sample} -c Release

            {whatItRuns}
            It takes no options: to change the network or its settings, edit samples/{sample}/Program.cs.
            """;
        if (args is ["--help" or "-h"])
        {
            Console.WriteLine(usage);
            Environment.Exit(0);
        }

        Console.Error.WriteLine($"{sample} takes no options, so '{args[0]}' would change nothing.");
        Console.Error.WriteLine(usage);
        Environment.Exit(2);
    }
}
