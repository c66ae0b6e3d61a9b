using CompiledNets.Persistence;

namespace CompiledNets.Tests.Persistence;

/// <summary>A save that fails leaves the previous file byte-identical and no temporary file behind.</summary>
public sealed class NetworkWeightsSaveSafetyTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_save_that_fails_mid_write_keeps_the_previous_file()
    {
        string path = _directory.File("net.cnw");
        NetworkWeights.Save(FakeNetwork<double>.With(1, 2, 3), path);
        byte[] previous = File.ReadAllBytes(path);

        // The real writer, through a stream that fails after 30 bytes; AtomicFile is what Save(path) uses.
        var error = Assert.Throws<IOException>(() => AtomicFile.Write(path,
            stream => NetworkWeights.Save(FakeNetwork<double>.With(4, 5, 6), new FailingStream(stream, failAfterBytes: 30))));

        Assert.Contains("Simulated failure", error.Message);
        Assert.Equal(previous, File.ReadAllBytes(path));
        Assert.Equal(["net.cnw"], _directory.FileNames());
    }

    [Fact]
    public void A_content_writer_that_throws_leaves_no_file_where_there_was_none()
    {
        string path = _directory.File("new.svg");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[100_000]);
            throw new InvalidOperationException("boom");
        }));

        Assert.Empty(_directory.FileNames());
    }

    [Fact]
    public void Saving_into_a_missing_directory_fails_and_creates_nothing()
    {
        string missing = Path.Combine(_directory.Path, "no-such-folder");
        string path = Path.Combine(missing, "net.cnw");

        var error = Assert.Throws<DirectoryNotFoundException>(() => NetworkWeights.Save(FakeNetwork<double>.Create(), path));

        Assert.Contains(missing, error.Message);
        Assert.False(Directory.Exists(missing));
        Assert.Empty(_directory.FileNames());
    }

    [Fact]
    public void Saving_over_a_directory_fails_and_leaves_no_temporary_file()
    {
        string path = _directory.File("taken");
        Directory.CreateDirectory(path);

        Assert.ThrowsAny<IOException>(() => NetworkWeights.Save(FakeNetwork<double>.Create(), path));

        Assert.Equal(["taken"], _directory.FileNames());
        Assert.Empty(Directory.GetFileSystemEntries(path));
    }

    [Fact]
    public void A_successful_save_leaves_only_the_file()
    {
        NetworkWeights.Save(FakeNetwork<float>.Create(), _directory.File("a.cnw"));
        NetworkWeights.Save(FakeNetwork<float>.Create(), _directory.File("a.cnw"));
        NetworkWeights.Save(FakeNetwork<double>.Create(), _directory.File("b.cnw"));

        Assert.Equal(["a.cnw", "b.cnw"], _directory.FileNames());
    }

    [Fact]
    public void The_check_before_a_long_run_finds_what_the_save_would_find_and_writes_nothing()
    {
        string fine = _directory.File("new.cnw");
        string folder = _directory.File("a folder");
        Directory.CreateDirectory(folder);
        string readOnly = _directory.File("protected.cnw");
        File.WriteAllText(readOnly, "kept");
        File.SetAttributes(readOnly, FileAttributes.ReadOnly);

        NetworkWeights.ThrowIfCannotSave(fine);
        var overFolder = Assert.Throws<IOException>(() => NetworkWeights.ThrowIfCannotSave(folder));
        var overReadOnly = Assert.Throws<UnauthorizedAccessException>(() => NetworkWeights.ThrowIfCannotSave(readOnly));
        File.SetAttributes(readOnly, FileAttributes.Normal);

        Assert.Equal($"Cannot write '{folder}': it is a directory.", overFolder.Message);
        Assert.StartsWith($"Cannot write '{readOnly}': the file is read-only", overReadOnly.Message);
        Assert.Equal(["a folder", "protected.cnw"], _directory.FileNames());
        Assert.Equal("kept", File.ReadAllText(readOnly));
    }

    [Fact]
    public void The_check_before_a_long_run_finds_a_folder_that_takes_no_new_files()
    {
        // sysfs takes no new files, even from root (for whom a read-only folder is writable): as a read-only folder or a
        // read-only mount would, it let the check pass and failed only the save, after the training.
        string path = "/sys/net.cnw";

        Exception error = Assert.ThrowsAny<Exception>(() => NetworkWeights.ThrowIfCannotSave(path));

        Assert.True(error is IOException or UnauthorizedAccessException, error.ToString());
        Assert.StartsWith($"Cannot write '{path}': ", error.Message);
        Assert.Contains("'/sys'", error.Message);
    }
}
