using System.Linq;
using CompiledNets.Generator.Helpers;

namespace CompiledNets.Generator.Model
{
    /// <summary>
    /// Everything the emitter needs for one network, and nothing from the compilation (no symbols, syntax or
    /// locations), so equal declarations give equal specs and the pipeline caches.
    /// </summary>
    /// <param name="WeightsFile">The declared Weights file to bake (CreatePretrained), or null.</param>
    internal sealed record NetworkSpec(
        TypeHierarchySpec Type,
        ScalarKind Scalar,
        Shape Input,
        EquatableArray<LayerSpec> Layers,
        LossKind Loss,
        int Seed,
        string? WeightsFile = null)
    {
        public int InputSize => Input.Size;

        public LayerSpec OutputLayer => Layers[Layers.Count - 1];

        public int OutputSize => OutputLayer.OutputSize;

        public int ParameterCount
        {
            get
            {
                int count = 0;
                foreach (LayerSpec layer in Layers)
                    count += layer.ParameterCount;
                return count;
            }
        }

        /// <summary>
        /// The architecture line, e.g. "784 -> Dense(128, Relu) -> Dense(10, Softmax)": the generated header, the runtime's
        /// Architecture and the weights file all carry it, and loading and baking compare it.
        /// </summary>
        public string Architecture => Input + string.Concat(Layers.Select(layer => " -> " + layer.Describe()));

        /// <summary>
        /// The most bytes .NET loads in one struct, and so in the parameters' inline storage (CN0106) or in one call's
        /// working memory (CN0111). Measured: 64 MiB loads, 128 MiB does not.
        /// </summary>
        public const long MaxStructBytes = 64L * 1024 * 1024;

        /// <summary>Examples per tile of the batched passes, when their working memory fits in one struct.</summary>
        public const int MaxBatchTile = 32;

        /// <summary>
        /// Examples per tile of the batched passes: <see cref="MaxBatchTile"/>, or for a network of wide images the
        /// largest power of two below it whose tile still fits in one struct (a 3x128x128 image through Conv2D(32, 3,
        /// Padding = 1), MaxPool2D(2), Conv2D(64, 3, Padding = 1): 4). 1 when not even that fits, which CN0111 reports.
        /// </summary>
        public int BatchTile
        {
            get
            {
                int tile = MaxBatchTile;
                while (tile > 1 && WorkingMemoryBytes(tile, tile: true) > MaxStructBytes)
                    tile /= 2;
                return tile;
            }
        }

        /// <summary>
        /// Bytes of one call's working memory for <paramref name="examples"/> examples: each one's outputs and deltas of
        /// every layer, and logits and log-sum-exp where the loss reads them, and in a <paramref name="tile"/> its loss;
        /// one workspace for the kernels. In decimal: a declaration's sizes can overflow a long before CN0111 rejects it.
        /// </summary>
        public decimal WorkingMemoryBytes(int examples, bool tile)
        {
            decimal values = LossUsesLogits ? OutputLayer.Output.SizeLong : 0;
            if (Loss == LossKind.CrossEntropy)
                values += 1;
            if (tile)
                values += 1;
            foreach (LayerSpec layer in Layers)
                values += 2m * layer.Output.SizeLong;
            return (examples * values + WorkspaceSize) * (Scalar == ScalarKind.Double ? 8 : 4);
        }

        /// <summary>
        /// Whether every layer is a dense layer written out statement by statement (the tutorials' form): then the
        /// per-example methods never call the runtime's kernels.
        /// </summary>
        public bool EveryLayerUnrolled => Layers.All(layer => layer is DenseLayerSpec dense && dense.Unrolled);

        /// <summary>The most values (weights, biases and outputs) of a network whose passes are inlined into their callers.</summary>
        public const int MaxInlinedPassValues = 32;

        /// <summary>
        /// Whether ForwardPass and BackwardPass are inlined into TrainStep, Backpropagate and Predict: for the tutorials'
        /// tiny networks, every layer unrolled and at most <see cref="MaxInlinedPassValues"/> values in all, where the two
        /// calls and their register saves cost more than the math. Measured on .NET 10 (AMD Zen 5): a 3-4-1 sigmoid step
        /// took 46 ns inlined against 54 ns, 4-4-1 tanh 66 ns against 77 ns; from 6-6-1 (56 values) up, backpropagation
        /// took up to 8% longer inlined, and training gained nothing.
        /// </summary>
        public bool InlinesPasses
            => EveryLayerUnrolled && Layers.Sum(layer => ((DenseLayerSpec)layer).UnrolledValues) <= MaxInlinedPassValues;

        /// <summary>
        /// Whether PredictBatch and BackpropagateBatch run in tiles of <see cref="BatchTile"/> examples through the
        /// runtime's matrix-matrix kernels: when any layer calls kernels, or computes an exponential (sigmoid, tanh,
        /// softmax), which the tiles' vector math computes for many examples at once (in float). A 3-4-1 sigmoid
        /// network's batches took a third of the time per example in tiles as one example at a time (two thirds in
        /// double); with only linear and relu layers, an unrolled network is about as fast one example at a time, and
        /// keeps that simpler code.
        /// </summary>
        public bool UsesTiles => !EveryLayerUnrolled || Layers.Any(layer => ComputesExponential(layer.Activation));

        private static bool ComputesExponential(ActivationKind activation)
            => activation == ActivationKind.Sigmoid || activation == ActivationKind.Tanh || activation == ActivationKind.Softmax;

        /// <summary>Values of working memory the layers' kernels share, in turn: the largest any layer needs (0: none).</summary>
        public long WorkspaceSize => Layers.Count == 0 ? 0 : Layers.Max(layer => layer.WorkspaceSize);

        /// <summary>Whether the loss is computed from the output logits (and its gradient is the fused p - t).</summary>
        public bool LossUsesLogits => Loss == LossKind.CrossEntropy || Loss == LossKind.BinaryCrossEntropy;
    }
}
