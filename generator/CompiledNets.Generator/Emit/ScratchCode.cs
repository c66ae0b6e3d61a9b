using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit
{
    /// <summary>
    /// The working memory of one call. A network's intermediate values (layer outputs, deltas, logits; the tiles of a
    /// batch) live in a struct that each public method takes for itself, never in the instance, so calls on one
    /// instance from many threads cannot see each other's values. A per-example <c>Scratch</c> up to
    /// <see cref="StackLimitBytes"/> is a local on the stack; above that the runtime's per-thread <c>ThreadScratch</c>
    /// holds it, because a wide layer on the stack could overflow a thread-pool thread. The <c>TileScratch</c> always
    /// lives in ThreadScratch: C# clears a local struct on every call, and clearing a tile's rows costs more than a small
    /// batch's math. Measured on .NET 10 (AMD Zen 5): the 3-4-1 network's BackpropagateBatch of its four examples took
    /// 41-43 ns per example with the tiles on the stack, 33-34 ns from ThreadScratch.
    /// </summary>
    internal static class ScratchCode
    {
        /// <summary>The largest scratch struct kept on the stack: far below the 1.5 MB of a .NET thread-pool thread's stack.</summary>
        public const int StackLimitBytes = 16 * 1024;

        /// <summary>Bytes of the per-example <c>Scratch</c>: a(l) and d(l) for every layer, the logits and log-sum-exp where the loss reads them.</summary>
        public static long ScratchBytes(NetworkSpec spec) => (long)spec.WorkingMemoryBytes(1, tile: false);

        /// <summary>
        /// Writes the local that holds a public method's per-example values: <c>Scratch scratch</c>. Methods write it
        /// first, before their span checks: there the JIT clears a stack local once, in the method's prologue; after the
        /// checks it cleared it twice (a 784-128-10 network's <c>Predict</c> listing, .NET 10).
        /// </summary>
        public static void DeclareScratch(SourceWriter w, NetworkSpec spec)
            => Declare(w, GeneratedMembers.Scratch, GeneratedMembers.ScratchParameter, ScratchBytes(spec));

        /// <summary>Writes the ref that holds a batched method's tiles, this thread's: <c>ref TileScratch tiles</c>.</summary>
        public static void DeclareTiles(SourceWriter w)
            => DeclareThreadScratch(w, GeneratedMembers.TileScratch, GeneratedMembers.TileScratchParameter);

        /// <summary>On the stack (<c>Scratch scratch = default;</c>) up to the limit, else a ref to this thread's instance.</summary>
        private static void Declare(SourceWriter w, string structName, string variable, long bytes)
        {
            if (bytes <= StackLimitBytes)
                w.WriteLine($"{structName} {variable} = default; // this call's own scratch, on the stack");
            else
                DeclareThreadScratch(w, structName, variable);
        }

        private static void DeclareThreadScratch(SourceWriter w, string structName, string variable)
            => w.WriteLine($"ref {structName} {variable} = ref global::CompiledNets.Numerics.ThreadScratch<{structName}>.Value; // this thread's scratch");

        /// <summary>
        /// Writes the fields of a scratch struct: A(l) and D(l) for every layer, then Z(L) and LogSumExp where the loss
        /// reads them; in a <paramref name="tile"/>, each example's loss too (in the buffer type LogSumExp has).
        /// </summary>
        public static void WriteFields(SourceWriter w, NetworkSpec spec, System.Func<LayerSpec, string> bufferOf, string perExampleType, bool tile)
        {
            foreach (LayerSpec layer in spec.Layers)
            {
                // A layer's outputs and deltas, side by side: one declaration, as they have one buffer type.
                w.WriteLine($"public {bufferOf(layer)} {GeneratedMembers.ActivationsField(layer)}, {GeneratedMembers.DeltasField(layer)};");
            }

            if (spec.WorkspaceSize > 0)
            {
                w.WriteLine("// Where the convolution kernels gather patches and reorder images; each layer uses it in turn.");
                w.WriteLine($"public {GeneratedMembers.WorkspaceBuffer} {GeneratedMembers.WorkspaceField};");
            }

            if (spec.LossUsesLogits)
            {
                if (!tile) // the tile's comment names Z among its buffers
                    w.WriteLine("// The loss is computed from the output logits z(L), which is exact where log(p) would round to log(0).");
                w.WriteLine($"public {bufferOf(spec.OutputLayer)} {GeneratedMembers.LogitsField(spec.OutputLayer)};");
            }

            bool logSumExp = spec.LossUsesLogits && spec.Loss == LossKind.CrossEntropy;
            if (logSumExp && tile)
            {
                w.WriteLine("// Per example: log sum_k exp(z[k]) from the softmax, which the cross-entropy reads, and the loss.");
                w.WriteLine($"public {perExampleType} {GeneratedMembers.LogSumExpField}, {GeneratedMembers.LossesField};");
            }
            else if (logSumExp)
            {
                w.WriteLine($"public {perExampleType} {GeneratedMembers.LogSumExpField};");
            }
            else if (tile)
            {
                w.WriteLine("// Per example, the loss.");
                w.WriteLine($"public {perExampleType} {GeneratedMembers.LossesField};");
            }
        }
    }
}
