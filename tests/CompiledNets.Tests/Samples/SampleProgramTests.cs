using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CompiledNets.Tests.Data;
using CompiledNets.Tests.Shared;

namespace CompiledNets.Tests.Samples;

/// <summary>The sample programs print what README and the tutorials say they print.</summary>
public sealed class SampleProgramTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("compilednets-samples-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void SimplestNetwork_PrintsTheTutorialsErrorsAndPrediction()
    {
        SampleProgram.Result result = SampleProgram.Run("SimplestNetwork", _directory);

        Assert.Equal(0, result.ExitCode);
        string[] errors = Regex.Matches(result.Output, @"^Error: (\S+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(20, errors.Length);
        Assert.Equal("1369.0", errors[0]);
        Assert.Equal("770.0625", errors[1]);
        Assert.Equal("0.0244755", errors[19]);
        Assert.Contains("Prediction: 41.8827", result.Output);
    }

    [Fact]
    public void WeightedSums_PrintsTheTutorialsPredictions_AndItsGradientDescentSteps()
    {
        SampleProgram.Result result = SampleProgram.Run("WeightedSums", _directory);

        Assert.Equal(0, result.ExitCode);
        // The tutorial's printed figures.
        Assert.Matches(@"three inputs, one output \(win\?\): +0\.98\n", result.Output);
        Assert.Matches(@"one input, three outputs \(hurt, win, sad\): +0\.195, 0\.13, 0\.585\n", result.Output);
        Assert.Matches(@"three inputs, three outputs: +0\.555, 0\.98, 0\.965\n", result.Output);
        Assert.Contains("weights after the step: 0.1119, 0.20091, -0.09832\n", result.Output);
        Assert.Contains("weights after the step: 0.293825, 0.25655, 0.868475\n", result.Output);

        // Every step, against the tutorial's loop written out here: pred = W * input, error = (pred - goal)^2,
        // W[j, i] -= alpha * (pred[j] - goal[j]) * input[i].
        double[] game = [8.5, 0.65, 1.2], outcome = [0.1, 1.0, 0.1];
        double[][] expected =
        [
            .. Descend([0.1, 0.2, -0.1], game, [1.0], 0.01),
            .. Descend([0.3, 0.2, 0.9], [0.65], outcome, 0.1),
            .. Descend([0.1, 0.1, -0.3, 0.1, 0.2, 0.0, 0.0, 1.3, 0.1], game, outcome, 0.01),
        ];
        MatchCollection steps = Regex.Matches(result.Output,
            @"^  step \d: pred (?<pred>.+); error (?<error>.+)\n +weights after the step: (?<weights>.+)$", RegexOptions.Multiline);
        Assert.Equal(expected.Length / 3, steps.Count);
        for (int s = 0; s < steps.Count; s++)
        {
            // Printed with ten decimals.
            Near.AssertAbsolute(expected[3 * s], Numbers(steps[s].Groups["pred"].Value), 1e-10);
            Near.AssertAbsolute(expected[3 * s + 1], Numbers(steps[s].Groups["error"].Value), 1e-10);
            Near.AssertAbsolute(expected[3 * s + 2], Numbers(steps[s].Groups["weights"].Value), 1e-10);
        }

        static double[] Numbers(string list)
            => list.Split([", ", " | "], StringSplitOptions.None).Select(n => double.Parse(n, CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>Three steps of the tutorial's gradient descent: for each, the predictions, the errors and the weights after it.</summary>
    private static IEnumerable<double[]> Descend(double[] weights, double[] input, double[] goal, double alpha)
    {
        for (int step = 0; step < 3; step++)
        {
            double[] pred = goal.Select((_, j) => input.Select((x, i) => weights[j * input.Length + i] * x).Sum()).ToArray();
            yield return pred;
            yield return pred.Select((p, j) => (p - goal[j]) * (p - goal[j])).ToArray();
            for (int j = 0; j < goal.Length; j++)
            {
                for (int i = 0; i < input.Length; i++)
                    weights[j * input.Length + i] -= alpha * (pred[j] - goal[j]) * input[i];
            }

            yield return weights.ToArray();
        }
    }

    [Fact]
    public void Xor_LearnsTheTable_AndWritesItsLossChart()
    {
        SampleProgram.Result result = SampleProgram.Run("Xor", _directory);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(16, Regex.Matches(result.Output, @"^iteration +\d+ +loss", RegexOptions.Multiline).Count);
        MatchCollection rows = Regex.Matches(result.Output, @"^([01]),([01]),1 +([01]) +(\S+)$", RegexOptions.Multiline);
        Assert.Equal(4, rows.Count);
        foreach (Match row in rows)
        {
            double target = double.Parse(row.Groups[3].Value, CultureInfo.InvariantCulture);
            double prediction = double.Parse(row.Groups[4].Value, CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(prediction - target) < 0.1, $"prediction {prediction} for target {target}");
        }

        string chart = Regex.Match(result.Output, @"^Loss chart: (.+)$", RegexOptions.Multiline).Groups[1].Value.Trim();
        Assert.Equal(Path.Combine(_directory, "output", "xor-loss.svg"), chart);
        Assert.Equal("svg", XDocument.Load(chart).Root!.Name.LocalName);
    }

    [Fact]
    public void HotColdVsGradient_ShowsTheOscillationAndTheConvergence()
    {
        SampleProgram.Result result = SampleProgram.Run("HotColdVsGradient", _directory);

        Assert.Equal(0, result.ExitCode);
        // Step 0.4 overshoots forever: predictions alternate 0.85, 0.65 around the goal 0.8.
        Assert.Contains("(oscillating between 0.85 and 0.65)", result.Output);
        // Gradient descent: w <- w - (0.5 w - 0.8) * 0.5, so the error 0.5 w - 0.8 shrinks by 0.75 per step from -0.55.
        Match descent = Regex.Match(result.Output, @"gradient descent: +(\S+) after 20, (\S+) after 40");
        Assert.True(descent.Success, result.Output);
        Assert.Equal((0.55 * Math.Pow(0.75, 20)).ToString("0.000e+0", CultureInfo.InvariantCulture), descent.Groups[1].Value);
        Assert.Equal((0.55 * Math.Pow(0.75, 40)).ToString("0.000e+0", CultureInfo.InvariantCulture), descent.Groups[2].Value);
        // A small hot/cold step gets there too, after about (1.6 - 0.5) / 0.001 = 1100 nudges.
        Match hotCold = Regex.Match(result.Output, @"hot/cold, step 0\.001: +\S+ after 20, (\S+) after 1100");
        Assert.True(hotCold.Success, result.Output);
        Assert.True(double.Parse(hotCold.Groups[1].Value, CultureInfo.InvariantCulture) < 1e-9, hotCold.Value);
    }

    [Fact]
    public void Digits_ReachesTheAccuracyTarget_OnTheEmbeddedDigits()
    {
        // README's main command, with no arguments: the default network on the embedded 8,000 / 2,000 split.
        SampleProgram.Result result = SampleProgram.Run("Digits", _directory);

        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        Assert.Equal(20, Regex.Matches(result.Output, @"^epoch +\d+/20 ", RegexOptions.Multiline).Count);
        Match accuracy = Regex.Match(result.Output, @"Test accuracy: ([\d.]+) ?%");
        Assert.True(accuracy.Success, result.Output);
        double percent = double.Parse(accuracy.Groups[1].Value, CultureInfo.InvariantCulture);
        // The final figure moves by about half a point with the rounding of the kernels' sums, which depends on the
        // vector width: measured on one machine, 96.30 % (Vector512), 96.45 % (Vector256 and Vector128), 96.35 % (scalar).
        Assert.True(percent >= 96.0, $"test accuracy {percent}% is below the 96.0% target");
        // The table's title on one line: a longer one wrapped to the table's width, leaving "(columns)" on a line of its own.
        Assert.Contains("Confusion matrix: true class (rows), predicted class (columns)", result.Output);
        Assert.Contains("reloaded: same accuracy", result.Output);
        Assert.True(File.Exists(Path.Combine(_directory, "output", "DigitNet-training.svg")));
        Assert.True(File.Exists(Path.Combine(_directory, "output", "DigitNet.weights")));
        Assert.Contains("Samples.Digits.DigitNet.*.g.cs", result.Output);
        // Redirected output is not wrapped at 80 columns: the long path stays on one line.
        Assert.Matches(@"Generated source to read: /\S+ \(Samples\.Digits\.DigitNet\.\*\.g\.cs\)", result.Output);
    }

    [Fact]
    public void Digits_WritesNoColourCodes_WhenItsOutputIsRedirected()
    {
        // Without NO_COLOR: the sample itself sees the pipe (Console.IsOutputRedirected) and writes plain text.
        SampleProgram.Result result = SampleProgram.Run("Digits", _directory, new Dictionary<string, string> { ["NO_COLOR"] = "" }, "--epochs", "1");

        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        Assert.Contains("Test accuracy", result.RawOutput);
        Assert.DoesNotContain('\u001b', result.RawOutput);
    }

    [Fact]
    public void Digits_WithAdam_NamesTheOptimizer_AndLearns()
    {
        SampleProgram.Result result = SampleProgram.Run("Digits", _directory, "--optimizer", "adam", "--epochs", "3");

        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        Assert.Contains("Training: 3 epochs, batch 32, Adam, learning rate 0.001, 1 thread", result.Output);
        Match accuracy = Regex.Match(result.Output, @"Test accuracy: ([\d.]+) ?%");
        Assert.True(accuracy.Success, result.Output);
        // Three epochs of Adam on the embedded split: 93.85% measured (Vector512) (PyTorch's 20 epochs reach 95.1-95.2%).
        Assert.True(double.Parse(accuracy.Groups[1].Value, CultureInfo.InvariantCulture) >= 92.0, accuracy.Value);
    }

    [Theory]
    [InlineData("Digits", 10, 2, "The training images in '{0}' have 100 pixels each; the networks of this sample read 28 x 28 (784). Give a folder of 28 x 28 images in MNIST's format, such as Fashion-MNIST.")]
    [InlineData("ConvDigits", 10, 2, "The training images in '{0}' have 100 pixels each; the networks of this sample read 28 x 28 (784). Give a folder of 28 x 28 images in MNIST's format, such as Fashion-MNIST.")]
    [InlineData("Digits", 28, 0, "The training set in '{0}' has no images.")]
    public void An_MNIST_format_folder_the_networks_cannot_train_on_is_refused_saying_why(string sample, int side, int count, string message)
    {
        // 10 x 10 images, or none, loaded; then the trainer threw at them: an unhandled exception and a stack trace.
        string folder = Path.Combine(_directory, "other-images");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "train-images-idx3-ubyte"), IdxTestFiles.Images(count, side, side, new byte[count * side * side]));
        File.WriteAllBytes(Path.Combine(folder, "train-labels-idx1-ubyte"), IdxTestFiles.Labels(new byte[count]));
        File.WriteAllBytes(Path.Combine(folder, "t10k-images-idx3-ubyte"), IdxTestFiles.Images(1, side, side, new byte[side * side]));
        File.WriteAllBytes(Path.Combine(folder, "t10k-labels-idx1-ubyte"), IdxTestFiles.Labels(1));

        SampleProgram.Result result = SampleProgram.Run(sample, _directory, "--data", folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, message, folder), result.Errors.Trim());
    }

    [Fact]
    public void More_threads_than_cores_are_reported_as_the_threads_that_run()
    {
        // It printed "16 threads" while the trainer ran one per core.
        if (Environment.ProcessorCount >= 16)
            return; // --threads is at most the sample's batch of 16
        int threads = Environment.ProcessorCount + 1;
        SampleProgram.Result result = SampleProgram.Run("Digits", _directory, "--epochs", "1", "--threads", $"{threads}", "--output", Path.Combine(_directory, "out"));

        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        Assert.Contains($"learning rate 0.05, {threads} threads asked, {Environment.ProcessorCount} run (one per core)\n", result.Output);
    }

    [Theory]
    [InlineData("Digits")]
    [InlineData("ConvDigits")]
    public void Ctrl_C_stops_the_training_saves_nothing_and_exits_as_interrupted(string sample)
    {
        // Before, Ctrl+C killed the process mid-epoch: in a terminal the progress bars left the cursor hidden.
        string output = Path.Combine(_directory, "out");

        SampleProgram.Result result = SampleProgram.RunAndInterrupt(sample, _directory, new Regex(@"^epoch +1/1000"), "--epochs", "1000", "--output", output);

        Assert.Equal(130, result.ExitCode);
        Assert.Contains("Training stopped by Ctrl+C: nothing was saved.", result.Output);
        Assert.DoesNotContain("epoch 1000/1000", result.Output);
        Assert.Empty(result.Errors);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any(), "Something was saved.");
    }

    [Fact]
    public void Digits_WithAMissingDataFolder_SaysWhichFolder_AndFails()
    {
        string missing = Path.Combine(_directory, "no-such-folder");
        SampleProgram.Result result = SampleProgram.Run("Digits", _directory, "--data", missing);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(missing, result.Errors);
    }

    [Theory]
    [InlineData("Digits", "DigitNet.weights")]
    [InlineData("ConvDigits", "ConvDigitNet.weights.txt")]
    public void A_read_only_weights_file_is_found_before_training_and_said_without_a_stack_trace(string sample, string file)
    {
        // Found only at the save, it had cost the whole run.
        string output = Path.Combine(_directory, "out");
        Directory.CreateDirectory(output);
        string weights = Path.Combine(output, file);
        File.WriteAllText(weights, "protected");
        File.SetAttributes(weights, FileAttributes.ReadOnly);

        SampleProgram.Result result = SampleProgram.Run(sample, _directory, "--epochs", "1", "--output", output);
        File.SetAttributes(weights, FileAttributes.Normal);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"Cannot write '{weights}': the file is read-only, so it is left as it is. Make it writable to replace it, or save to another path.",
            result.Errors.Trim());
        Assert.DoesNotMatch(@"epoch +1/1", result.Output); // the epoch lines read "epoch  1/1  loss ..."
        Assert.Equal("protected", File.ReadAllText(weights));
    }

    [Fact]
    public void An_output_folder_that_takes_no_new_files_is_found_before_training()
    {
        // /sys refuses new files even to root, as a read-only folder or file system would refuse them to anyone.
        SampleProgram.Result result = SampleProgram.Run("Digits", _directory, "--epochs", "1", "--output", "/sys");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Cannot write '/sys/DigitNet-training.svg': ", result.Errors.Trim());
        Assert.DoesNotMatch(@"epoch +1/1", result.Output); // the epoch lines read "epoch  1/1  loss ..."
    }

    [Theory]
    [InlineData("Digits")]
    [InlineData("ConvDigits")]
    public void A_file_given_as_the_output_folder_is_refused_before_training(string sample)
    {
        // The whole run trained first, then failed with .NET's "The file '...' already exists."
        string file = Path.Combine(_directory, "not-a-folder");
        File.WriteAllText(file, "kept");

        SampleProgram.Result result = SampleProgram.Run(sample, _directory, "--epochs", "1", "--output", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"The output folder '{file}' is a file: give --output a folder (it is created if it does not exist).", result.Errors.Trim());
        Assert.DoesNotMatch(@"epoch +1/1", result.Output); // the epoch lines read "epoch  1/1  loss ..."
        Assert.Equal("kept", File.ReadAllText(file));
    }

    [Fact]
    public void Digits_WithAnUnknownOption_PrintsUsage_AndFails()
    {
        SampleProgram.Result result = SampleProgram.Run("Digits", _directory, "--epohcs", "3");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown option '--epohcs'", result.Errors);
        Assert.Contains("--tutorial", result.Errors);
    }

    [Theory]
    [InlineData("Digits", "--help", " -- [options]", "  --help           this text")]
    [InlineData("Digits", "-h", " -- [options]", "  --help           this text")]
    [InlineData("ConvDigits", "--help", " -- [options]", "  --help           this text")]
    [InlineData("Xor", "--help", "", "It takes no options: to change the network or its settings, edit samples/Xor/Program.cs.")]
    [InlineData("SimplestNetwork", "-h", "", "It takes no options: to change the network or its settings, edit samples/SimplestNetwork/Program.cs.")]
    public void Help_asked_for_goes_to_standard_output_and_succeeds(string sample, string option, string options, string lastLine)
    {
        // It went to standard error, so `--help | less` showed nothing. The last line shows nothing ran after it.
        SampleProgram.Result result = SampleProgram.Run(sample, _directory, option);

        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Output.TrimEnd().Split('\n');
        Assert.Equal($"Usage: dotnet run --project samples/{sample} -c Release{options}", lines[0]);
        Assert.Equal(lastLine, lines[^1]);
        Assert.Equal("", result.Errors);
    }

    [Theory]
    [InlineData("SimplestNetwork")]
    [InlineData("WeightedSums")]
    [InlineData("Xor")]
    [InlineData("HotColdVsGradient")]
    public void A_tutorial_sample_refuses_an_option_instead_of_ignoring_it(string sample)
    {
        // They ran the tutorial unchanged, so `--epochs 100` printed the same run as if it had been used.
        SampleProgram.Result result = SampleProgram.Run(sample, _directory, "--epochs", "100");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"{sample} takes no options, so '--epochs' would change nothing.\n"
                          + $"Usage: dotnet run --project samples/{sample} -c Release\n", result.Errors);
        Assert.Contains($"to change the network or its settings, edit samples/{sample}/Program.cs.", result.Errors);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void Help_after_a_bad_option_does_not_turn_the_error_into_success()
    {
        // The bad value is read first and fails the run; the exit code was 0 because --help appeared somewhere.
        SampleProgram.Result result = SampleProgram.Run("Digits", _directory, "--epochs", "abc", "--help");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Option '--epochs' needs a whole number of 1 or more, not 'abc'.", result.Errors);
    }

    [Theory]
    [InlineData("Digits", "--epochs", "abc", "Option '--epochs' needs a whole number of 1 or more, not 'abc'.")]
    [InlineData("Digits", "--optimizer", "adamw", "Option '--optimizer' needs adam or sgd, not 'adamw'.")]
    [InlineData("ConvDigits", "--threads", "0", "Option '--threads' needs a whole number of 1 or more, not '0'.")]
    public void A_known_option_with_a_bad_value_says_what_it_needs(string sample, string option, string value, string message)
    {
        SampleProgram.Result result = SampleProgram.Run(sample, _directory, option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Errors);
    }

    [Theory]
    [InlineData("Digits", "--threads 17", "Option '--threads' can be at most 16 here: the threads share batches of 16 examples, not '17'.")]
    [InlineData("Digits", "--optimizer adam --threads 33", "Option '--threads' can be at most 32 here: the threads share batches of 32 examples, not '33'.")]
    [InlineData("Digits", "--tutorial --threads 2", "Option '--threads' can be at most 1 here: the threads share batches of 1 example, not '2'.")]
    [InlineData("ConvDigits", "--threads 999", "Option '--threads' can be at most 32 here: the threads share batches of 32 examples, not '999'.")]
    public void More_threads_than_a_batch_has_examples_is_refused_before_loading_anything(string sample, string arguments, string message)
    {
        // It was an unhandled ArgumentOutOfRangeException from the trainer, with a stack trace, after the data loaded.
        SampleProgram.Result result = SampleProgram.Run(sample, _directory, arguments.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(message, result.Errors.Trim());
        Assert.Equal("", result.Output);
    }

    [Theory]
    [InlineData("--tutorial --optimizer adam")]
    [InlineData("--optimizer sgd --tutorial")]
    public void An_optimizer_with_the_tutorial_is_refused_instead_of_ignored(string arguments)
    {
        // The tutorial trains as written (plain SGD at 0.1, one example at a time): it printed an SGD run for 'adam'.
        SampleProgram.Result result = SampleProgram.Run("Digits", _directory, arguments.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Option '--optimizer' chooses how the default network trains; '--tutorial' trains the tutorial's network as the "
                     + "tutorial does (plain SGD, learning rate 0.1, one example at a time). Leave out one of the two.",
            result.Errors.Trim());
        Assert.Equal("", result.Output);
    }
}
