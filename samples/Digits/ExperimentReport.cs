using CompiledNets;
using CompiledNets.Data;
using CompiledNets.Persistence;
using CompiledNets.Reporting;
using CompiledNets.Training;
using Spectre.Console;

namespace Samples.Digits;

/// <summary>What the sample shows after training: accuracy, confusion matrix, chart, saved weights, generated code.</summary>
internal sealed class ExperimentReport
{
    private readonly string _output;

    /// <summary>Creates the output folder now: a bad --output fails before the training rather than after it.</summary>
    public ExperimentReport(string outputDirectory)
    {
        _output = Path.GetFullPath(outputDirectory);
        if (File.Exists(_output))
            throw new IOException($"The output folder '{_output}' is a file: give --output a folder (it is created if it does not exist).");
        Directory.CreateDirectory(_output);
    }

    /// <summary>
    /// Fails now if the chart or the weights of <paramref name="name"/> could not be saved after the training: a
    /// read-only file, or a folder that takes no new files, would otherwise cost the whole run.
    /// </summary>
    public void ThrowIfCannotSave(string name)
    {
        foreach (string path in new[] { ChartPath(name), WeightsPath(name), WeightsPath(name) + ".txt" })
            NetworkWeights.ThrowIfCannotSave(path); // the chart is saved the same atomic way
    }

    private string ChartPath(string name) => Path.Combine(_output, $"{name}-training.svg");

    private string WeightsPath(string name) => Path.Combine(_output, $"{name}.weights");

    public void Summarize(Evaluation final, IReadOnlyList<EpochReport> history)
    {
        double seconds = history.Sum(epoch => epoch.Elapsed.TotalSeconds);
        AnsiConsole.WriteLine();
        AnsiConsole.MarkupLine($"[bold]Test accuracy: {final.Accuracy:P2}[/] ({final.Count:N0} images, mean loss {final.Loss:F4}); " +
                               $"training took {seconds:F1} s, {history.Average(epoch => epoch.ExamplesPerSecond):N0} examples/s");
    }

    public void ShowConfusion(Evaluation final)
    {
        if (final.Confusion is not { } confusion)
            return;
        // Spectre wraps a title to the table's width (65 characters for ten classes): this one fits on one line.
        var table = new Table().Title("Confusion matrix: true class (rows), predicted class (columns)").Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("").RightAligned());
        for (int p = 0; p < confusion.Classes; p++)
            table.AddColumn(new TableColumn(p.ToString()).RightAligned());
        for (int a = 0; a < confusion.Classes; a++)
        {
            var cells = new List<string> { $"[bold]{a}[/]" };
            for (int p = 0; p < confusion.Classes; p++)
            {
                int count = confusion[a, p];
                cells.Add(count == 0 ? "[grey].[/]" : a == p ? $"[green]{count}[/]" : $"[red]{count}[/]");
            }

            table.AddRow(cells.ToArray());
        }

        AnsiConsole.Write(table);
    }

    public void Chart(string name, IReadOnlyList<EpochReport> history)
    {
        double[] epochs = history.Select(epoch => (double)epoch.Epoch).ToArray();
        var chart = new SvgLineChart
        {
            Title = $"{name}: loss and accuracy per epoch",
            XAxisLabel = "epoch",
            YAxisLabel = "mean training loss",
            RightYAxisLabel = "accuracy (%)",
        };
        chart.AddSeries("training loss", epochs, history.Select(epoch => epoch.TrainingLoss).ToArray());
        chart.AddSeries("test accuracy", epochs, history.Select(epoch => 100 * (epoch.Validation?.Accuracy ?? double.NaN)).ToArray(), YAxis.Right);
        string path = ChartPath(name);
        chart.Save(path);
        AnsiConsole.MarkupLine($"Chart of loss and accuracy: {Markup.Escape(path)}");
    }

    /// <summary>Saves the weights, loads them into a fresh network and checks it scores the same.</summary>
    public void SaveAndReload<TNet>(TNet network, string name, Dataset<float> test, Evaluation final)
        where TNet : class, INeuralNetwork<TNet, float>
    {
        string path = WeightsPath(name);
        NetworkWeights.Save(network, path);
        TNet reloaded = TNet.Create();
        NetworkWeights.Load(reloaded, path);
        Evaluation again = Trainer.Evaluate(reloaded, test);
        string check = again.Accuracy == final.Accuracy ? "reloaded: same accuracy" : $"[red]reloaded accuracy differs: {again.Accuracy:P2}[/]";
        AnsiConsole.MarkupLine($"Weights saved: {Markup.Escape(path)} ({new FileInfo(path).Length:N0} bytes; {check})");

        // The same file in text form, which [Network(Weights = "...")] bakes into an assembly (README, Ship it).
        NetworkWeights.SaveText(network, path + ".txt");
        AnsiConsole.MarkupLine($"To bake into an assembly: {Markup.Escape(path)}.txt (README, Ship it)");
    }

    /// <summary>Points at the C# the generator wrote for the network: the build keeps it under obj/ (EmitCompilerGeneratedFiles).</summary>
    public void PointToGeneratedSource<TNet>()
    {
        // The generated files are named after the network's full name: Samples.Digits.DigitNet.Forward.g.cs, ...
        string network = typeof(TNet).FullName!;
        string? project = FindProjectDirectory(AppContext.BaseDirectory);
        string? file = project is null ? null : Directory
            .EnumerateFiles(Path.Combine(project, "obj"), $"{network}.*.g.cs", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
        AnsiConsole.MarkupLine(file is null
            ? "Generated source: build with EmitCompilerGeneratedFiles=true, or open the class in your IDE and 'Go to definition'."
            : $"Generated source to read: {Markup.Escape(Path.GetDirectoryName(file)!)} ({network}.*.g.cs)");
    }

    /// <summary>The sample's project folder (this file is shared, so any project's): the first one up from the binary.</summary>
    private static string? FindProjectDirectory(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (directory.EnumerateFiles("*.csproj").Any() && Directory.Exists(Path.Combine(directory.FullName, "obj")))
                return directory.FullName;
        }

        return null;
    }
}
