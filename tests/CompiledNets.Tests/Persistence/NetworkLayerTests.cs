using System.Numerics;
using CompiledNets.Persistence;
using CompiledNets.Tests.Networks;

namespace CompiledNets.Tests.Persistence;

/// <summary>
/// The layer list every generated network carries: its parameter tensors tile Parameters exactly, shapes chain from
/// input to output, and the state_dict names are the ones PyTorch gives the equivalent nn.Sequential.
/// </summary>
public sealed class NetworkLayerTests
{
    [Fact]
    public void Layers_tile_the_parameters_and_chain_their_shapes()
    {
        AssertConsistent<Digits32Net, float>();
        AssertConsistent<LinearChainNet, double>();
        AssertConsistent<HandNoBiasHalfSquaredError, double>();
        AssertConsistent<ConvAgreementNet, double>();
        AssertConsistent<ConvNoBiasAveragePool3, double>();
        AssertConsistent<ConvChainFloat, float>();
        AssertConsistent<FlattenFirst, double>();
    }

    [Fact]
    public void A_dense_networks_layers_say_what_was_declared()
    {
        IReadOnlyList<NetworkLayer> layers = Layers<Digits32Net, float>();

        Assert.Equal(2, layers.Count);
        Assert.Equal((LayerKind.Dense, "Hidden", Activation.Relu), (layers[0].Kind, layers[0].Name, layers[0].Activation));
        Assert.Equal([784], layers[0].InputShape);
        Assert.Equal([32], layers[0].OutputShape);
        Assert.Equal((0, "[32, 784]"), (layers[0].Weights!.Offset, layers[0].Weights!.ToString()));
        Assert.Equal((25088, "[32]"), (layers[0].Biases!.Offset, layers[0].Biases!.ToString()));
        Assert.Equal((LayerKind.Dense, "Output", Activation.Softmax), (layers[1].Kind, layers[1].Name, layers[1].Activation));
    }

    [Fact]
    public void A_conv_networks_layers_carry_kernel_stride_padding_and_pooling()
    {
        IReadOnlyList<NetworkLayer> layers = Layers<ConvAgreementNet, double>();

        Assert.Equal(
            [LayerKind.Conv2D, LayerKind.MaxPool2D, LayerKind.Conv2D, LayerKind.AveragePool2D, LayerKind.Flatten, LayerKind.Dense],
            layers.Select(layer => layer.Kind));
        Assert.Equal((3, 1, 1), (layers[0].KernelSize, layers[0].Stride, layers[0].Padding));
        Assert.Equal([2, 9, 9], layers[0].InputShape);
        Assert.Equal([4, 9, 9], layers[0].OutputShape);
        Assert.Equal((3, 2), (layers[1].KernelSize, layers[1].Stride));
        Assert.Equal([4, 4, 4], layers[1].OutputShape);
        Assert.Equal((2, 2, 0), (layers[2].KernelSize, layers[2].Stride, layers[2].Padding));
        Assert.Equal([3], layers[4].OutputShape);
    }

    [Fact]
    public void State_dict_names_are_those_of_the_equivalent_nn_Sequential()
    {
        // nn.Sequential(Conv2d, Tanh, MaxPool2d, Conv2d, ReLU, AvgPool2d, Flatten, Linear): Fixtures/torch_conv.py's model.
        Assert.Equal(
            ["0.weight [4, 2, 3, 3]", "0.bias [4]", "3.weight [3, 4, 2, 2]", "3.bias [3]", "7.weight [5, 3]", "7.bias [5]"],
            StateDict.Describe<ConvAgreementNet, double>());
        // A Linear activation adds no module; a layer without bias has no .bias.
        Assert.Equal(["0.weight [4, 3]", "0.bias [4]", "1.weight [2, 4]", "3.weight [1, 2]", "3.bias [1]"],
            StateDict.Describe<LinearChainNet, double>());
        Assert.Equal(["fc1.weight [32, 784]", "fc1.bias [32]", "out.weight [10, 32]", "out.bias [10]"],
            StateDict.Describe<Digits32Net, float>(new Dictionary<string, string> { ["Hidden"] = "fc1", ["2"] = "out" }));
    }

    [Fact]
    public void A_name_map_key_that_names_no_layer_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            StateDict.Describe<Digits32Net, float>(new Dictionary<string, string> { ["Hiden"] = "fc1" }));

        Assert.StartsWith(
            "The name map has 'Hiden', which name no layer with parameters of 784 -> Dense(32, Relu) -> Dense(10, Softmax). " +
            "Keys are layer names (Hidden, Output) or default module names (0, 2).", error.Message);
    }

    private static IReadOnlyList<NetworkLayer> Layers<TNet, T>()
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
        => TNet.Layers;

    private static void AssertConsistent<TNet, T>()
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        IReadOnlyList<NetworkLayer> layers = TNet.Layers;
        int next = 0;
        int size = TNet.InputSize;
        foreach (NetworkLayer layer in layers)
        {
            Assert.Equal(size, layer.InputShape.Aggregate(1, (a, b) => a * b));
            size = layer.OutputShape.Aggregate(1, (a, b) => a * b);
            foreach (ParameterTensor? tensor in new[] { layer.Weights, layer.Biases })
            {
                if (tensor is null)
                    continue;
                Assert.Equal(next, tensor.Offset);
                next += tensor.Count;
            }
        }

        Assert.Equal(TNet.OutputSize, size);
        Assert.Equal(TNet.ParameterCount, next);
    }
}
