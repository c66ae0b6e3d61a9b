using System.Runtime.InteropServices;

namespace CompiledNets.Persistence;

/// <summary>
/// Whether a path on Linux or macOS names a device, a FIFO or a socket, which .NET cannot say: FileInfo reports them
/// as normal files and UnixFileMode holds only the permission bits (dotnet/runtime#85148). A save renames a new file
/// into its target's place, so without this check it would replace <c>/dev/null</c> (as root) or a FIFO with a
/// regular file.
/// </summary>
internal static partial class UnixFileType
{
    private const int TypeMask = 0xF000, Fifo = 0x1000, CharacterDevice = 0x2000, BlockDevice = 0x6000, Socket = 0xC000;

    /// <summary>
    /// "a character device", "a block device", "a FIFO (named pipe)" or "a socket" for what <paramref name="path"/> names
    /// (following symbolic links); null for a regular file, a directory, a missing path, or where it cannot tell.
    /// </summary>
    public static string? DescribeSpecialFile(string path)
    {
        if (OperatingSystem.IsWindows())
            return null;

        try
        {
            if (Stat(path, out FileStatus status) != 0)
                return null;
            return (status.Mode & TypeMask) switch
            {
                CharacterDevice => "a character device",
                BlockDevice => "a block device",
                Fifo => "a FIFO (named pipe)",
                Socket => "a socket",
                _ => null,
            };
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return null; // a runtime without this shim (browser, WASI): the save goes ahead as before
        }
    }

    // The runtime's own native shim, which File and FileStream call. Unlike the C library's stat, whose layout differs
    // between Linux, macOS and processors, its result starts with Flags and Mode on every Unix (src/native/libs/System.Native/pal_io.h).
    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, out FileStatus status);

    [StructLayout(LayoutKind.Sequential, Size = 256)] // room for the fields after Mode, which this does not read
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
    }
}
