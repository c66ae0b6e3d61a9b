using CompiledNets.Persistence;
using CompiledNets.Tests.Networks;

namespace CompiledNets.Tests.Persistence;

/// <summary>
/// The weights file baked into this test assembly (Fixtures/digits32.weights.txt, an AdditionalFiles item of the
/// test project) is what NetworkWeights.SaveText writes for the network PyTorch trained; set CN_UPDATE_FIXTURES=1 to
/// write it again after a deliberate format change.
/// </summary>
public sealed class BakedWeightsTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Persistence", "Fixtures", name);

    private static Digits32Net FromPyTorch()
    {
        var network = new Digits32Net();
        StateDict.LoadNpz(network, Fixture("digits32.npz"));
        return network;
    }

    [Fact]
    public void The_baked_file_is_what_SaveText_writes_today()
    {
        string committed = Path.Combine(IdxTestFilesRoot(), "tests", "CompiledNets.Tests", "Persistence", "Fixtures", "digits32.weights.txt");
        if (Environment.GetEnvironmentVariable("CN_UPDATE_FIXTURES") == "1")
            NetworkWeights.SaveText(FromPyTorch(), committed);
        using var directory = new TempDirectory();
        NetworkWeights.SaveText(FromPyTorch(), directory.File("now.weights.txt"));

        Assert.Equal(File.ReadAllText(committed), File.ReadAllText(directory.File("now.weights.txt")));
    }

    [Fact]
    public void CreatePretrained_holds_the_saved_parameters_and_predicts_bit_for_bit_the_same()
    {
        Digits32Net loaded = FromPyTorch();
        Digits32Baked baked = Digits32Baked.CreatePretrained();

        Assert.Equal(loaded.Parameters.ToArray(), baked.Parameters.ToArray());
        (string images, string labels) = Data.IdxTestFiles.EmbeddedDigits();
        CompiledNets.Data.Dataset<float> digits = CompiledNets.Data.MnistDataset.Load<float>(images, labels);
        var fromFile = new float[10];
        var fromAssembly = new float[10];
        for (int n = 8000; n < 8100; n++)
        {
            loaded.Predict(digits.Input(n), fromFile);
            baked.Predict(digits.Input(n), fromAssembly);
            Assert.Equal(fromFile, fromAssembly);
        }
    }

    [Fact]
    public void Each_CreatePretrained_call_returns_a_new_network()
    {
        Digits32Baked first = Digits32Baked.CreatePretrained();
        first.Parameters.Clear();

        Assert.NotEqual(0f, Digits32Baked.CreatePretrained().Parameters[0]);
    }

    private static string IdxTestFilesRoot() => Data.IdxTestFiles.RepositoryRoot();
}
