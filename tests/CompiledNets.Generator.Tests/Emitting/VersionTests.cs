using CompiledNets.Generator.Emit;

namespace CompiledNets.Generator.Tests.Emitting;

/// <summary>One version number: Directory.Build.props sets it, and the generated headers state the runtime's.</summary>
public sealed class VersionTests
{
    [Fact]
    public void Generated_files_state_the_version_the_runtime_carries()
    {
        string runtime = typeof(NetworkAttribute).Assembly.GetName().Version!.ToString(3);

        Assert.Equal(runtime, FileHeader.GeneratorVersion);
        Assert.NotEqual("0.0.0", runtime);
        Assert.Contains($"\"{runtime}\"", FileHeader.GeneratedCodeAttribute);
    }
}
