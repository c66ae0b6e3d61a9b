using System.IO.Compression;
using System.Numerics;
using System.Text.Json;
using CompiledNets.Data;
using CompiledNets.Persistence;
using CompiledNets.Tests.Data;
using CompiledNets.Tests.Networks;

namespace CompiledNets.Tests.Persistence;

/// <summary>
/// A 784-32-10 network trained in PyTorch (Fixtures/torch_state_dict.py), imported from the .npz and .safetensors
/// files it saved: predictions on 100 test digits equal PyTorch's to 1e-5, and an export writes the same .npy bytes
/// as numpy.savez.
/// </summary>
public sealed class StateDictPyTorchTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Persistence", "Fixtures", name);

    [Fact]
    public void Npz_from_PyTorch_predicts_as_PyTorch()
    {
        var network = new Digits32Net();
        StateDict.LoadNpz(network, Fixture("digits32.npz"));
        AssertPredictsAsPyTorch<Digits32Net, float>(network);
    }

    [Fact]
    public void Safetensors_from_PyTorch_predicts_as_PyTorch()
    {
        var network = new Digits32Net();
        StateDict.LoadSafetensors(network, Fixture("digits32.safetensors"));
        AssertPredictsAsPyTorch<Digits32Net, float>(network);
    }

    [Fact]
    public void Float32_tensors_load_into_a_double_network()
    {
        var network = new Digits32NetDouble();
        StateDict.LoadNpz(network, Fixture("digits32.npz"));
        AssertPredictsAsPyTorch<Digits32NetDouble, double>(network);
    }

    [Fact]
    public void A_name_map_reads_other_module_names_by_layer_name_or_module_number()
    {
        var byLayerName = new Digits32Net();
        StateDict.LoadNpz(byLayerName, Fixture("digits32_fc.npz"), new Dictionary<string, string> { ["Hidden"] = "fc1", ["Output"] = "fc2" });
        var byModuleNumber = new Digits32Net();
        StateDict.LoadNpz(byModuleNumber, Fixture("digits32_fc.npz"), new Dictionary<string, string> { ["0"] = "fc1", ["2"] = "fc2" });
        var plain = new Digits32Net();
        StateDict.LoadNpz(plain, Fixture("digits32.npz"));

        Assert.Equal(plain.Parameters.ToArray(), byLayerName.Parameters.ToArray());
        Assert.Equal(plain.Parameters.ToArray(), byModuleNumber.Parameters.ToArray());
    }

    [Fact]
    public void Exported_npz_holds_the_bytes_numpy_savez_wrote()
    {
        var network = new Digits32Net();
        StateDict.LoadNpz(network, Fixture("digits32.npz"));
        using var directory = new TempDirectory();
        StateDict.SaveNpz(network, directory.File("out.npz"));

        Dictionary<string, byte[]> numpy = Entries(Fixture("digits32.npz"));
        Dictionary<string, byte[]> ours = Entries(directory.File("out.npz"));
        Assert.Equal(["0.weight.npy", "0.bias.npy", "2.weight.npy", "2.bias.npy"], ours.Keys);
        foreach ((string name, byte[] bytes) in numpy)
            Assert.True(bytes.AsSpan().SequenceEqual(ours[name]), $"{name} differs from numpy's");
    }

    [Fact]
    public void Exported_safetensors_reload_bit_for_bit()
    {
        var network = new Digits32Net();
        StateDict.LoadSafetensors(network, Fixture("digits32.safetensors"));
        using var directory = new TempDirectory();
        StateDict.SaveSafetensors(network, directory.File("out.safetensors"));
        var reloaded = new Digits32Net();
        StateDict.LoadSafetensors(reloaded, directory.File("out.safetensors"));

        Assert.Equal(network.Parameters.ToArray(), reloaded.Parameters.ToArray());
    }

    private static Dictionary<string, byte[]> Entries(string path)
    {
        using ZipArchive archive = ZipFile.OpenRead(path);
        return archive.Entries.ToDictionary(entry => entry.FullName, entry =>
        {
            using var copy = new MemoryStream();
            using (Stream stream = entry.Open())
                stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    private static void AssertPredictsAsPyTorch<TNet, T>(TNet network)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using JsonDocument fixture = JsonDocument.Parse(File.ReadAllText(Fixture("torch_state_dict.json")));
        double[] expected = fixture.RootElement.GetProperty("outputs").EnumerateArray().Select(value => value.GetDouble()).ToArray();
        int first = fixture.RootElement.GetProperty("first_test_image").GetInt32();
        (string images, string labels) = IdxTestFiles.EmbeddedDigits();
        Dataset<T> digits = MnistDataset.Load<T>(images, labels);

        var output = new T[TNet.OutputSize];
        for (int n = 0; n < expected.Length / TNet.OutputSize; n++)
        {
            network.Predict(digits.Input(first + n), output);
            for (int k = 0; k < output.Length; k++)
            {
                double want = expected[n * TNet.OutputSize + k];
                Assert.True(Math.Abs(double.CreateChecked(output[k]) - want) <= 1e-5,
                    $"image {first + n}, output {k}: {output[k]} against PyTorch's {want}");
            }
        }
    }
}
