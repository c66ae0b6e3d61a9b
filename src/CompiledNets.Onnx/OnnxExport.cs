using System.Numerics;
using System.Reflection;
using CompiledNets.Persistence;
using Google.Protobuf;
using Onnx;

namespace CompiledNets.Onnx;

/// <summary>
/// Writes a network and its weights as a standard ONNX model (opset 13), for ONNX Runtime, a GPU server or any other
/// runtime that reads ONNX.
/// </summary>
/// <remarks>
/// The model takes <c>input</c> of shape <c>[N, inputs]</c> (<c>[N, channels, height, width]</c> for an image network)
/// and gives <c>output</c> of shape <c>[N, outputs]</c> (<c>[N, channels, height, width]</c> for a network whose last layer
/// is a convolution or pooling): the same values <c>Predict</c> writes, in the same order, including the
/// output layer's activation (softmax probabilities for a Softmax layer). float networks export float tensors,
/// double networks double tensors (ONNX Runtime runs some operators, Conv among them, in float only).
/// </remarks>
public static class OnnxExport
{
    /// <summary>The ONNX operator set the model declares.</summary>
    public const int OperatorSet = 13;

    /// <summary>
    /// Saves the ONNX model of <paramref name="network"/> to <paramref name="path"/>, atomically: a failed save leaves
    /// any previous file as it was.
    /// </summary>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite (the network diverged); nothing is written.</exception>
    public static void Save<TNet, T>(INeuralNetwork<TNet, T> network, string path)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        NetworkWeights.CheckFinite(network, path);
        ModelProto model = Build(network);
        AtomicFile.Write(path, stream => model.WriteTo(stream));
    }

    /// <summary>Writes the ONNX model of <paramref name="network"/> to <paramref name="destination"/>.</summary>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite (the network diverged); nothing is written.</exception>
    public static void Write<TNet, T>(INeuralNetwork<TNet, T> network, Stream destination)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(destination);
        NetworkWeights.CheckFinite(network, "the stream");
        Build(network).WriteTo(destination);
    }

    private static ModelProto Build<TNet, T>(INeuralNetwork<TNet, T> network)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
            throw new NotSupportedException($"ONNX export writes float or double networks, not {typeof(T).Name}.");
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("ONNX export writes raw little-endian tensors and needs a little-endian machine.");

        IReadOnlyList<NetworkLayer> layers = TNet.Layers;
        var builder = new OnnxGraphBuilder<T>(typeof(TNet).Name, layers[0].InputShape);
        ReadOnlySpan<T> parameters = network.Parameters;
        foreach (NetworkLayer layer in layers)
            builder.AddLayer(layer, parameters);
        GraphProto graph = builder.Finish(layers[^1].OutputShape);
        graph.DocString = TNet.Architecture;

        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "CompiledNets",
            ProducerVersion = typeof(OnnxExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OperatorSet });
        return model;
    }
}
