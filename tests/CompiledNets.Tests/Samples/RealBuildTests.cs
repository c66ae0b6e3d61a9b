namespace CompiledNets.Tests.Samples;

/// <summary>
/// A project outside the repository built with a real <c>dotnet build</c>, as a user's is: the compiler loads the
/// generator as an analyzer, so a crash in it (CS8785) would drop the code of every network in the project.
/// </summary>
public sealed class RealBuildTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("compilednets-build-").FullName;

    [Fact]
    public void NetworksWhoseNamesDifferOnlyInCase_BuildAndRun_BesideAValidOne()
    {
        string root = SampleProgram.RepositoryRoot();
        File.WriteAllText(Path.Combine(_directory, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{root}/src/CompiledNets/CompiledNets.csproj" />
                <ProjectReference Include="{root}/generator/CompiledNets.Generator/CompiledNets.Generator.csproj"
                                  OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_directory, "Program.cs"), """
            using CompiledNets;

            var good = new Good();
            float[] output = new float[Good.OutputSize];
            good.Predict([0.5f, -0.5f], output);
            System.Console.WriteLine($"good {output.Length} {Model.InputSize} {MODEL.InputSize}");

            [Network][Input(2)][Dense(3, Activation.Tanh)][Dense(1)]
            public partial class Good;

            [Network][Input(4)][Dense(1)]
            public partial class Model;

            [Network][Input(5)][Dense(1)]
            public partial class MODEL;
            """);

        // The runtime and the generator are already built (the test command builds the solution): only the app is compiled.
        SampleProgram.Result result = SampleProgram.Dotnet(_directory, "run", "-c", SampleProgram.Configuration(), "-p:BuildProjectReferences=false");

        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        Assert.Contains("good 1 4 5", result.Output);
        Assert.DoesNotContain("CS8785", result.Output);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
