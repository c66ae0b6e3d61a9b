namespace CompiledNets.Tests.Persistence;

/// <summary>A fresh directory under the system temp folder, deleted with everything in it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() =>
        Path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "compilednets-" + Guid.NewGuid().ToString("N"))).FullName;

    public string Path { get; }

    /// <summary>The full path of <paramref name="name"/> inside this directory.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The names of all files (including hidden temporary ones) in this directory.</summary>
    public string[] FileNames() => Directory.GetFileSystemEntries(Path).Select(System.IO.Path.GetFileName).Order().ToArray()!;

    public void Dispose()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
