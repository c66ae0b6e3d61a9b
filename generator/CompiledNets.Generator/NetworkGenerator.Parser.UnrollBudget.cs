using System.Collections.Generic;
using CompiledNets.Generator.Model;

namespace CompiledNets.Generator
{
    public sealed partial class NetworkGenerator
    {
        internal static partial class Parser
        {
            /// <summary>
            /// The most values (weights, biases and outputs) a network's unrolled layers hold together. Every unrolled
            /// value is another element access in the same few methods, and past about 400 of them the JIT stops
            /// inlining those accesses. Measured on .NET 10 (README, UnrollLimit): 8-8-8-8-8-1 (330 values) backpropagates
            /// an example in about 330 ns, one more 8 x 8 layer (410 values) in about 1,600 ns, and 24-24-1 runs 7x
            /// faster as kernel calls than unrolled. Only deep chains of tiny layers lose by the budget (a call's
            /// overhead for a few values).
            /// </summary>
            internal const int MaxUnrolledValues = 256;

            /// <summary>
            /// Keeps a network's unrolled layers within <see cref="MaxUnrolledValues"/>: while they hold more, the
            /// largest of them (the first of equals) is written as kernel calls instead.
            /// </summary>
            private static void KeepUnrolledLayersWithinBudget(List<LayerSpec> layers)
            {
                long total = 0;
                foreach (LayerSpec layer in layers)
                {
                    if (layer is DenseLayerSpec { Unrolled: true } dense)
                        total += dense.UnrolledValues;
                }

                while (total > MaxUnrolledValues)
                {
                    int largest = -1;
                    for (int i = 0; i < layers.Count; i++)
                    {
                        if (layers[i] is DenseLayerSpec { Unrolled: true } dense
                            && (largest < 0 || dense.UnrolledValues > ((DenseLayerSpec)layers[largest]).UnrolledValues))
                            largest = i;
                    }

                    var demoted = (DenseLayerSpec)layers[largest];
                    total -= demoted.UnrolledValues;
                    layers[largest] = demoted with { Unrolled = false, OverUnrollBudget = true };
                }
            }
        }
    }
}
