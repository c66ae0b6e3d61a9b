using System.Numerics;

namespace CompiledNets.Persistence;

/// <summary>
/// Saves a network's parameters to a weights file and loads them back, safely: a save never leaves a half-written
/// file, and a load checks the whole file before it changes a single parameter.
/// </summary>
/// <remarks>
/// <para>
/// The file is little-endian throughout:
/// </para>
/// <list type="table">
/// <listheader><term>Bytes</term><description>Content</description></listheader>
/// <item><term>4</term><description>Magic: the ASCII characters <c>CNW1</c>.</description></item>
/// <item><term>4</term><description>Format version, int32: 1.</description></item>
/// <item><term>4</term><description>Element size, int32: 4 for float parameters, 8 for double.</description></item>
/// <item><term>4</term><description>Parameter count n, int32: <c>TNet.ParameterCount</c>.</description></item>
/// <item><term>4</term><description>Architecture length a in bytes, int32 (0 to 65536).</description></item>
/// <item><term>a</term><description>The architecture string <c>TNet.Architecture</c>, UTF-8.</description></item>
/// <item><term>n × element size</term><description>The parameters in <see cref="INeuralNetwork{TSelf, T}.Parameters"/> order, IEEE 754.</description></item>
/// <item><term>4</term><description>CRC-32 (IEEE, as in zip and PNG), uint32, of every byte before it.</description></item>
/// </list>
/// <para>
/// A file is exactly <c>24 + a + n × element size</c> bytes. Loading rejects, with an
/// <see cref="InvalidDataException"/> whose message names the file, the problem and what was expected: another
/// kind of file, another format version, impossible header values, a truncated file, bytes after the checksum, a
/// checksum mismatch, and then a file that does not fit the network: other precision, parameter count or architecture.
/// </para>
/// </remarks>
public static class NetworkWeights
{
    /// <summary>
    /// Saves the parameters of <paramref name="network"/> to <paramref name="path"/>. The file is written under a
    /// temporary name in the same directory, flushed to disk and then renamed over <paramref name="path"/>; if anything
    /// fails, the temporary file is deleted and a previous file at <paramref name="path"/> is left as it was.
    /// </summary>
    /// <typeparam name="TNet">The network class; inferred from <paramref name="network"/>.</typeparam>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>; inferred from <paramref name="network"/>.</typeparam>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="IOException">The file could not be written, or <paramref name="path"/> names a directory, a device, a FIFO
    /// or a socket, which a save would replace; it is left as it is.</exception>
    /// <exception cref="UnauthorizedAccessException">The file at <paramref name="path"/> is read-only; it is left as it is.</exception>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite (the network diverged); nothing is written.</exception>
    public static void Save<TNet, T>(INeuralNetwork<TNet, T> network, string path)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSavable(network, path);
        AtomicFile.Write(path, stream => WeightsFileWriter.Write<T>(stream, TNet.Architecture, network.Parameters));
    }

    /// <summary>
    /// Throws what a save to <paramref name="path"/> would throw because of the path, and writes nothing: call it
    /// before a long training run that ends in a save, so that a mistyped folder or a read-only file is found before
    /// the training rather than after it. It checks that the directory exists and takes new files, and that nothing at
    /// <paramref name="path"/> would be wrongly replaced (a directory, a device, a read-only file).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The directory of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="IOException"><paramref name="path"/> names a directory, a device, a FIFO or a socket, or the
    /// directory is on a read-only file system.</exception>
    /// <exception cref="UnauthorizedAccessException">The file at <paramref name="path"/> is read-only, or the directory
    /// does not allow new files.</exception>
    public static void ThrowIfCannotSave(string path) => AtomicFile.CheckWritableAhead(path);

    /// <summary>
    /// Saves the weights file of <paramref name="network"/> in text form, for baking into an assembly with
    /// <c>[Network(Weights = "...")]</c>: a source generator reads <c>AdditionalFiles</c> as text, not bytes. The file is
    /// a few comment lines (starting with <c>#</c>) naming the network, then the binary weights file in Base64, 76
    /// characters to a line; the compiler checks it exactly as <see cref="Load{TNet, T}(INeuralNetwork{TNet, T}, string)"/>
    /// checks a binary file. Written atomically, and never for a diverged network.
    /// </summary>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite; nothing is written.</exception>
    public static void SaveText<TNet, T>(INeuralNetwork<TNet, T> network, string path)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSavable(network, path);
        var binary = new MemoryStream();
        WeightsFileWriter.Write<T>(binary, TNet.Architecture, network.Parameters);
        AtomicFile.Write(path, stream => WeightsTextForm.Write(stream, binary.GetBuffer().AsSpan(0, (int)binary.Length),
            TNet.Architecture, WeightsFileFormat.ElementSizeOf<T>(), TNet.ParameterCount));
    }

    /// <summary>
    /// Writes the weights file of <paramref name="network"/> to <paramref name="destination"/> at its current position.
    /// Unlike <see cref="Save{TNet, T}(INeuralNetwork{TNet, T}, string)"/> this cannot make the write atomic.
    /// </summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static void Save<TNet, T>(INeuralNetwork<TNet, T> network, Stream destination)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(destination);
        CheckParameterCount(network);
        CheckFinite(network, "the stream");
        WeightsFileWriter.Write<T>(destination, TNet.Architecture, network.Parameters);
    }

    /// <summary>
    /// Loads the parameters of <paramref name="network"/> from the weights file at <paramref name="path"/>, binary or
    /// in text form (<see cref="SaveText{TNet, T}"/>). The whole file is read and checked first; the parameters are
    /// replaced only if it is valid and was saved from a network of the same architecture and precision.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The file is not a valid weights file for this network; the message says why. The parameters are unchanged.
    /// </exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static void Load<TNet, T>(INeuralNetwork<TNet, T> network, string path)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        WeightsFileFormat.ElementSizeOf<T>();
        CheckParameterCount(network);
        string fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
            throw new InvalidDataException($"'{fullPath}' is a directory, not a weights file.");
        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        Apply(network, WeightsFileReader.Read<T>(WeightsTextForm.AsBinary(stream, fullPath), fullPath, TNet.Architecture, TNet.ParameterCount));
    }

    /// <summary>
    /// Loads the parameters of <paramref name="network"/> from a weights file, binary or in text form, that fills
    /// <paramref name="source"/> from its current position to its end; the stream need not seek. Everything is checked
    /// before the parameters are replaced.
    /// </summary>
    /// <param name="network">The network whose parameters are replaced.</param>
    /// <param name="source">The stream; it is read to its end and not closed.</param>
    /// <param name="sourceName">Names the stream in error messages, e.g. a resource name.</param>
    /// <exception cref="InvalidDataException">
    /// The content is not a valid weights file for this network; the message says why. The parameters are unchanged.
    /// </exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static void Load<TNet, T>(INeuralNetwork<TNet, T> network, Stream source, string sourceName = "stream")
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sourceName);
        CheckParameterCount(network);
        Apply(network, WeightsFileReader.Read<T>(WeightsTextForm.AsBinary(source, sourceName), sourceName, TNet.Architecture, TNet.ParameterCount));
    }

    private static void Apply<TNet, T>(INeuralNetwork<TNet, T> network, T[] parameters)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T> =>
        parameters.CopyTo(network.Parameters);

    /// <summary>Everything a save checks before it creates any file: arguments, element type, size, finite parameters.</summary>
    private static void CheckSavable<TNet, T>(INeuralNetwork<TNet, T> network, string path)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        WeightsFileFormat.ElementSizeOf<T>(); // reject other types before creating any file
        CheckParameterCount(network);
        CheckFinite(network, path);
    }

    // A network whose span disagrees with its declared count would otherwise save a file it cannot load.
    private static void CheckParameterCount<TNet, T>(INeuralNetwork<TNet, T> network)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = network.Parameters.Length;
        if (length != TNet.ParameterCount)
            throw new ArgumentException(
                $"The network exposes {length} parameters but declares ParameterCount = {TNet.ParameterCount}.", nameof(network));
    }

    /// <summary>A diverged network (NaN or infinite parameters) is not saved: nothing is written, and the message says where.</summary>
    internal static void CheckFinite<TNet, T>(INeuralNetwork<TNet, T> network, string destination)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> parameters = network.Parameters;
        for (int k = 0; k < parameters.Length; k++)
        {
            if (!T.IsFinite(parameters[k]))
            {
                throw new InvalidOperationException(
                    $"Parameter {k} of the network ({TNet.Architecture}) is {parameters[k]}: the network diverged, and its weights " +
                    $"were not saved to {destination}. Retrain it (with a smaller learning rate) before saving.");
            }
        }
    }
}
