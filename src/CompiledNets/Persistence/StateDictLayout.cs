using System.Numerics;

namespace CompiledNets.Persistence;

/// <summary>One named tensor of a state_dict and the layer it belongs to.</summary>
internal sealed record StateDictEntry(string Name, ParameterTensor Tensor, int LayerNumber, NetworkLayer Layer)
{
    /// <summary>"layer 1 (Hidden, Dense)", for messages.</summary>
    public string LayerText => $"layer {LayerNumber} ({Layer.Name}, {Layer.Kind})";
}

/// <summary>
/// The tensor names a PyTorch <c>state_dict</c> of the network's equivalent <c>nn.Sequential</c> has: every layer is
/// a module, and so is every activation other than Linear (a module of its own in PyTorch, <c>nn.ReLU()</c>), so
/// 784 -> Dense(128, Relu) -> Dense(10, Softmax) is <c>nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10),
/// nn.Softmax(1))</c> with tensors <c>0.weight</c>, <c>0.bias</c>, <c>2.weight</c>, <c>2.bias</c>.
/// </summary>
internal static class StateDictLayout
{
    public static IReadOnlyList<StateDictEntry> Of<TNet, T>(IReadOnlyDictionary<string, string>? moduleNames)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        IReadOnlyList<NetworkLayer> layers = TNet.Layers;
        var entries = new List<StateDictEntry>();
        var used = new HashSet<string>();
        int module = 0;
        for (int l = 0; l < layers.Count; l++)
        {
            NetworkLayer layer = layers[l];
            string prefix = ModuleName(layer, module, moduleNames, used);
            if (layer.Weights is { } weights)
                entries.Add(new StateDictEntry(TensorName(prefix, "weight"), weights, l + 1, layer));
            if (layer.Biases is { } biases)
                entries.Add(new StateDictEntry(TensorName(prefix, "bias"), biases, l + 1, layer));
            module += layer.Activation == Activation.Linear ? 1 : 2;
        }

        if (moduleNames is not null)
        {
            string[] unused = moduleNames.Keys.Where(key => !used.Contains(key)).ToArray();
            if (unused.Length > 0)
            {
                throw new ArgumentException(
                    $"The name map has {Quote(unused)}, which name no layer with parameters of {TNet.Architecture}. Keys are layer " +
                    $"names ({string.Join(", ", layers.Where(x => x.Weights is not null).Select(x => x.Name))}) or default module " +
                    $"names ({string.Join(", ", DefaultNames<TNet, T>())}).", nameof(moduleNames));
            }
        }

        // Two layers under one name would save a file that cannot be loaded, and load one tensor into both.
        IGrouping<string, StateDictEntry>? shared = entries.GroupBy(entry => entry.Name).FirstOrDefault(group => group.Count() > 1);
        if (shared is not null)
        {
            throw new ArgumentException(
                $"The name map gives {string.Join(" and ", shared.Select(entry => entry.LayerText))} of {TNet.Architecture} the same " +
                $"tensor name '{shared.Key}'. Give each layer a module name of its own.", nameof(moduleNames));
        }

        return entries;
    }

    /// <summary>"fc1.weight"; for the empty module name, "weight", as the state_dict of a model that is a single layer names it.</summary>
    private static string TensorName(string module, string tensor) => module.Length == 0 ? tensor : module + "." + tensor;

    /// <summary>The module prefix: the map's entry for the layer's name or its default index, else the index.</summary>
    private static string ModuleName(NetworkLayer layer, int module, IReadOnlyDictionary<string, string>? map, HashSet<string> used)
    {
        string index = module.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (map is null || layer.Weights is null)
            return index;
        string key = map.ContainsKey(layer.Name) ? layer.Name : index;
        if (!map.TryGetValue(key, out string? name))
            return index;
        used.Add(key);
        if (!IsModulePath(name))
        {
            throw new ArgumentException(
                $"The name map gives layer '{layer.Name}' the module name '{name}', which is not a PyTorch module path: use names joined " +
                "by dots, without slashes, such as 'fc1' or 'encoder.fc1' (or \"\" for a model that is a single layer).", "moduleNames");
        }

        return name;
    }

    /// <summary>"", or names joined by dots without slashes or control characters: what prefixes a state_dict key.</summary>
    private static bool IsModulePath(string? name)
        => name is not null
           && (name.Length == 0 || name.Split('.').All(part => part.Length > 0 && !part.Any(c => c is '/' or '\\' || char.IsControl(c))));

    private static IEnumerable<string> DefaultNames<TNet, T>()
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
        => Of<TNet, T>(null).Select(entry => entry.Name[..entry.Name.IndexOf('.')]).Distinct();

    public static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(name => "'" + name + "'"));
}
