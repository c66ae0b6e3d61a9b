namespace CompiledNets.Persistence;

/// <summary>
/// Replaces a file so that it holds either its old content or the complete new content, never a partial write:
/// the content goes to a temporary file in the same directory, is flushed to disk, and is then renamed over the
/// target (a rename within one directory replaces the target atomically).
/// </summary>
internal static class AtomicFile
{
    private const int BufferSize = 64 * 1024;

    /// <summary>
    /// Writes the file at <paramref name="path"/> with what <paramref name="writeContent"/> writes to the stream it is
    /// given. If anything throws, the temporary file is deleted, any previous file at <paramref name="path"/> is left
    /// untouched, and the exception propagates.
    /// </summary>
    public static void Write(string path, Action<Stream> writeContent)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(writeContent);
        string fullPath = Path.GetFullPath(path);
        string fileName = Path.GetFileName(fullPath);
        string? directory = Path.GetDirectoryName(fullPath);
        if (fileName.Length == 0 || directory is null)
            throw new ArgumentException($"'{path}' does not name a file.", nameof(path));
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Cannot write '{fullPath}': the directory '{directory}' does not exist.");
        if (Directory.Exists(fullPath))
            throw new IOException($"Cannot write '{fullPath}': it is a directory.");

        string tempPath = Path.Combine(directory, $".{fileName}.{Path.GetRandomFileName()}.tmp");
        bool tempCreated = false;
        bool moved = false;
        try
        {
            // CreateNew: never open (and later delete) a file that someone else created under the same name.
            using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize))
            {
                tempCreated = true;
                writeContent(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tempPath, fullPath, overwrite: true);
            moved = true;
        }
        finally
        {
            if (tempCreated && !moved)
                TryDelete(tempPath);
        }
    }

    // Best effort: a failure to clean up must not hide the exception that made the write fail.
    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
