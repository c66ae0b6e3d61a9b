using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace CompiledNets.Tests.Samples;

internal static partial class SampleProgram
{
    private const int SigInt = 2; // what Ctrl+C sends, on Linux

    private static readonly Lock s_signalDisposition = new(); // one start at a time while SIGINT is set to its default

    /// <summary>
    /// Runs a built sample and, once a line of its output matches <paramref name="interruptAfter"/>, sends it SIGINT,
    /// as Ctrl+C in a terminal does; returns what it printed in all.
    /// </summary>
    public static Result RunAndInterrupt(string sample, string workingDirectory, Regex interruptAfter, params string[] arguments)
    {
        string dll = Path.Combine(RepositoryRoot(), "samples", sample, "bin", Configuration(), "net10.0", sample + ".dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["NO_COLOR"] = "1";

        var output = new StringBuilder();
        var interrupted = new TaskCompletionSource<int>(); // completed with kill's result
        using Process process = StartWithCtrlCDeliverable(start);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
                return;
            lock (output)
                output.AppendLine(line.Data);
            if (!interrupted.Task.IsCompleted && interruptAfter.IsMatch(line.Data))
                interrupted.TrySetResult(Kill(process.Id, SigInt));
        };
        process.BeginOutputReadLine();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{sample} did not finish within 5 minutes of being started.");
        }

        process.WaitForExit(); // the last lines of output
        Assert.True(interrupted.Task.IsCompleted, $"{sample} ended before printing a line that matches {interruptAfter}.");
        Assert.Equal(0, interrupted.Task.Result); // the signal was sent
        lock (output)
            return new Result(process.ExitCode, output.ToString(), errors.Result);
    }

    /// <summary>
    /// Starts the process so that SIGINT reaches its handlers. A process started as a shell's background job ignores
    /// SIGINT, its children inherit that, and .NET then leaves it ignored: a test run from such a job would send Ctrl+C
    /// to a sample that cannot hear it. While the child starts, the ignored SIGINT is set back to its default.
    /// </summary>
    private static Process StartWithCtrlCDeliverable(ProcessStartInfo start)
    {
        if (!IgnoresSigInt())
            return Process.Start(start)!;
        lock (s_signalDisposition)
        {
            Signal(SigInt, handler: 0); // SIG_DFL
            try
            {
                return Process.Start(start)!;
            }
            finally
            {
                Signal(SigInt, handler: 1); // SIG_IGN, as it was
            }
        }
    }

    private static bool IgnoresSigInt()
    {
        string ignored = File.ReadLines("/proc/self/status").First(line => line.StartsWith("SigIgn:", StringComparison.Ordinal))["SigIgn:".Length..].Trim();
        return (Convert.ToUInt64(ignored, 16) & (1UL << (SigInt - 1))) != 0;
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "signal")]
    private static extern nint Signal(int signal, nint handler);
}
