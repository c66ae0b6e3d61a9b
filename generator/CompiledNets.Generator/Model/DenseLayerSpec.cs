using System.Collections.Generic;
using System.Globalization;

namespace CompiledNets.Generator.Model
{
    /// <summary>A fully connected layer: z = W * input + b, a = activation(z), W of shape [OutputSize, InputSize].</summary>
    /// <param name="HasBias">Whether the layer adds b.</param>
    /// <param name="Unrolled">Emitted as straight-line code (weight count within the unroll limit, and the network's unrolled values within
    /// their budget) rather than kernel calls.</param>
    internal sealed record DenseLayerSpec(
        int Number,
        string? DeclaredName,
        int Inputs,
        int Units,
        ActivationKind Activation,
        bool HasBias,
        bool Unrolled,
        int ParameterOffset)
        : LayerSpec(Number, DeclaredName, Shape.Vector(Inputs), Shape.Vector(Units), Activation, ParameterOffset)
    {
        /// <summary>Within the unroll limit, but written as kernel calls to keep the network's unrolled values within their budget.</summary>
        public bool OverUnrollBudget { get; init; }

        public int WeightCount => InputSize * OutputSize;

        public int WeightsOffset => ParameterOffset;

        public int BiasesOffset => ParameterOffset + WeightCount;

        public override long ParameterCountLong => (long)InputSize * OutputSize + (HasBias ? OutputSize : 0);

        /// <summary>The values this layer's straight-line code names one by one: its weights, biases and outputs.</summary>
        public long UnrolledValues => ParameterCountLong + OutputSize;

        public override IReadOnlyList<ParameterBlock> ParameterBlocks
        {
            get
            {
                string n = Number.ToString(CultureInfo.InvariantCulture);
                var weights = new ParameterBlock(Name, "Weights", "W" + n, "W" + n, $"[{Int(OutputSize)}, {Int(InputSize)}]",
                    WeightsOffset, WeightCount, $"W{n}[j, i] at {Int(WeightsOffset)} + j * {Int(InputSize)} + i");
                if (!HasBias)
                    return new[] { weights };
                // One bias per neuron: stored in the type that holds the layer's outputs and deltas, one value per neuron.
                var biases = new ParameterBlock(Name, "Biases", "B" + n, "b" + n, $"[{Int(OutputSize)}]", BiasesOffset, OutputSize, null)
                {
                    SharedBuffer = GeneratedMembers.NeuronsBuffer(this),
                };
                return new[] { weights, biases };
            }
        }

        public override string KernelShape => "Dense " + Int(InputSize) + " -> " + Int(OutputSize);

        public override string Describe()
            => "Dense(" + Int(OutputSize) + ", " + Activation + (HasBias ? "" : ", no bias") + ")";

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
