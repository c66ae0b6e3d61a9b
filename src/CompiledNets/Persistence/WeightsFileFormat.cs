using System.Numerics;

namespace CompiledNets.Persistence;

/// <summary>Layout constants of the weights file described on <see cref="NetworkWeights"/>.</summary>
internal static class WeightsFileFormat
{
    /// <summary>The first four bytes of every weights file.</summary>
    public static ReadOnlySpan<byte> Magic => "CNW1"u8;

    /// <summary>The only layout version this library writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>Magic, version, element size, parameter count and architecture length.</summary>
    public const int FixedHeaderSize = 20;

    /// <summary>The CRC-32 at the end of the file.</summary>
    public const int ChecksumSize = 4;

    /// <summary>The smallest possible file: no architecture string, no parameters.</summary>
    public const int MinimumFileSize = FixedHeaderSize + ChecksumSize;

    /// <summary>
    /// Far above any real architecture description; it bounds what a corrupted length field can make the reader
    /// allocate.
    /// </summary>
    public const int MaxArchitectureBytes = 64 * 1024;

    /// <summary>Parameters are converted and hashed in pieces of this size (a multiple of 8, so no value is split).</summary>
    public const int ChunkBytes = 64 * 1024;

    /// <summary>The bytes per parameter of <typeparamref name="T"/>; throws for anything but float and double.</summary>
    public static int ElementSizeOf<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        // typeof comparisons are folded by the JIT and AOT compiler: no reflection at run time.
        if (typeof(T) == typeof(float))
            return sizeof(float);
        if (typeof(T) == typeof(double))
            return sizeof(double);
        throw new NotSupportedException(
            $"Weights files hold float or double parameters; networks with {typeof(T).Name} parameters cannot be saved or loaded.");
    }

    /// <summary>"float (4-byte)" or "double (8-byte)", for messages.</summary>
    public static string DescribeElementSize(int elementSize) =>
        elementSize == sizeof(float) ? "float (4-byte)" : "double (8-byte)";

    /// <summary>Just "float" or "double", for messages.</summary>
    public static string ElementTypeName(int elementSize) => elementSize == sizeof(float) ? "float" : "double";
}
