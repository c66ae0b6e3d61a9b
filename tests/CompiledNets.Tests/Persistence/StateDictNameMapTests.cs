using CompiledNets.Persistence;
using CompiledNets.Tests.Networks;

namespace CompiledNets.Tests.Persistence;

/// <summary>
/// The map from layers to PyTorch module names: names a state_dict can have are taken, including the empty name of a
/// model that is a single layer; a map that would give two layers one tensor name, or a name that is not a module
/// path, is refused before anything is written or loaded. LinearChainNet's default module names are 0, 1 and 3.
/// </summary>
public sealed class StateDictNameMapTests : IDisposable
{
    private const string Chain = "3 -> Dense(4, Linear) -> Dense(2, Tanh, no bias) -> Dense(1, Linear)";
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Two_layers_given_one_module_name_are_refused_before_anything_is_written()
    {
        var map = new Dictionary<string, string> { ["Layer1"] = "fc", ["Layer3"] = "fc" };
        var network = new LinearChainNet();

        foreach (Action call in new Action[]
        {
            () => StateDict.SaveNpz(network, _directory.File("chain.npz"), map),
            () => StateDict.SaveSafetensors(network, _directory.File("chain.safetensors"), map),
            () => StateDict.Describe<LinearChainNet, double>(map),
        })
        {
            var error = Assert.Throws<ArgumentException>(call);
            Assert.Equal("moduleNames", error.ParamName);
            Assert.StartsWith(
                $"The name map gives layer 1 (Layer1, Dense) and layer 3 (Layer3, Dense) of {Chain} the same tensor name 'fc.weight'. " +
                "Give each layer a module name of its own.", error.Message);
        }

        Assert.Empty(_directory.FileNames());
    }

    [Fact]
    public void A_module_name_that_is_another_layers_default_is_refused()
    {
        // Layer 2's default is 1: saving would write two tensors '1.weight', and loading would look for one in both layers.
        var error = Assert.Throws<ArgumentException>(
            () => StateDict.Describe<LinearChainNet, double>(new Dictionary<string, string> { ["Layer3"] = "1" }));

        Assert.StartsWith($"The name map gives layer 2 (Layer2, Dense) and layer 3 (Layer3, Dense) of {Chain} the same tensor name '1.weight'.",
            error.Message);
    }

    [Fact]
    public void The_empty_module_name_gives_the_names_of_a_model_that_is_one_layer()
    {
        // torch.nn.Linear(3, 4).state_dict() holds "weight" and "bias".
        var map = new Dictionary<string, string> { ["0"] = "" };
        var network = new LinearChainNet();
        network.InitializeParameters(seed: 4);
        string path = _directory.File("chain.safetensors");

        StateDict.SaveSafetensors(network, path, map);
        var loaded = new LinearChainNet();
        StateDict.LoadSafetensors(loaded, path, map);

        Assert.Equal(["weight [4, 3]", "bias [4]", "1.weight [2, 4]", "3.weight [1, 2]", "3.bias [1]"], StateDict.Describe<LinearChainNet, double>(map));
        Assert.Equal(network.Parameters.ToArray(), loaded.Parameters.ToArray());
    }

    [Theory]
    [InlineData("../../evil")]
    [InlineData("encoder/fc1")]
    [InlineData("encoder\\fc1")]
    [InlineData("fc1.")]
    [InlineData(".fc1")]
    [InlineData("encoder..fc1")]
    public void A_module_name_that_is_not_a_dotted_path_is_refused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => StateDict.SaveNpz(
            new LinearChainNet(), _directory.File("chain.npz"), new Dictionary<string, string> { ["Layer1"] = name }));

        Assert.StartsWith(
            $"The name map gives layer 'Layer1' the module name '{name}', which is not a PyTorch module path: use names joined by dots, " +
            "without slashes, such as 'fc1' or 'encoder.fc1' (or \"\" for a model that is a single layer).", error.Message);
        Assert.Empty(_directory.FileNames());
    }

    [Fact]
    public void A_module_name_too_long_for_a_zip_entry_is_refused_naming_the_map_before_anything_is_written()
    {
        // The zip writer threw "Entry names cannot require more than 2^16 bits", naming neither the file nor the layer.
        string name = new('m', 70_000);

        var error = Assert.Throws<ArgumentException>(() => StateDict.SaveNpz(
            new LinearChainNet(), _directory.File("chain.npz"), new Dictionary<string, string> { ["Layer1"] = name }));

        Assert.Equal("moduleNames", error.ParamName);
        Assert.StartsWith($"The name map makes tensor '{new string('m', 40)}...' 70,011 bytes long as a .npz entry ('.npy' included), " +
            "more than the 65,535 a ZIP entry name holds. Give its layer a shorter module name.", error.Message);
        Assert.Empty(_directory.FileNames());
    }
}
