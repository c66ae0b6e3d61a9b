using CompiledNets;
using CompiledNets.Data;
using CompiledNets.Training;
using Spectre.Console;

namespace Samples.Digits;

/// <summary>Trains one network with a progress bar per epoch, then reports, charts, saves and reloads it.</summary>
internal static class Experiment
{
    /// <summary>The exit code of a run stopped by Ctrl+C, as a shell gives a program that SIGINT ended: 128 + 2.</summary>
    public const int StoppedExitCode = 130;

    /// <summary>Runs the experiment; false when Ctrl+C stopped the training, and then nothing is saved.</summary>
    public static bool Run<TNet>(TNet network, string name, string dataDescription,
        Dataset<float> training, Dataset<float> test, Optimizer optimizer, TrainingOptions settings, ExperimentReport report)
        where TNet : class, INeuralNetwork<TNet, float>
    {
        report.ThrowIfCannotSave(name);
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(name)}[/]: {Markup.Escape(TNet.Architecture)}, loss {TNet.Loss}, {TNet.ParameterCount:N0} parameters");
        AnsiConsole.MarkupLine($"Data: {Markup.Escape(dataDescription)}");
        AnsiConsole.MarkupLine($"Training: {Count(settings.Epochs, "epoch")}, batch {settings.BatchSize}, {Describe(optimizer)}{Describe(settings.Schedule)}, " +
                               $"{Threads(settings.Threads)}{(settings.Augmentation is { } augmentation ? $", {augmentation}" : "")}");
        AnsiConsole.MarkupLine($"Kernels: {CompiledNets.Numerics.Simd.WidestVector} (the widest vectors this machine accelerates, in this build)");
        if (CompiledNets.Numerics.Simd.UnusedWidthAdvice is { } advice)
            AnsiConsole.MarkupLine($"[yellow]Wider vectors: {Markup.Escape(advice)}[/]");
        AnsiConsole.WriteLine();

        // Ctrl+C stops the training between two steps rather than killing the process, which left the terminal's
        // cursor hidden by the progress bars; a second Ctrl+C kills it as usual.
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler stopTraining = (_, press) =>
        {
            if (stop.IsCancellationRequested)
                return; // the second Ctrl+C: let it end the process
            press.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += stopTraining;
        IReadOnlyList<EpochReport> history = [];
        try
        {
            if (AnsiConsole.Profile.Capabilities.Interactive)
            {
                AnsiConsole.Progress()
                    .AutoClear(false)
                    .HideCompleted(false)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .Start(context => history = Trainer.Train(network, training, optimizer, settings, test, new EpochProgressBars(context), stop.Token));
            }
            else
            {
                // Not a terminal (a pipe, a CI log): live bars would print as snapshots, so print one line per epoch.
                history = Trainer.Train(network, training, optimizer, settings, test, new EpochLines(), stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // A half-trained network would overwrite the weights of an earlier, finished run.
            AnsiConsole.MarkupLine("[yellow]Training stopped by Ctrl+C: nothing was saved.[/]");
            return false;
        }
        finally
        {
            Console.CancelKeyPress -= stopTraining;
        }

        Evaluation final = Trainer.Evaluate(network, test);
        report.Summarize(final, history);
        report.ShowConfusion(final);
        report.Chart(name, history);
        report.SaveAndReload(network, name, test, final);
        report.PointToGeneratedSource<TNet>();
        return true;
    }

    private static string Describe(EpochReport epoch)
        => $"epoch {epoch.Epoch,2}/{epoch.Epochs}  loss {epoch.TrainingLoss:F4}  " +
           $"test {epoch.Validation?.Accuracy:P2}  {epoch.ExamplesPerSecond,9:N0} examples/s";

    /// <summary>"1 epoch", "20 epochs".</summary>
    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>"2 threads", or "16 threads asked, 2 run (one per core)": the trainer runs at most one thread per core.</summary>
    private static string Threads(int threads)
        => threads <= Environment.ProcessorCount
            ? Count(threads, "thread")
            : $"{threads} threads asked, {Environment.ProcessorCount} run (one per core)";

    private static string Describe(LearningRateSchedule schedule)
        => schedule == LearningRateSchedule.Constant ? "" : $" ({schedule} schedule)";

    private static string Describe(Optimizer optimizer) => optimizer switch
    {
        Sgd { Momentum: > 0 } sgd => $"SGD with momentum {sgd.Momentum}, learning rate {sgd.LearningRate}",
        Sgd sgd => $"SGD, learning rate {sgd.LearningRate}",
        Adam adam => $"{adam.GetType().Name}, learning rate {adam.LearningRate}",
        _ => optimizer.GetType().Name,
    };

    /// <summary>One line per finished epoch.</summary>
    private sealed class EpochLines : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Completed is { } epoch)
                Console.WriteLine(Describe(epoch));
        }
    }

    /// <summary>One Spectre progress bar per epoch; called synchronously by the trainer.</summary>
    private sealed class EpochProgressBars(ProgressContext context) : IProgress<TrainingProgress>
    {
        private ProgressTask? _current;

        public void Report(TrainingProgress value)
        {
            if (_current is null || value.ExamplesDone < _current.Value)
                _current = context.AddTask($"epoch {value.Epoch,2}/{value.Epochs}", maxValue: value.ExamplesTotal);

            _current.Value = value.ExamplesDone;
            if (value.Completed is { } epoch)
            {
                _current.Description = Describe(epoch);
                _current.StopTask();
                _current = null;
            }
            else
            {
                _current.Description = $"epoch {value.Epoch,2}/{value.Epochs}  loss {value.RunningLoss:F4}  {value.ExamplesPerSecond,9:N0} examples/s";
            }
        }
    }
}
