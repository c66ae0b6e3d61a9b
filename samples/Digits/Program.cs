using CompiledNets.Data;
using CompiledNets.Training;
using Samples.Digits;
using Spectre.Console;

// Handwritten digits: the from-scratch tutorials' last network, compiled by CompiledNets.
SampleOptions? options = SampleOptions.Parse(args, Console.Out, Console.Error, out int exitCode);
if (options is null)
    return exitCode;

if (Console.IsOutputRedirected)
{
    // A pipe or a log file: no colour codes, and no wrapping at 80 columns, which would split the paths it prints.
    AnsiConsole.Profile.Capabilities.Ansi = false;
    AnsiConsole.Profile.Width = 1000;
}

try
{
    DigitsData data = DigitsData.Load(options.DataDirectory, AppContext.BaseDirectory);
    var report = new ExperimentReport(options.OutputDirectory);
    if (options.Tutorial)
    {
        // The tutorial: per-sample SGD, learning rate 0.1, mean squared error, the first 1,000 training images.
        var settings = new TrainingOptions { Epochs = options.Epochs ?? 35, BatchSize = options.BatchSize, Seed = 1 };
        if (!Experiment.Run(new TutorialNet(), nameof(TutorialNet), data.Describe(1000), data.Training.Slice(0, Math.Min(1000, data.Training.Count)), data.Test,
                new Sgd(learningRate: 0.1), settings, report))
            return Experiment.StoppedExitCode;
    }
    else
    {
        // SGD: chosen by measurement on the embedded split (README, "Digits"): mini-batches of 16 with momentum 0.9.
        // Adam: PyTorch's default learning rate, and the batch size Keras defaults to (SampleOptions.BatchSize).
        Optimizer optimizer = options.Adam ? new Adam(learningRate: 0.001) : new Sgd(learningRate: 0.05, momentum: 0.9);
        var settings = new TrainingOptions { Epochs = options.Epochs ?? 20, BatchSize = options.BatchSize, Threads = options.Threads, Seed = 1 };
        if (!Experiment.Run(new DigitNet(), nameof(DigitNet), data.Describe(null), data.Training, data.Test, optimizer, settings, report))
            return Experiment.StoppedExitCode;
    }

    return 0;
}
catch (Exception e) when (e is IdxFormatException or InvalidDataException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
