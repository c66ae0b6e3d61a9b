using CompiledNets.Data;
using CompiledNets.Training;
using Samples.ConvDigits;
using Samples.Digits;
using Spectre.Console;

// Handwritten digits with convolution and pooling: the from-scratch tutorials' promised next step, compiled.
const string usage = """
    Usage: dotnet run --project samples/ConvDigits -c Release -- [options]

      (no options)     train the convolutional network on the 10,000 MNIST digits embedded in the repository
                       (first 8,000 to train, last 2,000 to test): SGD with momentum 0.9, learning rate 0.03 on a
                       cosine schedule, batches of 32, 20 epochs, each training image shifted by up to 2 pixels
      --pytorch-settings
                       the settings README compares with PyTorch instead: a constant learning rate of 0.01 and no
                       shifting
      --data DIR       train on an MNIST-format IDX set instead (see the digits sample's --help)
      --epochs N       override the number of epochs
      --threads N      data-parallel worker threads for mini-batches (default 1)
      --output DIR     where the chart and weights go (default: output)
      --help           this text
    """;

string? data = null, output = "output";
int epochs = 20, threads = 1;
bool pytorchSettings = false;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--data" when i + 1 < args.Length: data = args[++i]; break;
        case "--output" when i + 1 < args.Length: output = args[++i]; break;
        case "--epochs" when i + 1 < args.Length && int.TryParse(args[i + 1], out int e) && e > 0: epochs = e; i++; break;
        case "--threads" when i + 1 < args.Length && int.TryParse(args[i + 1], out int t) && t > 0: threads = t; i++; break;
        case "--pytorch-settings": pytorchSettings = true; break;
        case "--help" or "-h": Console.WriteLine(usage); return 0; // asked for: standard output, so it pipes into a pager
        case "--data" or "--output":
            Console.Error.WriteLine($"Option '{args[i]}' needs a folder.");
            Console.Error.WriteLine(usage);
            return 2;
        case "--epochs" or "--threads":
            Console.Error.WriteLine($"Option '{args[i]}' needs a whole number of 1 or more{(i + 1 < args.Length ? $", not '{args[i + 1]}'" : "")}.");
            Console.Error.WriteLine(usage);
            return 2;
        default:
            Console.Error.WriteLine($"Unknown option '{args[i]}'.");
            Console.Error.WriteLine(usage);
            return 2;
    }
}

const int batchSize = 32;
if (threads > batchSize)
{
    // Each thread takes a share of every batch, so a batch must have an example for each.
    Console.Error.WriteLine($"Option '--threads' can be at most {batchSize} here: the threads share batches of {batchSize} examples, not '{threads}'.");
    return 2;
}

if (Console.IsOutputRedirected)
{
    // A pipe or a log file: no colour codes, and no wrapping at 80 columns, which would split the paths it prints.
    AnsiConsole.Profile.Capabilities.Ansi = false;
    AnsiConsole.Profile.Width = 1000;
}

try
{
    DigitsData digits = DigitsData.Load(data, AppContext.BaseDirectory);
    // Shifted images and a decaying rate take this network from 98.00% to 98.65% (README, Convolutional networks).
    var settings = new TrainingOptions
    {
        Epochs = epochs, BatchSize = batchSize, Threads = threads, Seed = 1,
        Schedule = pytorchSettings ? LearningRateSchedule.Constant : LearningRateSchedule.Cosine(),
        Augmentation = pytorchSettings ? null : new RandomShift(maxPixels: 2, channels: 1, height: 28, width: 28),
    };
    bool finished = Experiment.Run(new ConvDigitNet(), nameof(ConvDigitNet), digits.Describe(null), digits.Training, digits.Test,
        new Sgd(learningRate: pytorchSettings ? 0.01 : 0.03, momentum: 0.9), settings, new ExperimentReport(output));
    return finished ? 0 : Experiment.StoppedExitCode;
}
catch (Exception e) when (e is IdxFormatException or InvalidDataException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
