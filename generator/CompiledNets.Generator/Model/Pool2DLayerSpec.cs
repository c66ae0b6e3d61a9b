using System.Collections.Generic;

namespace CompiledNets.Generator.Model
{
    /// <summary>Which value a pooling window keeps.</summary>
    internal enum PoolKind
    {
        Max,
        Average,
    }

    /// <summary>
    /// Max or average pooling over square windows of Size x Size, Stride apart, channel by channel; no parameters,
    /// no activation.
    /// </summary>
    internal sealed record Pool2DLayerSpec(
        int Number,
        string? DeclaredName,
        Shape Input,
        Shape Output,
        PoolKind Kind,
        int Size,
        int Stride,
        int ParameterOffset)
        : LayerSpec(Number, DeclaredName, Input, Output, ActivationKind.Linear, ParameterOffset)
    {
        /// <summary>"MaxPool2D" or "AveragePool2D", the attribute's name.</summary>
        public string KindName => Kind == PoolKind.Max ? "MaxPool2D" : "AveragePool2D";

        /// <summary>Max and average pooling of equal geometry share one shape type: their kernels differ by name.</summary>
        public override string KernelShape => $"Pool2D {Input} -> {Output}, {Int(Size)}x{Int(Size)}, stride {Int(Stride)}";

        public override string Describe()
            => $"{KindName}({Int(Size)}{(Stride == Size ? "" : ", stride " + Int(Stride))}) [{Output}]";

        private static string Int(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public override long ParameterCountLong => 0;

        public override IReadOnlyList<ParameterBlock> ParameterBlocks => System.Array.Empty<ParameterBlock>();
    }
}
