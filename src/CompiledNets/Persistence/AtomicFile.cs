namespace CompiledNets.Persistence;

/// <summary>
/// Replaces a file so that it holds either its old content or the complete new content, never a partial write:
/// the content goes to a temporary file in the same directory, is flushed to disk, and is then renamed over the
/// target (a rename within one directory replaces the target atomically); the directory is then flushed so that the
/// rename itself survives a power cut. A symbolic link is followed to its target, the replaced file's permissions
/// carry over, and temporary files left by killed saves are cleaned up.
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
        ArgumentNullException.ThrowIfNull(writeContent);
        (string fullPath, string directory, string fileName) = CheckWritable(path);

        string tempPrefix = TempPrefix(fileName);
        RemoveStaleTempFiles(directory, tempPrefix);
        string tempPath = Path.Combine(directory, tempPrefix + Path.GetRandomFileName() + ".tmp");
        bool tempCreated = false;
        bool moved = false;
        try
        {
            // CreateNew: never open (and later delete) a file that someone else created under the same name.
            using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize))
            {
                tempCreated = true;
                KeepPermissions(fullPath, tempPath);
                writeContent(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(tempPath, fullPath, overwrite: true);
            moved = true;
            DirectorySync.TryFlush(directory);
        }
        catch (IOException exception) when (!moved)
        {
            // Name the file the caller asked for, not only the temporary one the error came from.
            throw new IOException($"Cannot write '{fullPath}': {exception.Message} The previous file, if any, is unchanged.", exception);
        }
        finally
        {
            if (tempCreated && !moved)
                TryDelete(tempPath);
        }
    }

    /// <summary>
    /// Throws what <see cref="Write"/> would throw before writing anything: a path that names no file, a missing
    /// directory, a directory, device, FIFO or socket in the file's place, a read-only file. A training run checks its
    /// checkpoint path this way before its first epoch rather than after it.
    /// </summary>
    public static (string FullPath, string Directory, string FileName) CheckWritable(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string requested = Path.GetFullPath(path);
        // Asked of the path as given (stat follows its links): a link may lead to no path at all, as /dev/stdout leads,
        // through /proc/self/fd/1, to "pipe:[1360853]", and the save then failed on a made-up file in /proc/self/fd.
        if (UnixFileType.DescribeSpecialFile(requested) is { } special)
        {
            throw new IOException(
                $"Cannot write '{requested}': it is {special}, not a regular file, and a save renames a complete new file into its place, " +
                "which would replace it. It is left as it is: save to a regular file.");
        }

        string fullPath = FinalTarget(requested);
        string fileName = Path.GetFileName(fullPath);
        string? directory = Path.GetDirectoryName(fullPath);
        if (fileName.Length == 0 || directory is null)
            throw new ArgumentException($"'{path}' does not name a file.", nameof(path));
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Cannot write '{fullPath}': the directory '{directory}' does not exist.");
        if (Directory.Exists(fullPath))
            throw new IOException($"Cannot write '{fullPath}': it is a directory.");
        // The rename would replace a write-protected file on Linux and macOS (Windows refuses): keep the protection.
        if (File.Exists(fullPath) && File.GetAttributes(fullPath).HasFlag(FileAttributes.ReadOnly))
        {
            throw new UnauthorizedAccessException(
                $"Cannot write '{fullPath}': the file is read-only, so it is left as it is. Make it writable to replace it, or save to another path.");
        }

        return (fullPath, directory, fileName);
    }

    /// <summary>
    /// <see cref="CheckWritable"/>, and that the directory takes a new file, as a save's temporary file must: a folder
    /// that is read-only, or on a read-only file system, would otherwise be found only at the save. For checks made long
    /// before the save (a training run's checkpoint path, a program's output paths); nothing is left behind.
    /// </summary>
    public static void CheckWritableAhead(string path)
    {
        (string fullPath, string directory, string fileName) = CheckWritable(path);
        string probe = Path.Combine(directory, TempPrefix(fileName) + Path.GetRandomFileName() + ".tmp");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new UnauthorizedAccessException(
                $"Cannot write '{fullPath}': the directory '{directory}' does not allow new files, and a save writes a new file there first.", exception);
        }
        catch (IOException exception)
        {
            throw new IOException($"Cannot write '{fullPath}': no new file can be made in the directory '{directory}': {exception.Message}", exception);
        }
    }

    /// <summary>A symbolic link is followed to the file it names, which is replaced; the link itself stays a link.</summary>
    private static string FinalTarget(string fullPath)
    {
        var file = new FileInfo(fullPath);
        return file.LinkTarget is null ? fullPath : file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? fullPath;
    }

    /// <summary>
    /// ".name." for the temporary files of "name": short enough that the temporary name (prefix, 12 random characters and
    /// ".tmp") stays within the 255 bytes a file name may have, so names close to that limit can be saved too.
    /// </summary>
    private static string TempPrefix(string fileName)
    {
        const int maxBytes = 255, suffixBytes = 12 + 4, dotsBytes = 2;
        string kept = fileName;
        while (System.Text.Encoding.UTF8.GetByteCount(kept) > maxBytes - suffixBytes - dotsBytes)
            kept = kept[..^1];
        return "." + kept + ".";
    }

    /// <summary>
    /// Temporary files an interrupted save of the same file left behind (a killed process cannot delete them), once they
    /// are old enough that no save can still be writing them.
    /// </summary>
    private static void RemoveStaleTempFiles(string directory, string tempPrefix)
    {
        DateTime staleBefore = DateTime.UtcNow - TimeSpan.FromMinutes(10);
        foreach (string stale in Directory.EnumerateFiles(directory, tempPrefix + "*.tmp"))
        {
            if (File.GetLastWriteTimeUtc(stale) < staleBefore)
                TryDelete(stale);
        }
    }

    /// <summary>The new file gets the permissions of the one it replaces (a private 0600 file stays private).</summary>
    private static void KeepPermissions(string existing, string replacement)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(existing))
            return;
        File.SetUnixFileMode(replacement, File.GetUnixFileMode(existing));
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
