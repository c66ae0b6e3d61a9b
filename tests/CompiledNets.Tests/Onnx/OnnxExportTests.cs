using System.Numerics;
using CompiledNets.Onnx;
using CompiledNets.Persistence;
using CompiledNets.Tests.Networks;
using CompiledNets.Tests.Persistence;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;

namespace CompiledNets.Tests.OnnxTests;

/// <summary>
/// Exported models run in ONNX Runtime and give what Predict gives, to 1e-5, on a batch: the network PyTorch trained
/// (Persistence/Fixtures), the conv net of the PyTorch agreement test, and a net with every operator export writes.
/// </summary>
public sealed class OnnxExportTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void The_network_PyTorch_trained_runs_the_same_in_ONNX_Runtime()
    {
        var network = new Digits32Net();
        StateDict.LoadNpz(network, Path.Combine(AppContext.BaseDirectory, "Persistence", "Fixtures", "digits32.npz"));
        AssertOnnxRuntimeAgrees<Digits32Net, float>(network, [784]);
    }

    [Fact]
    public void A_conv_network_with_max_and_average_pooling_runs_the_same()
    {
        var network = new ConvAgreementNetFloat();
        network.InitializeParameters(seed: 3);
        AssertOnnxRuntimeAgrees<ConvAgreementNetFloat, float>(network, [2, 9, 9]);
    }

    [Fact]
    public void Every_operator_export_writes_runs_the_same()
    {
        var network = new OnnxCoverageNet();
        network.InitializeParameters(seed: 5);
        AssertOnnxRuntimeAgrees<OnnxCoverageNet, float>(network, [2, 8, 8]);
    }

    [Fact]
    public void A_network_whose_output_is_images_gives_them_as_N_C_H_W_in_Predicts_order()
    {
        var network = new ImageOutputNet();
        network.InitializeParameters(seed: 4);
        AssertOnnxRuntimeAgrees<ImageOutputNet, float>(network, [1, 6, 6]);

        using var session = new InferenceSession(_directory.File(nameof(ImageOutputNet) + ".onnx"));
        Assert.Equal([-1, 2, 2, 2], session.OutputMetadata["output"].Dimensions);
    }

    [Fact]
    public void A_double_network_exports_double_tensors()
    {
        var network = new LinearChainNet();
        network.InitializeParameters(seed: 9);
        AssertOnnxRuntimeAgrees<LinearChainNet, double>(network, [3]);
    }

    [Fact]
    public void Initializers_carry_the_state_dict_names_and_nodes_the_layer_names()
    {
        string path = _directory.File("conv.onnx");
        OnnxExport.Save(new ConvAgreementNetFloat(), path);

        using var session = new InferenceSession(path);
        Assert.Equal(["input"], session.InputMetadata.Keys);
        Assert.Equal([-1, 2, 9, 9], session.InputMetadata["input"].Dimensions);
        Assert.Equal(["output"], session.OutputMetadata.Keys);
        Assert.Equal([-1, 5], session.OutputMetadata["output"].Dimensions);
        ModelProto model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        Assert.Equal(["0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias"], model.Graph.Initializer.Select(i => i.Name));
        Assert.Equal(
            ["Layer1 Conv", "Layer1.Tanh Tanh", "Layer2 MaxPool", "Layer3 Conv", "Layer3.Relu Relu", "Layer4 AveragePool",
             "Layer5 Flatten", "Layer6 Gemm", "Layer6.Softmax Softmax"],
            model.Graph.Node.Select(node => node.Name + " " + node.OpType));
    }

    [Fact]
    public void A_diverged_network_is_not_exported()
    {
        var network = new Digits32Net();
        network.Parameters[10] = float.NaN;

        Assert.Throws<InvalidOperationException>(() => OnnxExport.Save(network, _directory.File("nan.onnx")));
        Assert.Empty(_directory.FileNames());
    }

    private void AssertOnnxRuntimeAgrees<TNet, T>(TNet network, int[] inputShape)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int batch = 16;
        var random = new Random(11);
        var inputs = new T[batch * TNet.InputSize];
        for (int k = 0; k < inputs.Length; k++)
            inputs[k] = T.CreateChecked(random.NextDouble() * 2 - 1);
        string path = _directory.File(typeof(TNet).Name + ".onnx");
        OnnxExport.Save(network, path);

        using var session = new InferenceSession(path);
        var tensor = new DenseTensor<T>(inputs, [batch, .. inputShape]);
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results =
            session.Run([NamedOnnxValue.CreateFromTensor("input", tensor)]);
        T[] onnx = results.Single().AsEnumerable<T>().ToArray();

        Assert.Equal(batch * TNet.OutputSize, onnx.Length);
        var output = new T[TNet.OutputSize];
        for (int n = 0; n < batch; n++)
        {
            network.Predict(inputs.AsSpan(n * TNet.InputSize, TNet.InputSize), output);
            for (int k = 0; k < output.Length; k++)
            {
                double ours = double.CreateChecked(output[k]), theirs = double.CreateChecked(onnx[n * TNet.OutputSize + k]);
                Assert.True(Math.Abs(ours - theirs) <= 1e-5, $"example {n}, output {k}: Predict {ours}, ONNX Runtime {theirs}");
            }
        }
    }
}
