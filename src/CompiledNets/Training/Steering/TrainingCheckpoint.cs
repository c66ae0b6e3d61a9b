using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using CompiledNets.Persistence;
using CompiledNets.Reporting;

namespace CompiledNets.Training;

/// <summary>
/// A training run's state after a whole epoch, in one file: the parameters, the optimizer's state, the epochs done
/// and early stopping's progress, plus the settings the run depends on, so that a resumed run continues exactly as
/// the interrupted one would have (the shuffling is replayed from the seed). Written through the same atomic save
/// as weights files, and checked the same way before anything is used.
/// </summary>
/// <remarks>
/// Layout, little-endian: the magic <c>CNC1</c>; int32 format version 1; int32 length and UTF-8 text of the settings,
/// one <c>key=value</c> per line; int32 element size (4 or 8); three arrays (parameters, optimizer state, best
/// parameters), each an int32 count and its values; CRC-32 of everything before it.
/// </remarks>
internal sealed class TrainingCheckpoint<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static ReadOnlySpan<byte> Magic => "CNC1"u8;
    private const int FormatVersion = 1;
    private const int MaxSettingsBytes = 1 << 20;

    // Settings that must be the same for a resumed run to continue the interrupted one.
    private const string Architecture = "architecture", Precision = "precision", OptimizerKey = "optimizer",
        Examples = "training examples", Options = "training options";

    // Progress: where the run was.
    private const string EpochsDone = "epochs done", Steps = "optimizer steps", Best = "best metric", BestEpoch = "best epoch",
        WithoutImprovement = "epochs without improvement";

    public required Dictionary<string, string> Settings { get; init; }
    public required T[] Parameters { get; init; }
    public required T[] OptimizerState { get; init; }
    public required T[] BestParameters { get; init; }

    public int Epochs => int.Parse(Settings[EpochsDone], CultureInfo.InvariantCulture);
    public long OptimizerSteps => long.Parse(Settings[Steps], CultureInfo.InvariantCulture);
    public double BestMetric => double.Parse(Settings[Best], CultureInfo.InvariantCulture);
    public int BestMetricEpoch => int.Parse(Settings[BestEpoch], CultureInfo.InvariantCulture);
    public int EpochsWithoutImprovement => int.Parse(Settings[WithoutImprovement], CultureInfo.InvariantCulture);

    /// <summary>What a run must match to resume from a checkpoint: the network, the optimizer, the data's size and the loop's options.</summary>
    public static Dictionary<string, string> Identity(string architecture, Optimizer optimizer, int examples, TrainingOptions options) => new()
    {
        [Architecture] = architecture,
        [Precision] = typeof(T).Name,
        [OptimizerKey] = optimizer.ToString(),
        [Examples] = examples.ToString(CultureInfo.InvariantCulture),
        [Options] = OneLine(Invariant($"Epochs = {options.Epochs}, BatchSize = {options.BatchSize}, Schedule = {options.Schedule}, Shuffle = {options.Shuffle}, Seed = {options.Seed}, Threads = {options.Threads}, EarlyStopping = {options.EarlyStopping}")
            + (options.Augmentation is { } augmentation ? $", Augmentation = {augmentation}" : "")), // absent before augmentation existed: older checkpoints still match
    };

    // A user's schedule or augmentation may describe itself on several lines; the file keeps one setting per line.
    private static string OneLine(string text) => text.Replace("\r", @"\r").Replace("\n", @"\n");

    /// <summary>A checkpoint of the run as it is after <paramref name="epochsDone"/> epochs.</summary>
    public static TrainingCheckpoint<T> Capture(Dictionary<string, string> identity, int epochsDone, ReadOnlySpan<T> parameters,
        Optimizer optimizer, EarlyStoppingTracker<T>? stopping)
    {
        (T[]? state, long steps) = optimizer.ExportState<T>();
        var settings = new Dictionary<string, string>(identity)
        {
            [EpochsDone] = epochsDone.ToString(CultureInfo.InvariantCulture),
            [Steps] = steps.ToString(CultureInfo.InvariantCulture),
            [Best] = (stopping?.Best ?? double.NaN).ToString("R", CultureInfo.InvariantCulture),
            [BestEpoch] = (stopping?.BestEpoch ?? 0).ToString(CultureInfo.InvariantCulture),
            [WithoutImprovement] = (stopping?.EpochsWithoutImprovement ?? 0).ToString(CultureInfo.InvariantCulture),
        };
        return new TrainingCheckpoint<T>
        {
            Settings = settings,
            Parameters = parameters.ToArray(),
            OptimizerState = state ?? [],
            BestParameters = stopping?.BestParameters ?? [],
        };
    }

    /// <summary>Saves atomically: the file holds the previous checkpoint or this one, never part of one.</summary>
    public void Save(string path)
    {
        byte[] settings = Encoding.UTF8.GetBytes(string.Concat(Settings.Select(pair => $"{pair.Key}={pair.Value}\n")));
        int elementSize = WeightsFileFormat.ElementSizeOf<T>();
        using var content = new MemoryStream();
        Span<byte> field = stackalloc byte[4];
        content.Write(Magic);
        WriteInt32(content, field, FormatVersion);
        WriteInt32(content, field, settings.Length);
        content.Write(settings);
        WriteInt32(content, field, elementSize);
        foreach (T[] values in new[] { Parameters, OptimizerState, BestParameters })
        {
            WriteInt32(content, field, values.Length);
            byte[] bytes = new byte[values.Length * elementSize];
            ParameterBytes.Write<T>(values, bytes);
            content.Write(bytes);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(field, Crc32.Compute(content.GetBuffer().AsSpan(0, (int)content.Length)));
        content.Write(field);
        AtomicFile.Write(path, stream => content.WriteTo(stream));
    }

    /// <summary>
    /// Reads and checks the checkpoint at <paramref name="path"/> for a run with <paramref name="identity"/>; throws
    /// <see cref="InvalidDataException"/> naming the file and what is wrong or different.
    /// </summary>
    /// <remarks>
    /// A run may differ from the checkpoint's in its number of epochs when its schedule does not depend on the run's
    /// length (<see cref="LearningRateSchedule.Constant"/>, <see cref="LearningRateSchedule.Step"/>): every epoch
    /// then has the rate, shuffle and augmentation it has in any run, so a run resumed with Epochs = 30 from a
    /// checkpoint of a 20-epoch run ends where an uninterrupted 30-epoch run ends.
    /// </remarks>
    public static TrainingCheckpoint<T> Load(string path, Dictionary<string, string> identity, int parameterCount, int stateLength,
        TrainingOptions options)
    {
        string fullPath = Path.GetFullPath(path);
        byte[] file = File.ReadAllBytes(fullPath);
        InvalidDataException Fail(string problem) => new($"The checkpoint '{fullPath}' cannot be resumed: {problem}. Delete it to start training over.");

        if (file.Length == 0)
            throw Fail("the file is empty");
        if (!file.AsSpan(0, Math.Min(4, file.Length)).SequenceEqual(Magic))
            throw Fail("it is not a CompiledNets checkpoint (it does not start with CNC1)");
        if (file.Length < 16)
            throw Fail($"it is {file.Length} bytes long, too short for a checkpoint: the file is truncated");
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(file.Length - 4));
        if (stored != Crc32.Compute(file.AsSpan(0, file.Length - 4)))
            throw Fail("its checksum does not match its content: the file is truncated or corrupted");

        var reader = new BodyReader(new ArraySegment<byte>(file, 4, file.Length - 8), Fail); // no copy of the file
        int version = reader.Int32();
        if (version != FormatVersion)
            throw Fail($"it has format version {version}; this version of CompiledNets reads version {FormatVersion}");
        Dictionary<string, string> settings = ParseSettings(reader.Bytes(reader.Int32(), MaxSettingsBytes, "settings"), Fail);
        foreach ((string key, string expected) in identity)
        {
            string saved = settings.GetValueOrDefault(key, "(missing)");
            if (saved == expected)
                continue;
            if (key == Options && SplitEpochs(saved).Others == SplitEpochs(expected).Others)
            {
                if (!options.Schedule.DependsOnRunLength)
                    continue;
                string savedEpochs = SplitEpochs(saved).Epochs;
                throw Fail($"it was saved by a run of {savedEpochs} {(savedEpochs == "1" ? "epoch" : "epochs")} and this run has {options.Epochs}, and its schedule, "
                           + $"{options.Schedule}, sets each epoch's rate from the run's length. Keep Epochs = {savedEpochs} to resume it, "
                           + "or use a schedule that does not depend on the length (Constant, Step)");
            }

            throw Fail($"it does not match this run in its {key}: {SettingDifferences.Describe(saved, expected)}");
        }

        // Each progress value as its property will read it: a count is digits only (no sign, no fraction, in range).
        foreach (string key in new[] { EpochsDone, BestEpoch, WithoutImprovement })
        {
            if (!settings.TryGetValue(key, out string? value) || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                throw Fail($"its '{key}' is missing or not a count");
        }

        int done = int.Parse(settings[EpochsDone], CultureInfo.InvariantCulture);
        if (done > options.Epochs)
            throw Fail($"it has done {done} epochs, more than this run's {options.Epochs}");

        if (!settings.TryGetValue(Steps, out string? stepsText) || !long.TryParse(stepsText, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw Fail($"its '{Steps}' is missing or not a count");
        if (!settings.TryGetValue(Best, out string? bestText) || !double.TryParse(bestText, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            throw Fail($"its '{Best}' is missing or not a number");

        int elementSize = reader.Int32();
        if (elementSize != WeightsFileFormat.ElementSizeOf<T>())
            throw Fail($"its values are {elementSize} bytes each; this network's are {WeightsFileFormat.ElementSizeOf<T>()}");
        T[] parameters = reader.Values<T>(parameterCount, "parameters", exact: true);
        T[] state = reader.Values<T>(stateLength, "optimizer state", exact: true);
        T[] best = reader.Values<T>(parameterCount, "best parameters", exact: false);
        reader.End();
        return new TrainingCheckpoint<T> { Settings = settings, Parameters = parameters, OptimizerState = state, BestParameters = best };
    }

    private static Dictionary<string, string> ParseSettings(ReadOnlySpan<byte> bytes, Func<string, InvalidDataException> fail)
    {
        var settings = new Dictionary<string, string>();
        foreach (string line in Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = line.IndexOf('=');
            if (equals <= 0)
                throw fail($"its settings line \"{line}\" is not key=value");
            settings[line[..equals]] = line[(equals + 1)..];
        }

        return settings;
    }

    /// <summary>The training options' first item, <c>Epochs = N</c>, as N and the options after it.</summary>
    private static (string Epochs, string Others) SplitEpochs(string options)
    {
        const string Prefix = "Epochs = ";
        int comma = options.IndexOf(", ", StringComparison.Ordinal);
        return options.StartsWith(Prefix, StringComparison.Ordinal) && comma > Prefix.Length
            ? (options[Prefix.Length..comma], options[comma..])
            : ("", options);
    }

    private static void WriteInt32(Stream stream, Span<byte> field, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(field, value);
        stream.Write(field);
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>Reads the checksummed body, turning every overrun into a clear error.</summary>
    private sealed class BodyReader(ArraySegment<byte> body, Func<string, InvalidDataException> fail)
    {
        private int _offset;

        public int Int32()
        {
            if (body.Count - _offset < 4)
                throw fail("it ends in the middle of a field");
            int value = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(_offset));
            _offset += 4;
            return value;
        }

        public ReadOnlySpan<byte> Bytes(int count, int limit, string what)
        {
            if (count < 0 || count > limit || body.Count - _offset < count)
                throw fail($"its {what} length {count} does not fit the file");
            ReadOnlySpan<byte> bytes = body.AsSpan(_offset, count);
            _offset += count;
            return bytes;
        }

        public TValue[] Values<TValue>(int expected, string what, bool exact) where TValue : unmanaged
        {
            int count = Int32();
            if (count != expected && (exact || count != 0))
                throw fail($"it holds {Counted.Of(count, "value")} of {what}; this run has {expected}");
            int size = System.Runtime.CompilerServices.Unsafe.SizeOf<TValue>();
            ReadOnlySpan<byte> bytes = Bytes(checked(count * size), int.MaxValue, what);
            var values = new TValue[count];
            ParameterBytes.Read(bytes, values.AsSpan());
            return values;
        }

        public void End()
        {
            if (_offset != body.Count)
                throw fail($"it has {body.Count - _offset} unexpected bytes after its last array");
        }
    }
}
