using System.IO.Compression;
using System.Numerics;
using CompiledNets.Reporting;

namespace CompiledNets.Persistence;

/// <summary>
/// A network's parameters in and out of PyTorch and NumPy: NumPy <c>.npz</c> archives and Hugging Face
/// <c>.safetensors</c> files holding the <c>state_dict</c> of the network's equivalent <c>nn.Sequential</c>.
/// </summary>
/// <remarks>
/// <para>
/// <b>Names.</b> Every layer is a module, and so is every activation other than Linear (PyTorch writes
/// <c>nn.ReLU()</c> as a module of its own), numbered from 0: <c>784 -> Dense(128, Relu) -> Dense(10, Softmax)</c> is
/// <c>nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10), ...)</c>, whose tensors are
/// <c>0.weight [128, 784]</c>, <c>0.bias [128]</c>, <c>2.weight [10, 128]</c> and <c>2.bias [10]</c>. A convolution's
/// weight is <c>[filters, inChannels, kernel, kernel]</c>; pooling and flatten count as modules and hold no tensors.
/// For other names (a model with <c>self.fc1 = nn.Linear(...)</c>), pass a map from the layer's Name or its default
/// module number to the file's prefix: <c>{ ["0"] = "fc1", ["2"] = "fc2" }</c>; the empty name gives <c>weight</c> and
/// <c>bias</c>, as the state_dict of a single <c>nn.Linear</c> names them. Each layer needs a name of its own.
/// </para>
/// <para>
/// <b>Loading</b> is strict, as <c>load_state_dict</c> is: every tensor must be there with its exact shape, and the
/// file may hold no others. The whole file is read and checked before a single parameter changes; any problem is an
/// <see cref="InvalidDataException"/> naming the file, the tensor and what differs. Each .npz entry must match the
/// CRC-32 the archive recorded; .safetensors has no checksum, so a changed value inside its data loads, as in PyTorch.
/// float16, bfloat16, float32 and float64 tensors load into float and double networks alike. <b>Saving</b> writes float32 tensors from a float
/// network and float64 from a double one, atomically (see <see cref="NetworkWeights"/>), and never a diverged network.
/// </para>
/// </remarks>
public static class StateDict
{
    /// <summary>The tensor names and shapes the network saves and expects, in parameter order, e.g. <c>0.weight [128, 784]</c>.</summary>
    public static IReadOnlyList<string> Describe<TNet, T>(IReadOnlyDictionary<string, string>? moduleNames = null)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
        => StateDictLayout.Of<TNet, T>(moduleNames).Select(entry => $"{entry.Name} {entry.Tensor}").ToArray();

    /// <summary>Saves the parameters as a NumPy <c>.npz</c> archive: <c>numpy.load(path)["0.weight"]</c> reads a tensor back.</summary>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite; nothing is written.</exception>
    public static void SaveNpz<TNet, T>(INeuralNetwork<TNet, T> network, string path, IReadOnlyDictionary<string, string>? moduleNames = null)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        IReadOnlyList<StateDictEntry> entries = PrepareSave(network, path, moduleNames);
        foreach (StateDictEntry entry in entries)
        {
            // The zip writer's own message ("Entry names cannot require more than 2^16 bits") named neither file nor layer.
            int bytes = System.Text.Encoding.UTF8.GetByteCount(entry.Name + ".npy");
            if (bytes > ushort.MaxValue)
            {
                throw new ArgumentException(
                    $"The name map makes tensor '{entry.Name[..Math.Min(entry.Name.Length, 40)]}...' {bytes:N0} bytes long as a .npz entry " +
                    $"('.npy' included), more than the {ushort.MaxValue:N0} a ZIP entry name holds. Give its layer a shorter module name.",
                    nameof(moduleNames));
            }
        }

