using System.Collections.Generic;
using System.Globalization;

namespace CompiledNets.Generator.Model
{
    /// <summary>
    /// A 2-D convolution: z[f, y, x] = b[f] + sum_c,i,j W[f, c, i, j] * in[c, y*s + i - p, x*s + j - p], a = f(z), with W of
    /// shape [Filters, in channels, Kernel, Kernel] (PyTorch's) and zeros outside the input.
    /// </summary>
    internal sealed record Conv2DLayerSpec(
        int Number,
        string? DeclaredName,
        Shape Input,
        Shape Output,
        ActivationKind Activation,
        int Kernel,
        int Stride,
        int Padding,
        bool HasBias,
        int ParameterOffset)
        : LayerSpec(Number, DeclaredName, Input, Output, Activation, ParameterOffset)
    {
        public int Filters => Output.Channels;

        /// <summary>Values under one kernel: in channels * Kernel * Kernel, the columns of W seen as a matrix.</summary>
        public int PatchSize => Input.Channels * Kernel * Kernel;

        public int WeightCount => Filters * PatchSize;

        /// <summary>(size + 2 * padding - kernel) / stride + 1, the outputs along one side; not positive when the kernel does not fit.</summary>
        public static long OutputSide(int size, int kernel, int stride, int padding)
            => stride <= 0 ? 0 : ((long)size + 2L * padding - kernel) / stride + 1;

        public override long ParameterCountLong => (long)Filters * Input.Channels * Kernel * Kernel + (HasBias ? Filters : 0);

        /// <summary>
        /// The patch matrix and a gradient, as the runtime's Conv2DKernels.WorkspaceLength computes it (each kernel call
        /// throws when given less, so every conv test checks it).
        /// </summary>
        public override long WorkspaceSize
            => (long)Output.Height * Output.Width * PatchSizeLong + Filters * (PatchSizeLong + 1);

        private long PatchSizeLong => (long)Input.Channels * Kernel * Kernel;

        public override IReadOnlyList<ParameterBlock> ParameterBlocks
        {
            get
            {
                string n = Int(Number);
                string c = Int(Input.Channels), k = Int(Kernel);
                var weights = new ParameterBlock(Name, "Weights", "W" + n, "W" + n, $"[{Int(Filters)}, {c}, {k}, {k}]",
                    ParameterOffset, WeightCount, $"W{n}[f, c, i, j] at {Int(ParameterOffset)} + ((f * {c} + c) * {k} + i) * {k} + j");
                if (!HasBias)
                    return new[] { weights };
                return new[] { weights, new ParameterBlock(Name, "Biases", "B" + n, "b" + n, $"[{Int(Filters)}]", ParameterOffset + WeightCount, Filters, null) };
            }
        }

        public override string KernelShape
            => $"Conv2D {Input} -> {Output}, {Int(Kernel)}x{Int(Kernel)}, stride {Int(Stride)}, padding {Int(Padding)}";

        public override string Describe()
            => $"Conv2D({Int(Filters)}, {Int(Kernel)}x{Int(Kernel)}, {Activation}{Options}) [{Output}]";

        /// <summary>", stride 2, padding 1, no bias": what differs from the defaults.</summary>
        public string Options
            => (Stride == 1 ? "" : ", stride " + Int(Stride))
               + (Padding == 0 ? "" : ", padding " + Int(Padding))
               + (HasBias ? "" : ", no bias");

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
