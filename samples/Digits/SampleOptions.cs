namespace Samples.Digits;

/// <summary>The command line: no arguments trains the default network on the embedded digits.</summary>
internal sealed record SampleOptions(string? DataDirectory, bool Tutorial, int? Epochs, int Threads, string OutputDirectory, bool Adam = false)
{
    /// <summary>Examples per step: the tutorial trains on one at a time; SGD with momentum on 16 (chosen by measurement,
    /// README's "Digits"); Adam on 32, the batch size Keras defaults to.</summary>
    public int BatchSize => Tutorial ? 1 : Adam ? 32 : 16;

    public const string Usage = """
        Usage: dotnet run --project samples/Digits -c Release -- [options]

          (no options)     train the default network on the 10,000 MNIST digits embedded in the repository
                           (first 8,000 to train, last 2,000 to test)
          --data DIR       train on an MNIST-format IDX set instead: DIR holds train-images-idx3-ubyte(.gz),
                           train-labels-idx1-ubyte(.gz), t10k-images-idx3-ubyte(.gz), t10k-labels-idx1-ubyte(.gz)
                           e.g. --data /usr/share/datasets/fashion-mnist (apt-get install dataset-fashion-mnist)
          --tutorial       the tutorial's network (784-100-50-10 tanh, mean squared error, learning rate 0.1)
                           trained on the first 1,000 training images
          --optimizer adam train the default network with Adam (learning rate 0.001, batches of 32) instead of
                           SGD with momentum 0.9 (learning rate 0.05, batches of 16)
          --epochs N       override the number of epochs
          --threads N      data-parallel worker threads for mini-batches (default 1)
          --output DIR     where the chart and weights go (default: output)
          --help           this text
        """;

    /// <summary>What each option that takes a value needs, for the message when it is missing or not one.</summary>
    private static readonly Dictionary<string, string> ValueNeeded = new()
    {
        ["--data"] = "a folder",
        ["--optimizer"] = "adam or sgd",
        ["--epochs"] = "a whole number of 1 or more",
        ["--threads"] = "a whole number of 1 or more",
        ["--output"] = "a folder",
    };

    /// <summary>The options, or null with the exit code the program should return: 0 after <c>--help</c> (the usage goes to
    /// <paramref name="standardOutput"/>, so it pipes into a pager), 2 after a bad option (what is wrong, then the usage,
    /// go to <paramref name="errors"/>).</summary>
    public static SampleOptions? Parse(string[] args, TextWriter standardOutput, TextWriter errors, out int exitCode)
    {
        exitCode = 2;
        string? data = null;
        bool tutorial = false;
        int? epochs = null;
        int threads = 1;
        string output = "output";
        bool adam = false, optimizerGiven = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data" when i + 1 < args.Length:
                    data = args[++i];
                    break;
                case "--optimizer" when i + 1 < args.Length && args[i + 1] is "adam" or "sgd":
                    adam = args[++i] == "adam";
                    optimizerGiven = true;
                    break;
                case "--tutorial":
                    tutorial = true;
                    break;
                case "--epochs" when i + 1 < args.Length && int.TryParse(args[i + 1], out int e) && e > 0:
                    epochs = e;
                    i++;
                    break;
                case "--threads" when i + 1 < args.Length && int.TryParse(args[i + 1], out int t) && t > 0:
                    threads = t;
                    i++;
                    break;
                case "--output" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--help" or "-h":
                    standardOutput.WriteLine(Usage);
                    exitCode = 0;
                    return null;
                default:
                    errors.WriteLine(ValueNeeded.TryGetValue(args[i], out string? needed)
                        ? $"Option '{args[i]}' needs {needed}{(i + 1 < args.Length ? $", not '{args[i + 1]}'" : "")}."
                        : $"Unknown option '{args[i]}'.");
                    errors.WriteLine(Usage);
                    return null;
            }
        }

        if (tutorial && optimizerGiven)
        {
            // The tutorial's run is fixed; an ignored option would print a run that is not the one asked for.
            errors.WriteLine("Option '--optimizer' chooses how the default network trains; '--tutorial' trains the tutorial's network as the "
                + "tutorial does (plain SGD, learning rate 0.1, one example at a time). Leave out one of the two.");
            return null;
        }

        var options = new SampleOptions(data, tutorial, epochs, threads, output, adam);
        if (threads > options.BatchSize)
        {
            // Each thread takes a share of every batch, so a batch must have an example for each.
            errors.WriteLine($"Option '--threads' can be at most {options.BatchSize} here: the threads share batches of {options.BatchSize}"
                + $" example{(options.BatchSize == 1 ? "" : "s")}, not '{threads}'.");
            return null;
        }

        return options;
    }
}
