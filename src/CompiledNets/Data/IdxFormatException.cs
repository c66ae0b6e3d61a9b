namespace CompiledNets.Data;

/// <summary>
/// An IDX file (the MNIST format) that cannot be read: not an IDX file of the expected kind, an unsupported value
/// type, a header or data of the wrong length, or corrupt gzip compression. The message names the file, says what
/// is wrong and what was expected.
/// </summary>
/// <remarks>
/// A <see cref="FormatException"/> (<see cref="InvalidDataException"/> is sealed); corrupt gzip data, which .NET
/// reports as <see cref="InvalidDataException"/>, arrives here as the <see cref="Exception.InnerException"/>.
/// </remarks>
public sealed class IdxFormatException : FormatException
{
    /// <summary>Creates the exception with a message that names the file and the problem.</summary>
    /// <param name="message">What is wrong and what was expected, naming the file.</param>
    /// <param name="filePath">The file with the problem, or <see langword="null"/> when it spans two files.</param>
    /// <param name="innerException">The lower-level failure that revealed the problem, if any.</param>
    public IdxFormatException(string message, string? filePath = null, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The file with the problem, or <see langword="null"/> when it spans two files (e.g. an image file
    /// and a label file that disagree on the number of examples).</summary>
    public string? FilePath { get; }
}
