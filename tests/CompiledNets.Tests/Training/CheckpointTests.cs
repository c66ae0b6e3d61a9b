using CompiledNets.Data;
using CompiledNets.Persistence;
using CompiledNets.Tests.Networks;
using CompiledNets.Training;

namespace CompiledNets.Tests.Training;

/// <summary>A run interrupted and resumed from its checkpoint ends exactly where the uninterrupted run ends.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("compilednets-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    private static TrainingOptions Options(string checkpoint, int threads, bool earlyStopping) => new()
    {
        Epochs = 6, BatchSize = 4, Threads = threads, Seed = 11, CheckpointPath = checkpoint,
        EarlyStopping = earlyStopping ? new EarlyStopping(patience: 50) : null,
    };

    /// <summary>Runs until <paramref name="epoch"/>'s second batch is done, then cancels, as a crash would stop it.</summary>
    private static void RunUntilCancelled<TNet>(TNet network, Dataset<double> data, Optimizer optimizer, TrainingOptions options,
        Dataset<double> validation, int epoch)
        where TNet : class, INeuralNetwork<TNet, double>
    {
        using var cancellation = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => Trainer.Train(network, data, optimizer,
            options with { BatchEnded = b => { if ((b.Epoch, b.Batch) == (epoch, 2)) cancellation.Cancel(); } },
            validation, cancellationToken: cancellation.Token));
    }

    [Theory]
    [InlineData("momentum", 1, false)]
    [InlineData("adam", 1, true)]
    [InlineData("adamw", 2, false)]
    [InlineData("clipped", 2, true)]
    public void A_resumed_run_ends_bit_for_bit_where_the_uninterrupted_run_ends(string optimizer, int threads, bool earlyStopping)
    {
        Dataset<double> data = TrainingData.ForTrainerNet(30), validation = TrainingData.ForTrainerNet(10);
        string path = PathOf($"{optimizer}.checkpoint");
        var uninterrupted = new TrainerNet();
        TrainingHistory whole = Trainer.Train(uninterrupted, data, TestOptimizers.Create(optimizer, 0.05),
            Options(PathOf("whole.checkpoint"), threads, earlyStopping), validation);
        Assert.False(File.Exists(PathOf("whole.checkpoint")), "a finished run deletes its checkpoint");

        var interrupted = new TrainerNet();
        RunUntilCancelled(interrupted, data, TestOptimizers.Create(optimizer, 0.05), Options(path, threads, earlyStopping), validation, epoch: 4);
        Assert.True(File.Exists(path), "three whole epochs were checkpointed");

        var resumed = new TrainerNet(); // a new process: fresh network, fresh optimizer
        TrainingHistory rest = Trainer.Train(resumed, data, TestOptimizers.Create(optimizer, 0.05), Options(path, threads, earlyStopping), validation);

        Assert.Equal([4, 5, 6], rest.Select(report => report.Epoch));
        Assert.Equal(uninterrupted.Parameters.ToArray(), resumed.Parameters.ToArray());
        Assert.Equal(whole[^1].TrainingLoss, rest[^1].TrainingLoss);
        Assert.Equal(whole.BestEpoch, rest.BestEpoch);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_resumed_run_replays_the_augmentation_and_a_run_without_it_is_refused()
    {
        Dataset<double> data = TrainingData.Random<LoopNet, double>(30);
        string path = PathOf("shifted.checkpoint");
        TrainingOptions Shifted(string checkpoint) => Options(checkpoint, 1, false) with { Augmentation = new RandomShift(1, 1, 2, 5) };
        var uninterrupted = new LoopNet();
        Trainer.Train(uninterrupted, data, new Sgd(0.05, momentum: 0.9), Shifted(PathOf("whole.checkpoint")), data);

        RunUntilCancelled(new LoopNet(), data, new Sgd(0.05, momentum: 0.9), Shifted(path), data, epoch: 4);
        var plain = Assert.Throws<InvalidDataException>(() => Trainer.Train(new LoopNet(), data, new Sgd(0.05, momentum: 0.9), Options(path, 1, false), data));
        var resumed = new LoopNet();
        Trainer.Train(resumed, data, new Sgd(0.05, momentum: 0.9), Shifted(path), data);

        Assert.Contains("it does not match this run in its training options: "
                        + "Augmentation = RandomShift(MaxPixels = 1, Channels = 1, Height = 2, Width = 5) in the checkpoint, none in this run.", plain.Message);
        Assert.Equal(uninterrupted.Parameters.ToArray(), resumed.Parameters.ToArray());
    }

    [Fact]
    public void A_run_with_an_augmentation_described_on_several_lines_resumes()
    {
        // The checkpoint keeps one setting per line: a user's augmentation whose ToString spans lines (or writes
        // "key=value" lines of its own) must neither make the file unreadable nor overwrite the run's progress.
        Dataset<double> data = TrainingData.Random<LoopNet, double>(30);
        string path = PathOf("noisy.checkpoint");
        TrainingOptions Noisy(string checkpoint) => Options(checkpoint, 1, false) with { Augmentation = new MultiLineNoise() };
        var uninterrupted = new LoopNet();
        Trainer.Train(uninterrupted, data, new Sgd(0.05, momentum: 0.9), Noisy(PathOf("whole.checkpoint")), data);

        RunUntilCancelled(new LoopNet(), data, new Sgd(0.05, momentum: 0.9), Noisy(path), data, epoch: 4);
        var resumed = new LoopNet();
        TrainingHistory rest = Trainer.Train(resumed, data, new Sgd(0.05, momentum: 0.9), Noisy(path), data);

        Assert.Equal([4, 5, 6], rest.Select(report => report.Epoch));
        Assert.Equal(uninterrupted.Parameters.ToArray(), resumed.Parameters.ToArray());
    }

    /// <summary>Small input noise, described the way a record with nested settings might print itself.</summary>
    private sealed class MultiLineNoise : Augmentation
    {
        public override void Apply<T>(Span<T> input, ref CompiledNets.Numerics.SplitMix64 random)
        {
            for (int i = 0; i < input.Length; i++)
                input[i] += T.CreateChecked((random.NextDouble() - 0.5) * 0.02);
        }

        public override string ToString() => "Noise\n{\n  Amount = 0.01\r\n}\nepochs done=0";
    }

    [Fact]
    public void A_convolution_run_on_two_threads_with_shifted_images_resumes_bit_for_bit()
    {
        // Convolutional networks split a batch by examples across threads (dense ones split by neurons): the other
        // parallel path, each worker drawing its own examples' shifts.
        Dataset<double> data = TrainingData.Random<ConvChain, double>(30), validation = TrainingData.Random<ConvChain, double>(10, seed: 5);
        string path = PathOf("conv.checkpoint");
        TrainingOptions Run(string checkpoint) => Options(checkpoint, 2, earlyStopping: true) with { Augmentation = new RandomShift(2, 1, 12, 12) };
        var uninterrupted = new ConvChain();
        TrainingHistory whole = Trainer.Train(uninterrupted, data, new Adam(0.01), Run(PathOf("whole.checkpoint")), validation);

        RunUntilCancelled(new ConvChain(), data, new Adam(0.01), Run(path), validation, epoch: 3);
        var resumed = new ConvChain();
        TrainingHistory rest = Trainer.Train(resumed, data, new Adam(0.01), Run(path), validation);

        Assert.Equal([3, 4, 5, 6], rest.Select(report => report.Epoch));
        Assert.Equal(uninterrupted.Parameters.ToArray(), resumed.Parameters.ToArray());
        Assert.Equal(whole[^1].TrainingLoss, rest[^1].TrainingLoss);
    }

    [Theory]
    [InlineData("constant", 9)]
    [InlineData("step", 9)]
    [InlineData("step", 5)]
    public void A_run_resumed_with_another_length_ends_where_an_uninterrupted_run_of_that_length_ends(string schedule, int epochs)
    {
        // Under a schedule that ignores the run's length, epoch k has the same rate, shuffle and early-stopping state in
        // a run of any length: an interrupted 6-epoch run can be stretched to 9 epochs, or cut to 5, when it resumes.
        Dataset<double> data = TrainingData.ForTrainerNet(30), validation = TrainingData.ForTrainerNet(10);
        string path = PathOf($"{schedule}.checkpoint");
        TrainingOptions Run(string checkpoint, int length) => Options(checkpoint, 1, earlyStopping: true) with
        {
            Epochs = length,
            Schedule = schedule == "step" ? LearningRateSchedule.Step(2, 0.5) : LearningRateSchedule.Constant,
        };
        var uninterrupted = new TrainerNet();
        TrainingHistory whole = Trainer.Train(uninterrupted, data, new Adam(0.01), Run(PathOf("whole.checkpoint"), epochs), validation);

        RunUntilCancelled(new TrainerNet(), data, new Adam(0.01), Run(path, 6), validation, epoch: 4);
        var resumed = new TrainerNet();
        TrainingHistory rest = Trainer.Train(resumed, data, new Adam(0.01), Run(path, epochs), validation);

        Assert.Equal(Enumerable.Range(4, epochs - 3), rest.Select(report => report.Epoch));
        Assert.Equal(whole.Skip(3).Select(report => report.LearningRate), rest.Select(report => report.LearningRate));
        Assert.Equal(uninterrupted.Parameters.ToArray(), resumed.Parameters.ToArray());
        Assert.Equal(whole[^1].TrainingLoss, rest[^1].TrainingLoss);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_run_resumed_with_as_many_epochs_as_the_checkpoint_has_done_ends_at_once_with_its_parameters()
    {
        // A 6-epoch run stopped in its fourth epoch has done 3; resumed as a 3-epoch run it has nothing left to train,
        // and ends where an uninterrupted 3-epoch run ends (early stopping's best epoch put back, as there).
        Dataset<double> data = TrainingData.ForTrainerNet(30), validation = TrainingData.ForTrainerNet(10);
        string path = PathOf("done.checkpoint");
        TrainingOptions Run(string checkpoint, int length) => Options(checkpoint, 1, earlyStopping: true) with { Epochs = length };
        var uninterrupted = new TrainerNet();
        TrainingHistory whole = Trainer.Train(uninterrupted, data, new Adam(0.01), Run(PathOf("whole.checkpoint"), 3), validation);
        RunUntilCancelled(new TrainerNet(), data, new Adam(0.01), Run(path, 6), validation, epoch: 4);

        var resumed = new TrainerNet();
        TrainingHistory rest = Trainer.Train(resumed, data, new Adam(0.01), Run(path, 3), validation);

        Assert.Empty(rest);
        Assert.Equal(whole.BestEpoch, rest.BestEpoch);
        Assert.Equal(uninterrupted.Parameters.ToArray(), resumed.Parameters.ToArray());
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_run_of_another_length_is_refused_when_the_schedule_spans_the_run_or_the_checkpoint_is_past_its_end()
    {
        Dataset<double> data = TrainingData.ForTrainerNet(30);
        string cosine = PathOf("cosine.checkpoint"), constant = PathOf("constant.checkpoint");
        TrainingOptions Cosine(int epochs) => Options(cosine, 1, false) with { Epochs = epochs, Schedule = LearningRateSchedule.Cosine() };
        RunUntilCancelled(new TrainerNet(), data, new Adam(0.01), Cosine(6), data, epoch: 4);
        RunUntilCancelled(new TrainerNet(), data, new Adam(0.01), Options(constant, 1, false), data, epoch: 4);
        var network = new TrainerNet();
        double[] before = network.Parameters.ToArray();

        var longer = Assert.Throws<InvalidDataException>(() => Trainer.Train(network, data, new Adam(0.01), Cosine(9), data));
        var shorter = Assert.Throws<InvalidDataException>(
            () => Trainer.Train(network, data, new Adam(0.01), Options(constant, 1, false) with { Epochs = 2 }, data));

        Assert.Equal($"The checkpoint '{cosine}' cannot be resumed: it was saved by a run of 6 epochs and this run has 9, and its "
                     + "schedule, Cosine(0.01), sets each epoch's rate from the run's length. Keep Epochs = 6 to resume it, or use a "
                     + "schedule that does not depend on the length (Constant, Step). Delete it to start training over.", longer.Message);
        Assert.Equal($"The checkpoint '{constant}' cannot be resumed: it has done 3 epochs, more than this run's 2. "
                     + "Delete it to start training over.", shorter.Message);
        Assert.Equal(before, network.Parameters.ToArray());
        Assert.True(File.Exists(cosine) && File.Exists(constant), "a refused checkpoint is left for the user to inspect");
    }

    [Fact]
    public void A_checkpoint_from_other_settings_is_refused_naming_the_difference_and_changes_nothing()
    {
        Dataset<double> data = TrainingData.ForTrainerNet(30);
        string path = PathOf("run.checkpoint");
        RunUntilCancelled(new TrainerNet(), data, new Adam(0.01), Options(path, 1, false), data, epoch: 3);
        var network = new TrainerNet();
        double[] before = network.Parameters.ToArray();

        var batch = Assert.Throws<InvalidDataException>(() => Trainer.Train(network, data, new Adam(0.01), Options(path, 1, false) with { BatchSize = 5 }, data));
        var optimizer = Assert.Throws<InvalidDataException>(() => Trainer.Train(network, data, new Adam(0.02), Options(path, 1, false), data));
        // The seed picks each epoch's shuffle, and the thread count how a convolution network's batch is split and its
        // gradient summed: with either changed, the resumed run need not end where the interrupted one would have.
        var seed = Assert.Throws<InvalidDataException>(() => Trainer.Train(network, data, new Adam(0.01), Options(path, 1, false) with { Seed = 12 }, data));
        var threads = Assert.Throws<InvalidDataException>(() => Trainer.Train(network, data, new Adam(0.01), Options(path, 2, false), data));

        Assert.Equal($"The checkpoint '{path}' cannot be resumed: it does not match this run in its training options: "
                     + "BatchSize = 4 in the checkpoint, 5 in this run. Delete it to start training over.", batch.Message);
        Assert.Equal($"The checkpoint '{path}' cannot be resumed: it does not match this run in its optimizer: "
                     + "LearningRate = 0.01 in the checkpoint, 0.02 in this run. Delete it to start training over.", optimizer.Message);
        Assert.Equal($"The checkpoint '{path}' cannot be resumed: it does not match this run in its training options: "
                     + "Seed = 11 in the checkpoint, 12 in this run. Delete it to start training over.", seed.Message);
        Assert.Equal($"The checkpoint '{path}' cannot be resumed: it does not match this run in its training options: "
                     + "Threads = 1 in the checkpoint, 2 in this run. Delete it to start training over.", threads.Message);
        Assert.Equal(before, network.Parameters.ToArray());
        Assert.True(File.Exists(path), "a refused checkpoint is left for the user to inspect");
    }

    [Theory]
    [InlineData(0, "it is not a CompiledNets checkpoint (it does not start with CNC1)")]
    [InlineData(100, "its checksum does not match its content: the file is truncated or corrupted")]
    [InlineData(-1, "its checksum does not match its content: the file is truncated or corrupted")]
    public void A_corrupted_checkpoint_is_refused_naming_the_file(int flippedByte, string problem)
    {
        Dataset<double> data = TrainingData.ForTrainerNet(30);
        string path = PathOf("run.checkpoint");
        RunUntilCancelled(new TrainerNet(), data, new Sgd(0.05, momentum: 0.9), Options(path, 1, false), data, epoch: 2);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[flippedByte < 0 ? bytes.Length - 1 : flippedByte] ^= 0x10;
        File.WriteAllBytes(path, bytes);

        var exception = Assert.Throws<InvalidDataException>(() => Trainer.Train(new TrainerNet(), data, new Sgd(0.05, momentum: 0.9), Options(path, 1, false), data));

        Assert.Equal($"The checkpoint '{path}' cannot be resumed: {problem}. Delete it to start training over.", exception.Message);
    }

    [Theory]
    [InlineData(0, "the file is empty")] // it said the file did not start with CNC1
    [InlineData(3, "it is not a CompiledNets checkpoint (it does not start with CNC1)")]
    [InlineData(10, "it is 10 bytes long, too short for a checkpoint: the file is truncated")]
    public void A_checkpoint_cut_short_is_refused_saying_so(int length, string problem)
    {
        Dataset<double> data = TrainingData.ForTrainerNet(30);
        string path = PathOf("run.checkpoint");
        RunUntilCancelled(new TrainerNet(), data, new Sgd(0.05, momentum: 0.9), Options(path, 1, false), data, epoch: 2);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..length]);

        var exception = Assert.Throws<InvalidDataException>(() => Trainer.Train(new TrainerNet(), data, new Sgd(0.05, momentum: 0.9), Options(path, 1, false), data));

        Assert.Equal($"The checkpoint '{path}' cannot be resumed: {problem}. Delete it to start training over.", exception.Message);
    }

    [Theory]
    [InlineData("epochs done", "1.5", "its 'epochs done' is missing or not a count")] // int.Parse threw a bare FormatException
    [InlineData("epochs done", "-1", "its 'epochs done' is missing or not a count")] // resumed before the first epoch
    [InlineData("best epoch", "", "its 'best epoch' is missing or not a count")]
    [InlineData("optimizer steps", "1e3", "its 'optimizer steps' is missing or not a count")]
    [InlineData("best metric", "better", "its 'best metric' is missing or not a number")]
    public void A_checkpoint_with_an_intact_checksum_but_an_unreadable_progress_value_is_refused(string key, string value, string problem)
    {
        Dataset<double> data = TrainingData.ForTrainerNet(30);
        string path = PathOf("run.checkpoint");
        RunUntilCancelled(new TrainerNet(), data, new Sgd(0.05, momentum: 0.9), Options(path, 1, false), data, epoch: 2);
        RewriteSetting(path, key, value);
        var network = new TrainerNet();
        double[] before = network.Parameters.ToArray();

        var exception = Assert.Throws<InvalidDataException>(() => Trainer.Train(network, data, new Sgd(0.05, momentum: 0.9), Options(path, 1, false), data));

        Assert.Equal($"The checkpoint '{path}' cannot be resumed: {problem}. Delete it to start training over.", exception.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Theory]
    [InlineData("=3")]
    [InlineData("epochs done 3")]
    public void A_checkpoint_with_an_intact_checksum_but_a_settings_line_that_is_not_key_equals_value_is_refused(string line)
    {
        Dataset<double> data = TrainingData.ForTrainerNet(30);
        string path = PathOf("run.checkpoint");
        RunUntilCancelled(new TrainerNet(), data, new Sgd(0.05, momentum: 0.9), Options(path, 1, false), data, epoch: 2);
        RewriteSetting(path, "epochs done", value: null, wholeLine: line);

        var exception = Assert.Throws<InvalidDataException>(() => Trainer.Train(new TrainerNet(), data, new Sgd(0.05, momentum: 0.9), Options(path, 1, false), data));

        Assert.Equal($"The checkpoint '{path}' cannot be resumed: its settings line \"{line}\" is not key=value. Delete it to start training over.",
            exception.Message);
    }

    /// <summary>Sets one line of a checkpoint's settings text (or replaces it with <paramref name="wholeLine"/>) and writes
    /// the file back with its length and checksum updated, as a writer with a bug would.</summary>
    private static void RewriteSetting(string path, string key, string? value, string? wholeLine = null)
    {
        byte[] file = File.ReadAllBytes(path);
        int length = BitConverter.ToInt32(file, 8);
        string[] lines = System.Text.Encoding.UTF8.GetString(file, 12, length).Split('\n');
        int line = Array.FindIndex(lines, l => l.StartsWith(key + "=", StringComparison.Ordinal));
        Assert.True(line >= 0, $"the checkpoint has no '{key}' line");
        lines[line] = wholeLine ?? $"{key}={value}";
        byte[] settings = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines));
        byte[] body = [.. file.AsSpan(0, 8), .. BitConverter.GetBytes(settings.Length), .. settings, .. file.AsSpan(12 + length, file.Length - 16 - length)];
        File.WriteAllBytes(path, [.. body, .. BitConverter.GetBytes(Crc32.Compute(body))]);
    }

    [Fact]
    public void A_weights_file_is_not_taken_for_a_checkpoint()
    {
        string path = PathOf("net.weights");
        NetworkWeights.Save(new TrainerNet(), path);

        var exception = Assert.Throws<InvalidDataException>(() => Trainer.Train(new TrainerNet(), TrainingData.ForTrainerNet(8), new Sgd(),
            new TrainingOptions { CheckpointPath = path }));

        Assert.Contains("it is not a CompiledNets checkpoint", exception.Message);
    }

    [Fact]
    public void A_checkpoint_path_that_cannot_be_written_is_refused_before_the_first_epoch()
    {
        // Found only when the first checkpoint was saved, it cost a whole epoch of training and ended the run.
        string missing = PathOf(Path.Combine("no such folder", "run.checkpoint"));
        string folder = PathOf("a folder");
        Directory.CreateDirectory(folder);
        var network = new TrainerNet();
        double[] before = network.Parameters.ToArray();
        int epochs = 0;
        TrainingOptions options = new() { Epochs = 2, EpochEnded = _ => epochs++ };

        var noFolder = Assert.Throws<DirectoryNotFoundException>(() => Trainer.Train(network, TrainingData.ForTrainerNet(8), new Sgd(),
            options with { CheckpointPath = missing }));
        var isFolder = Assert.Throws<IOException>(() => Trainer.Train(network, TrainingData.ForTrainerNet(8), new Sgd(),
            options with { CheckpointPath = folder }));
        string readOnly = PathOf("protected.checkpoint");
        File.WriteAllText(readOnly, "kept");
        File.SetAttributes(readOnly, FileAttributes.ReadOnly);
        var isReadOnly = Assert.Throws<UnauthorizedAccessException>(() => Trainer.Train(network, TrainingData.ForTrainerNet(8), new Sgd(),
            options with { CheckpointPath = readOnly }));
        File.SetAttributes(readOnly, FileAttributes.Normal);
        // /sys takes no new files, even from root: as a read-only folder or file system, it failed only the first save.
        Exception noNewFiles = Assert.ThrowsAny<Exception>(() => Trainer.Train(network, TrainingData.ForTrainerNet(8), new Sgd(),
            options with { CheckpointPath = "/sys/run.checkpoint" }));

        Assert.True(noNewFiles is IOException or UnauthorizedAccessException, noNewFiles.ToString());
        Assert.StartsWith("Cannot write '/sys/run.checkpoint': ", noNewFiles.Message);
        Assert.Equal($"Cannot write '{missing}': the directory '{Path.GetDirectoryName(missing)}' does not exist.", noFolder.Message);
        Assert.Equal($"Cannot write '{folder}': it is a directory.", isFolder.Message);
        Assert.StartsWith($"Cannot write '{readOnly}': the file is read-only, so it is left as it is.", isReadOnly.Message);
        Assert.Equal("kept", File.ReadAllText(readOnly));
        Assert.Equal(0, epochs);
        Assert.Equal(before, network.Parameters.ToArray());
    }
}
