using CompiledNets.Data;
using CompiledNets.Persistence;
using CompiledNets.Tests.Data;

namespace CompiledNets.Tests.Persistence;

/// <summary>
/// Saving keeps what the file was (a link stays a link, a private file stays private), cleans up after saves that
/// were killed, takes the longest names a file system allows, and reading names a directory as one.
/// </summary>
public sealed class FileSafetyTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Saving_through_a_symbolic_link_replaces_its_target_and_keeps_the_link()
    {
        string target = _directory.File("real.cnw");
        string link = _directory.File("link.cnw");
        NetworkWeights.Save(FakeNetwork<double>.With(1, 2, 3), target);
        File.CreateSymbolicLink(link, target);

        NetworkWeights.Save(FakeNetwork<double>.With(4, 5, 6), link);

        Assert.NotNull(new FileInfo(link).LinkTarget);
        var loaded = FakeNetwork<double>.Create();
        NetworkWeights.Load(loaded, target);
        Assert.Equal([4.0, 5.0, 6.0], loaded.Parameters.ToArray());
    }

    [Fact]
    public void A_read_only_file_is_not_replaced()
    {
        // On Linux the rename replaced a 0444 file without a word (a directory's permission governs a rename), so a
        // protected weights file was lost to the next save; Windows refuses the rename. Both now refuse first.
        string path = _directory.File("protected.cnw");
        NetworkWeights.Save(FakeNetwork<double>.With(1, 2, 3), path);
        File.SetAttributes(path, File.GetAttributes(path) | FileAttributes.ReadOnly);
        byte[] before = File.ReadAllBytes(path);

        var error = Assert.Throws<UnauthorizedAccessException>(() => NetworkWeights.Save(FakeNetwork<double>.With(4, 5, 6), path));

        Assert.Equal($"Cannot write '{path}': the file is read-only, so it is left as it is. Make it writable to replace it, or save to another path.",
            error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_directory.Path));
        File.SetAttributes(path, FileAttributes.Normal); // so that the folder can be removed on Windows
    }

    [Fact]
    public void A_FIFO_is_not_replaced_by_a_regular_file()
    {
        // The rename replaced it, as it would replace /dev/null for a process running as root (it did, in a probe).
        if (OperatingSystem.IsWindows())
            return;
        string path = _directory.File("weights.fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]))
            mkfifo.WaitForExit();

        var error = Assert.Throws<IOException>(() => NetworkWeights.Save(FakeNetwork<double>.With(4, 5, 6), path));

        Assert.Equal($"Cannot write '{path}': it is a FIFO (named pipe), not a regular file, and a save renames a complete new file into its "
                     + "place, which would replace it. It is left as it is: save to a regular file.", error.Message);
        Assert.Equal("a FIFO (named pipe)", UnixFileType.DescribeSpecialFile(path));
        Assert.Equal([path], Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void A_link_to_a_pipe_such_as_dev_stdout_is_refused_naming_the_path_given()
    {
        // /dev/stdout of a piped program: /proc/self/fd/1, a link to "pipe:[...]", which is no path. The save followed it
        // and failed on a made-up file: "Could not find file '/proc/self/fd/.pipe:[1360853].2kntefpv.tfz.tmp'".
        if (!OperatingSystem.IsLinux())
            return;
        using var pipe = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
        string path = $"/proc/self/fd/{pipe.SafePipeHandle.DangerousGetHandle()}";

        var error = Assert.Throws<IOException>(() => NetworkWeights.Save(FakeNetwork<double>.With(4, 5, 6), path));

        Assert.Equal($"Cannot write '{path}': it is a FIFO (named pipe), not a regular file, and a save renames a complete new file into its "
                     + "place, which would replace it. It is left as it is: save to a regular file.", error.Message);
    }

    [Fact]
    public void Devices_are_told_from_regular_files_directories_and_missing_paths()
    {
        if (OperatingSystem.IsWindows())
            return;
        string file = _directory.File("regular.cnw"), link = _directory.File("null-link");
        File.WriteAllText(file, "x");
        File.CreateSymbolicLink(link, "/dev/null");

        Assert.Equal("a character device", UnixFileType.DescribeSpecialFile("/dev/null"));
        Assert.Equal("a character device", UnixFileType.DescribeSpecialFile(link)); // followed, as the save follows it
        Assert.Null(UnixFileType.DescribeSpecialFile(file));
        Assert.Null(UnixFileType.DescribeSpecialFile(_directory.Path));
        Assert.Null(UnixFileType.DescribeSpecialFile(_directory.File("missing")));
    }

    [Fact]
    public void A_directory_is_flushed_after_the_rename_and_a_missing_one_is_reported_as_not_flushed()
    {
        if (OperatingSystem.IsWindows())
            return; // nothing to flush there: NTFS journals the rename
        // The save calls this after its rename; true means the C library's open and fsync both succeeded.
        Assert.True(DirectorySync.TryFlush(_directory.Path));
        Assert.False(DirectorySync.TryFlush(_directory.File("no-such-directory")));
    }

    [Fact]
    public void A_private_file_stays_private_when_it_is_replaced()
    {
        if (OperatingSystem.IsWindows())
            return;
        string path = _directory.File("private.cnw");
        NetworkWeights.Save(FakeNetwork<double>.With(1, 2, 3), path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        NetworkWeights.Save(FakeNetwork<double>.With(4, 5, 6), path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Temporary_files_of_killed_saves_are_removed_once_stale_and_fresh_ones_are_left_alone()
    {
        string path = _directory.File("net.cnw");
        string stale = _directory.File(".net.cnw.abcdefgh.ijk.tmp");
        string fresh = _directory.File(".net.cnw.lmnopqrs.tuv.tmp");
        string other = _directory.File(".other.cnw.abcdefgh.ijk.tmp");
        foreach (string leftover in new[] { stale, fresh, other })
            File.WriteAllBytes(leftover, [1, 2, 3]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-1));
        File.SetLastWriteTimeUtc(other, DateTime.UtcNow.AddHours(-1));

        NetworkWeights.Save(FakeNetwork<double>.With(1, 2, 3), path);

        // The stale one of this file goes; one that a save in progress may be writing stays, as do other files'.
        Assert.Equal([".net.cnw.lmnopqrs.tuv.tmp", ".other.cnw.abcdefgh.ijk.tmp", "net.cnw"], _directory.FileNames());
    }

    [Theory]
    [InlineData(238)]
    [InlineData(255)]
    public void Names_up_to_the_file_systems_limit_can_be_saved(int length)
    {
        string path = _directory.File(new string('w', length - 4) + ".cnw");

        NetworkWeights.Save(FakeNetwork<double>.With(1, 2, 3), path);

        var loaded = FakeNetwork<double>.Create();
        NetworkWeights.Load(loaded, path);
        Assert.Equal([1.0, 2.0, 3.0], loaded.Parameters.ToArray());
        Assert.Single(_directory.FileNames());
    }

    [Fact]
    public void A_failed_save_names_the_file_asked_for()
    {
        string path = _directory.File("net.cnw");

        var error = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream => throw new IOException("disk full")));

        Assert.StartsWith($"Cannot write '{path}': disk full", error.Message);
    }

    [Theory]
    [InlineData(12, 0x01, "truncated, or its header is corrupted")]   // parameter count 3 -> 2: the file looks longer than described
    [InlineData(12, 0x04, "truncated, or its header is corrupted")]   // parameter count 3 -> 7: the file looks cut short
    public void A_bit_flipped_in_the_header_of_a_whole_file_is_not_called_only_truncation(int offset, byte bit, string expected)
    {
        string path = _directory.File("net.cnw");
        NetworkWeights.Save(FakeNetwork<double>.With(1, 2, 3), path);
        byte[] file = File.ReadAllBytes(path);
        file[offset] ^= bit;
        File.WriteAllBytes(path, file);

        var error = Assert.Throws<InvalidDataException>(() => NetworkWeights.Load(FakeNetwork<double>.Create(), path));

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal) || error.Message.Contains("or is its header corrupted?", StringComparison.Ordinal),
            error.Message);
    }

    [Fact]
    public void Loading_a_directory_says_it_is_one()
    {
        string directory = _directory.File("weights");
        Directory.CreateDirectory(directory);

        var weights = Assert.Throws<InvalidDataException>(() => NetworkWeights.Load(FakeNetwork<double>.Create(), directory));
        var images = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(directory));

        Assert.Equal($"'{directory}' is a directory, not a weights file.", weights.Message);
        Assert.Equal($"'{directory}' is a directory, not an IDX image file.", images.Message);
    }

    [Fact]
    public void Images_with_more_pixels_than_an_array_holds_are_refused()
    {
        // 0 images of 65537 x 65535 pixels: the product overflows an int, which used to give a data set of 65536 inputs.
        string path = _directory.File("huge.idx");
        File.WriteAllBytes(path, [0, 0, 8, 3, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xFF]);

        var error = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));

        Assert.Equal($"'{path}' declares images of 65537x65535 pixels, more per image than one array can hold ({Array.MaxLength}).", error.Message);
    }
}
