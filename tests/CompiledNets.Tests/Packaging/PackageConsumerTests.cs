using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using CompiledNets.Tests.Samples;

namespace CompiledNets.Tests.Packaging;

/// <summary>
/// The package as a user gets it: packed into a folder feed, then referenced by a brand-new console project outside
/// the repository that has only that feed as a package source and a package cache of its own (so no stale copy of
/// the same version can hide a change). The project's program is the package readme's own example.
/// </summary>
public sealed partial class PackageConsumerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("compilednets-package-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Version => typeof(NetworkAttribute).Assembly.GetName().Version!.ToString(3);

    [Fact]
    public void A_new_console_project_referencing_only_the_package_builds_with_no_warning_and_runs_the_readme_example()
    {
        string root = SampleProgram.RepositoryRoot();
        string feed = Directory.CreateDirectory(Path.Combine(_directory, "feed")).FullName;
        SampleProgram.Result pack = SampleProgram.Dotnet(root, "pack", "src/CompiledNets", "-c", "Release", "-o", feed);
        Assert.True(pack.ExitCode == 0, pack.Output + pack.Errors);
        string package = Path.Combine(feed, $"CompiledNets.{Version}.nupkg");
        AssertPackageContents(package);

        string app = Directory.CreateDirectory(Path.Combine(_directory, "app")).FullName;
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="CompiledNets" Version="{Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), ReadmeExample(Path.Combine(root, "src", "CompiledNets", "PACKAGE.md")));
        var ownCache = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_directory, "packages") };

        SampleProgram.Result run = SampleProgram.Dotnet(app, ownCache, "run", "-c", "Release");

        Assert.True(run.ExitCode == 0, run.Output + run.Errors);
        double prediction = double.Parse(run.Output.Trim().Split('\n')[^1], CultureInfo.InvariantCulture);
        Assert.InRange(prediction, 0.8, 1.0); // XOR of (1, 0): trained toward 1
        Assert.True(File.Exists(Path.Combine(_directory, "packages", "compilednets", Version, $"compilednets.{Version}.nupkg")),
            "the package did not restore into the project's own cache");
        string generated = Directory.EnumerateFiles(Path.Combine(app, "obj"), "XorNetwork.Network.g.cs", SearchOption.AllDirectories).Single();
        Assert.Contains($"// CompiledNets.Generator {Version} -- ", File.ReadAllText(generated));

        // A native AOT publish for x64 that has not chosen an instruction set is told what the default costs (CN0500,
        // before publishing, so its target alone shows it); one that has chosen hears nothing.
        string[] check = ["msbuild", "-t:CompiledNetsCheckInstructionSet", "-p:PublishAot=true", "-p:RuntimeIdentifier=linux-x64"];
        SampleProgram.Result unchosen = SampleProgram.Dotnet(app, ownCache, check);
        Assert.Contains("warning CN0500: Native AOT targets x86-64-v2 unless told otherwise", unchosen.Output);
        SampleProgram.Result chosen = SampleProgram.Dotnet(app, ownCache, [.. check, "-p:IlcInstructionSet=x86-64-v3"]);
        Assert.True(chosen.ExitCode == 0, chosen.Output + chosen.Errors);
        Assert.DoesNotContain("CN0500", chosen.Output);
    }

    private static void AssertPackageContents(string package)
    {
        using ZipArchive archive = ZipFile.OpenRead(package);
        string[] entries = archive.Entries.Select(entry => entry.FullName).ToArray();
        Assert.Contains("analyzers/dotnet/cs/CompiledNets.Generator.dll", entries);
        Assert.Contains("lib/net10.0/CompiledNets.dll", entries);
        Assert.Contains("PACKAGE.md", entries);
        Assert.Contains("buildTransitive/CompiledNets.targets", entries);
        using var nuspec = new StreamReader(archive.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        string metadata = nuspec.ReadToEnd();
        Assert.Contains($"<version>{Version}</version>", metadata);
        Assert.Contains("<license type=\"expression\">MIT</license>", metadata);
        Assert.Contains("<readme>PACKAGE.md</readme>", metadata);
        Assert.Contains("<tags>", metadata);
        Assert.True(File.Exists(Path.ChangeExtension(package, ".snupkg")), "no symbols package");
    }

    /// <summary>The package readme's C# block: a whole program (top-level statements, then the network class).</summary>
    private static string ReadmeExample(string readme)
        => CSharpBlock().Match(File.ReadAllText(readme)).Groups["code"].Value;

    [GeneratedRegex(@"```csharp\r?\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
