using System.Numerics;
using Google.Protobuf;
using Onnx;

namespace CompiledNets.Onnx;

/// <summary>
/// Builds the ONNX graph of a network, layer by layer: Gemm for Dense, Conv, MaxPool, AveragePool and Flatten, each
/// followed by its activation node (Relu, Tanh, Sigmoid, LeakyRelu with alpha 0.01, Softmax over axis 1). The
/// initializers carry PyTorch's state_dict names (<c>0.weight</c>, ...), as <c>torch.onnx.export</c> names them.
/// </summary>
internal sealed class OnnxGraphBuilder<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public const string InputName = "input";
    public const string OutputName = "output";
    private const string BatchDimension = "N";

    private readonly GraphProto _graph;
    private readonly int _elementType = typeof(T) == typeof(double) ? (int)TensorProto.Types.DataType.Double : (int)TensorProto.Types.DataType.Float;
    private string _current = InputName;
    private int _module;

    public OnnxGraphBuilder(string name, IReadOnlyList<int> inputShape)
    {
        _graph = new GraphProto { Name = name };
        _graph.Input.Add(ValueInfo(InputName, inputShape));
    }

    public GraphProto Finish(IReadOnlyList<int> outputShape)
    {
        // The last node writes the graph's output under its public name.
        _graph.Node[^1].Output[0] = OutputName;
        _graph.Output.Add(ValueInfo(OutputName, outputShape));
        return _graph;
    }

    public void AddLayer(NetworkLayer layer, ReadOnlySpan<T> parameters)
    {
        string prefix = _module.ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (layer.Kind)
        {
            case LayerKind.Dense:
                // Gemm: Y = X * W^T + b, with W stored [units, inputs] as nn.Linear stores it.
                Add("Gemm", layer.Name, Parameters(layer, prefix, parameters), [Int("transB", 1)]);
                break;
            case LayerKind.Conv2D:
                Add("Conv", layer.Name, Parameters(layer, prefix, parameters),
                [
                    Ints("kernel_shape", layer.KernelSize, layer.KernelSize),
                    Ints("strides", layer.Stride, layer.Stride),
                    Ints("pads", layer.Padding, layer.Padding, layer.Padding, layer.Padding),
                ]);
                break;
            case LayerKind.MaxPool2D:
            case LayerKind.AveragePool2D:
                Add(layer.Kind == LayerKind.MaxPool2D ? "MaxPool" : "AveragePool", layer.Name, [_current],
                    [Ints("kernel_shape", layer.KernelSize, layer.KernelSize), Ints("strides", layer.Stride, layer.Stride)]);
                break;
            case LayerKind.Flatten:
                Add("Flatten", layer.Name, [_current], [Int("axis", 1)]);
                break;
            default:
                throw new NotSupportedException($"Layer {layer.Name} is a {layer.Kind}, which ONNX export does not know.");
        }

        _module++;
        if (layer.Activation != Activation.Linear)
        {
            AddActivation(layer);
            _module++;
        }
    }

    private void AddActivation(NetworkLayer layer)
    {
        string name = layer.Name + "." + layer.Activation;
        switch (layer.Activation)
        {
            case Activation.Sigmoid: Add("Sigmoid", name, [_current], []); break;
            case Activation.Tanh: Add("Tanh", name, [_current], []); break;
            case Activation.Relu: Add("Relu", name, [_current], []); break;
            case Activation.LeakyRelu: Add("LeakyRelu", name, [_current], [Float("alpha", 0.01f)]); break;
            case Activation.Softmax: Add("Softmax", name, [_current], [Int("axis", 1)]); break;
            default: throw new NotSupportedException($"Layer {layer.Name}'s activation {layer.Activation} has no ONNX operator here.");
        }
    }

    /// <summary>The node's inputs: the previous value, then the layer's weights and biases as initializers.</summary>
    private string[] Parameters(NetworkLayer layer, string prefix, ReadOnlySpan<T> parameters)
    {
        var inputs = new List<string> { _current };
        if (layer.Weights is { } weights)
            inputs.Add(Initializer(prefix + ".weight", weights, parameters));
        if (layer.Biases is { } biases)
            inputs.Add(Initializer(prefix + ".bias", biases, parameters));
        return inputs.ToArray();
    }

    private string Initializer(string name, ParameterTensor tensor, ReadOnlySpan<T> parameters)
    {
        ReadOnlySpan<T> values = parameters.Slice(tensor.Offset, tensor.Count);
        byte[] raw = new byte[values.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>()];
        // ONNX raw_data is little-endian, as this machine's memory is (checked where the export starts).
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).CopyTo(raw);
        var proto = new TensorProto { Name = name, DataType = _elementType, RawData = ByteString.CopyFrom(raw) };
        foreach (int length in tensor.Shape)
            proto.Dims.Add(length);
        _graph.Initializer.Add(proto);
        return name;
    }

    private void Add(string operation, string name, string[] inputs, AttributeProto[] attributes)
    {
        string output = name + ".out";
        var node = new NodeProto { OpType = operation, Name = name };
        node.Input.Add(inputs);
        node.Output.Add(output);
        node.Attribute.Add(attributes);
        _graph.Node.Add(node);
        _current = output;
    }

    private ValueInfoProto ValueInfo(string name, IReadOnlyList<int> shape)
    {
        var tensorShape = new TensorShapeProto();
        tensorShape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        foreach (int length in shape)
            tensorShape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = length });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = _elementType, Shape = tensorShape } },
        };
    }

    private static AttributeProto Int(string name, long value)
        => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto Float(string name, float value)
        => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    private static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.Add(values);
        return attribute;
    }
}
