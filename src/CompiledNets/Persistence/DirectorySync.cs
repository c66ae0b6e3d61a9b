using System.Runtime.InteropServices;

namespace CompiledNets.Persistence;

/// <summary>
/// Flushes a directory's entries to disk. A rename is recorded in the directory, not in the file: until the
/// directory itself is flushed, a power cut after a save can bring back the old name's content (or no file at all).
/// .NET cannot open a directory as a file, so on Linux and macOS this calls the C library's open, fsync and close.
/// On Windows there is nothing to do: NTFS journals the rename with the file system's metadata.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0; // O_RDONLY, the same value on every Unix

    /// <summary>
    /// Flushes <paramref name="directory"/>; returns false if it could not be opened or flushed (some file systems do
    /// not support flushing a directory). The caller's file is already in place either way: this only makes it durable.
    /// </summary>
    public static bool TryFlush(string directory)
    {
        if (OperatingSystem.IsWindows())
            return true;

        try
        {
            int descriptor = Open(directory, ReadOnly);
            if (descriptor < 0)
                return false;
            try
            {
                return Fsync(descriptor) == 0;
            }
            finally
            {
                _ = Close(descriptor);
            }
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // a platform without a C library named libc (browser, some mobile targets)
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