        AtomicFile.Write(path, stream =>
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            foreach (StateDictEntry entry in entries)
            {
                using Stream npy = archive.CreateEntry(entry.Name + ".npy", CompressionLevel.NoCompression).Open();
                NpyFormat.Write<T>(npy, entry.Tensor.Slice(network.Parameters), entry.Tensor.Shape);
            }
        });
    }

    /// <summary>Loads the parameters from a NumPy <c>.npz</c> archive (as <c>numpy.savez</c> or <see cref="SaveNpz"/> write it).</summary>
    /// <exception cref="InvalidDataException">The file does not hold exactly this network's tensors; the parameters are unchanged.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    public static void LoadNpz<TNet, T>(INeuralNetwork<TNet, T> network, string path, IReadOnlyDictionary<string, string>? moduleNames = null)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        ThrowIfDirectory(fullPath, "a NumPy .npz archive");
        Apply(network, NpzFormat.Read(fullPath, MostBytes<TNet, T>()), fullPath, moduleNames);
    }

    /// <summary>Saves the parameters as a <c>.safetensors</c> file (<c>safetensors.torch.load_file(path)</c> reads it).</summary>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite; nothing is written.</exception>
    public static void SaveSafetensors<TNet, T>(INeuralNetwork<TNet, T> network, string path, IReadOnlyDictionary<string, string>? moduleNames = null)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        IReadOnlyList<StateDictEntry> entries = PrepareSave(network, path, moduleNames);
        var tensors = new List<SafetensorsFormat.Tensor>(entries.Count);
        foreach (StateDictEntry entry in entries)
        {
            Span<T> values = entry.Tensor.Slice(network.Parameters);
            byte[] data = new byte[values.Length * WeightsFileFormat.ElementSizeOf<T>()];
            ParameterBytes.Write<T>(values, data);
            tensors.Add(new SafetensorsFormat.Tensor(entry.Name, entry.Tensor.Shape, data, IsDouble: typeof(T) == typeof(double)));
        }

        AtomicFile.Write(path, stream => SafetensorsFormat.Write(stream, tensors));
    }

    /// <summary>Loads the parameters from a <c>.safetensors</c> file.</summary>
    /// <exception cref="InvalidDataException">The file does not hold exactly this network's tensors; the parameters are unchanged.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    public static void LoadSafetensors<TNet, T>(INeuralNetwork<TNet, T> network, string path, IReadOnlyDictionary<string, string>? moduleNames = null)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        ThrowIfDirectory(fullPath, "a .safetensors file");
        long most = SafetensorsFormat.MostHeaderBytes + MostBytes<TNet, T>();
        Apply(network, SafetensorsFormat.Read(ReadAtMost<TNet, T>(fullPath, most), fullPath), fullPath, moduleNames);
    }

    /// <summary>
    /// The file's bytes, refused past <paramref name="most"/>: a regular file by its length, before anything is read; a
    /// pipe or device, which states no length, as soon as it goes past (reading <c>/dev/zero</c> to its end filled the
    /// memory).
    /// </summary>
    private static byte[] ReadAtMost<TNet, T>(string fullPath, long most)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using FileStream stream = File.OpenRead(fullPath);
        long length = stream.CanSeek ? stream.Length : 0;
        if (length > most)
            throw TooLarge<TNet, T>(fullPath, $"is {length:N0} bytes", $" ({most:N0} bytes)");
        var content = new MemoryStream((int)length);
        byte[] chunk = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (content.Length + read > most)
                throw TooLarge<TNet, T>(fullPath, $"goes on past {most:N0} bytes", "");
            content.Write(chunk, 0, read);
        }

        return content.ToArray();
    }

    private static InvalidDataException TooLarge<TNet, T>(string fullPath, string size, string most)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
        => new($"'{fullPath}' {size}, more than a .safetensors file of the {Counted.Grouped(TNet.ParameterCount, "parameter")} of " +
               $"{TNet.Architecture} can be{most}: it holds other tensors, or is not a .safetensors file.");

    /// <summary>As <see cref="NetworkWeights.Load{TNet, T}(INeuralNetwork{TNet, T}, string)"/> says it: the reads would say "access denied" or "not found".</summary>
    private static void ThrowIfDirectory(string fullPath, string what)
    {
        if (Directory.Exists(fullPath))
            throw new InvalidDataException($"'{fullPath}' is a directory, not {what}.");
    }

    private static IReadOnlyList<StateDictEntry> PrepareSave<TNet, T>(
        INeuralNetwork<TNet, T> network, string path, IReadOnlyDictionary<string, string>? moduleNames)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        WeightsFileFormat.ElementSizeOf<T>();
        NetworkWeights.CheckFinite(network, path);
        return StateDictLayout.Of<TNet, T>(moduleNames);
    }

    /// <summary>
    /// The most tensor data a file for this network can hold: every parameter as float64. Files above it are refused
    /// before their data is read, so a wrong multi-gigabyte file costs nothing.
    /// </summary>
    private static long MostBytes<TNet, T>()
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
        => 8L * TNet.ParameterCount;

    /// <summary>Checks every tensor against the network, converts into a copy, and only then replaces the parameters.</summary>
    private static void Apply<TNet, T>(
        INeuralNetwork<TNet, T> network, List<StoredTensor> tensors, string path, IReadOnlyDictionary<string, string>? moduleNames)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        IReadOnlyList<StateDictEntry> entries = StateDictLayout.Of<TNet, T>(moduleNames);
        var byName = new Dictionary<string, StoredTensor>(StringComparer.Ordinal);
        foreach (StoredTensor tensor in tensors)
        {
            if (!byName.TryAdd(tensor.Name, tensor))
                throw new InvalidDataException($"'{path}' holds tensor '{tensor.Name}' twice.");
        }

        var staged = new T[TNet.ParameterCount];
        network.Parameters.CopyTo(staged);
        foreach (StateDictEntry entry in entries)
        {
            if (!byName.TryGetValue(entry.Name, out StoredTensor? stored))
            {
                throw new InvalidDataException(
                    $"'{path}' has no tensor '{entry.Name}' {entry.Tensor} for {entry.LayerText} of {TNet.Architecture}. It holds " +
                    $"{Listing(tensors)}. If the names differ, pass a map from layer to module name, e.g. {{ [\"{entry.Layer.Name}\"] = \"fc1\" }}.");
            }

            if (!stored.Shape.SequenceEqual(entry.Tensor.Shape))
            {
                throw new InvalidDataException(
                    $"'{path}' has tensor '{entry.Name}' of shape {stored.ShapeText}; {entry.LayerText} of {TNet.Architecture} " +
                    $"needs {entry.Tensor}.");
            }

            Span<T> destination = entry.Tensor.Slice<T>(staged);
            stored.CopyTo(destination);
            int bad = FirstNonFinite<T>(destination);
            if (bad >= 0)
                throw new InvalidDataException($"'{path}' has tensor '{entry.Name}' with value {destination[bad]} at index {bad}: a diverged network cannot be loaded.");
        }

        string[] unexpected = byName.Keys.Except(entries.Select(entry => entry.Name)).ToArray();
        if (unexpected.Length > 0)
        {
            throw new InvalidDataException(
                $"'{path}' holds {StateDictLayout.Quote(unexpected)}, which {TNet.Architecture} has no place for (it expects " +
                $"{StateDictLayout.Quote(entries.Select(entry => entry.Name))}): it was saved from another network.");
        }

        staged.CopyTo(network.Parameters);
    }

    private static int FirstNonFinite<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int k = 0; k < values.Length; k++)
        {
            if (!T.IsFinite(values[k]))
                return k;
        }

        return -1;
    }

    private static string Listing(List<StoredTensor> tensors)
        => tensors.Count == 0 ? "no tensors" : string.Join(", ", tensors.Select(tensor => $"'{tensor.Name}' {tensor.ShapeText}"));
}
