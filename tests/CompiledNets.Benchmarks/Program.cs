using System.Globalization;
using System.Runtime.Intrinsics;
using System.Text;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CompiledNets.Benchmarks;
using CompiledNets.Benchmarks.Workloads;
using Perfolizer.Horology;

// Usage (from the repository root):
//   dotnet run -c Release --project tests/CompiledNets.Benchmarks -- --quick            all workloads, ~2-3 minutes
//   dotnet run -c Release --project tests/CompiledNets.Benchmarks                       all workloads, BenchmarkDotNet's default accuracy
//   dotnet run -c Release --project tests/CompiledNets.Benchmarks -- --quick --filter *Digit*
//   dotnet run -c Release --project tests/CompiledNets.Benchmarks -- --startup          time to first result, fresh processes
// Our options: --quick, --disasm (adds BenchmarkDotNet's DisassemblyDiagnoser), --startup (alone; Startup/StartupBenchmark.cs).
// Everything else goes to BenchmarkDotNet.
// Tiering: the in-process runs are short, and the runtime holds back Tier1 promotion until 100 ms pass with no new Tier0
// JIT activity, which BenchmarkDotNet's own engine keeps resetting: without help, some workloads were measured in Tier0
// code. So the program re-runs itself with DOTNET_TC_CallCountingDelayMs=0 (promote after 30 calls, PGO kept),
// unless that variable is already set.
if (CompiledNets.Benchmarks.Startup.StartupBenchmark.TryRun(args) is int startupExitCode)
    return startupExitCode;

const string TieringDelay = "DOTNET_TC_CallCountingDelayMs";
if (Environment.GetEnvironmentVariable(TieringDelay) is null && Environment.ProcessPath is { } self)
{
    var start = new System.Diagnostics.ProcessStartInfo(self) { UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
    foreach (string argument in args)
        start.ArgumentList.Add(argument);
    start.Environment[TieringDelay] = "0";
    using var child = System.Diagnostics.Process.Start(start)!;
    child.WaitForExit();
    return child.ExitCode;
}

var arguments = args.ToList();
bool quick = arguments.Remove("--quick");
bool disassembly = arguments.Remove("--disasm");
if (!arguments.Any(a => a is "--filter" or "-f" or "--list" or "--help" or "-h" or "--info" || a.StartsWith("--filter=", StringComparison.Ordinal)))
    arguments.AddRange(["--filter", "*"]);

var invariant = CultureInfo.InvariantCulture;
Console.WriteLine($"Vector256 accelerated: {Vector256.IsHardwareAccelerated}, Vector512: {Vector512.IsHardwareAccelerated}, cores: {Environment.ProcessorCount}");
Console.WriteLine("Measuring the single-core FMA peak ...");
// Each accelerated width's peak; the kernels' own width (Simd.WidestVector) is the one "% of peak" is against.
Dictionary<string, double> peaks = FmaPeak.Widths.ToDictionary(width => width, width => FmaPeak.GFlops(width));
Console.WriteLine("Single-core FMA peak (before): " + PeakList(peaks));

// In-process toolchain: no generated project to build, and the run measures exactly this build's generated code.
// Quick: six warm-up iterations, not two, so that tiered compilation has finished with the trainer's first row, which
// otherwise read 1.17-1.34x the same work called directly and skewed every optimizer's ratio to it.
Job job = quick
    ? new Job("Quick").WithLaunchCount(1).WithWarmupCount(6).WithIterationCount(5).WithIterationTime(TimeInterval.FromMilliseconds(60))
    : new Job("Full");
job = job.WithToolchain(InProcessEmitToolchain.Instance);
IConfig config = DefaultConfig.Instance
    .AddJob(job.AsDefault())
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumn(CategoriesColumn.Default)
    .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory)
    .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared))
    .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
if (disassembly)
    config = config.AddDiagnoser(new DisassemblyDiagnoser(new DisassemblyDiagnoserConfig(maxDepth: 3, exportCombinedDisassemblyReport: true)));

Summary[] summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(arguments.ToArray(), config).ToArray();
foreach (string width in FmaPeak.Widths)
    peaks[width] = Math.Max(peaks[width], FmaPeak.GFlops(width));
string kernelWidth = CompiledNets.Numerics.Simd.WidestVector;
string peakLine = string.Format(invariant,
    "Single-core FMA peak (best before/after the run): {0}; the kernels run the widest accelerated width ({1} here): % of peak below is against it, times two for the two-thread rows",
    PeakList(peaks), kernelWidth);
if (Environment.ProcessorCount >= 2)
{
    peakLine += string.Format(invariant, ". Two cores at once do {0:F2}x one core's FMA work: the ceiling of two training threads' speed-up", FmaPeak.TwoCoreScaling());
    peakLine += string.Format(invariant,
        ". Between two threads, a cache line's round trip takes {0:F0} ns, and 100 KB written by one and read by the other (a batch of 32 digits) {1:F1} us: what sharing a dense step costs (four meetings and about 16 KB crossing per batch of 32)",
        CoreHandover.RoundTripNanoseconds(), CoreHandover.HundredKilobytesMicroseconds());
}
double peak = peaks.GetValueOrDefault(kernelWidth, double.NaN); // NaN for scalar kernels: no % of peak
string text = SummaryTables.Render(summaries, peak, peakLine);
Console.WriteLine(text);
Directory.CreateDirectory("BenchmarkDotNet.Artifacts");
File.WriteAllText(Path.Combine("BenchmarkDotNet.Artifacts", "compilednets-summary.md"), text);
return 0;

// "Vector128 57.9 GFLOP/s, Vector256 115.2 GFLOP/s, ...": the widths this machine accelerates.
static string PeakList(Dictionary<string, double> peaks) => string.Join(", ",
    peaks.Where(peak => !double.IsNaN(peak.Value)).Select(peak => string.Format(CultureInfo.InvariantCulture, "{0} {1:F1} GFLOP/s", peak.Key, peak.Value)));
