using System.Diagnostics;
using System.Globalization;
using CompiledNets.Benchmarks.Networks;

namespace CompiledNets.Benchmarks.Startup;

/// <summary>
/// Time to first result: what a fresh process spends before each generated method first returns, most of it the JIT
/// compiling the network's code and the kernels for its shapes. BenchmarkDotNet measures warm code, so this mode
/// starts the benchmark program once per sample (networks interleaved, so the machine's noise hits all alike) with the
/// runtime's default tiering, and prints the median, fastest and slowest of each phase.
/// </summary>
internal static class StartupBenchmark
{
    public const string Option = "--startup";
    private const string ChildOption = "--startup-child";
    private const int Samples = 9;

    private static readonly string[] Networks = [nameof(DigitSampleNet), nameof(ConvC2Net), nameof(FourEqualLayersNet), nameof(TwentyEqualLayersNet)];
    private static readonly string[] Phases = ["new + first Predict", "first TrainStep", "first BackpropagateBatch (40)", "first PredictBatch (40)"];

    /// <summary>Runs the mode when <paramref name="args"/> asks for it; returns null otherwise.</summary>
    public static int? TryRun(string[] args)
    {
        if (args.Length == 2 && args[0] == ChildOption)
            return Child(args[1]);
        if (args.Length == 1 && args[0] == Option)
            return Parent();
        return null;
    }

    private static int Parent()
    {
        var times = Networks.ToDictionary(network => network, _ => new List<double[]>());
        for (int sample = 0; sample < Samples; sample++)
        {
            foreach (string network in Networks)
                times[network].Add(RunChild(network));
        }

        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine($"Time to first result, ms: median (fastest-slowest) of {Samples} fresh processes each, default tiering");
        Console.WriteLine();
        Console.WriteLine("| Network | " + string.Join(" | ", Phases) + " | all four |");
        Console.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---:|", Phases.Length + 1)));
        foreach (string network in Networks)
        {
            var cells = new List<string>();
            for (int phase = 0; phase <= Phases.Length; phase++)
            {
                double[] values = times[network].Select(run => phase < Phases.Length ? run[phase] : run.Sum()).Order().ToArray();
                cells.Add(string.Format(invariant, "{0:F1} ({1:F1}-{2:F1})", values[values.Length / 2], values[0], values[^1]));
            }

            Console.WriteLine($"| {network} | " + string.Join(" | ", cells) + " |");
        }

        return 0;
    }

    private static double[] RunChild(string network)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        var start = new ProcessStartInfo(self) { UseShellExecute = false, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            start.ArgumentList.Add(typeof(StartupBenchmark).Assembly.Location);
        start.ArgumentList.Add(ChildOption);
        start.ArgumentList.Add(network);
        using Process child = Process.Start(start)!;
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
            throw new InvalidOperationException($"The startup run of {network} failed: {output}");
        return output.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(value => double.Parse(value, CultureInfo.InvariantCulture)).ToArray();
    }

    private static int Child(string network)
    {
        double[] phases = network switch
        {
            nameof(DigitSampleNet) => Measure<DigitSampleNet>(),
            nameof(ConvC2Net) => Measure<ConvC2Net>(),
            nameof(FourEqualLayersNet) => Measure<FourEqualLayersNet>(),
            nameof(TwentyEqualLayersNet) => Measure<TwentyEqualLayersNet>(),
            _ => throw new ArgumentException($"No startup network is named {network}.", nameof(network)),
        };
        Console.WriteLine(string.Join(" ", phases.Select(ms => ms.ToString("R", CultureInfo.InvariantCulture))));
        return 0;
    }

    private static double[] Measure<TNetwork>()
        where TNetwork : class, INeuralNetwork<TNetwork, float>
    {
        const int batch = 40; // a full tile of 32 and a remainder
        var input = new float[TNetwork.InputSize];
        var output = new float[TNetwork.OutputSize];
        var target = new float[TNetwork.OutputSize];
        target[0] = 1;
        var inputs = new float[batch * TNetwork.InputSize];
        var targets = new float[batch * TNetwork.OutputSize];
        var outputs = new float[batch * TNetwork.OutputSize];
        var gradient = new float[TNetwork.ParameterCount];

        var clock = Stopwatch.StartNew();
        TNetwork network = TNetwork.Create();
        network.Predict(input, output);
        double predict = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        network.TrainStep(input, target, 0.01f);
        double trainStep = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        network.BackpropagateBatch(inputs, targets, gradient);
        double backpropagateBatch = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        network.PredictBatch(inputs, outputs);
        double predictBatch = clock.Elapsed.TotalMilliseconds;
        return [predict, trainStep, backpropagateBatch, predictBatch];
    }
}
