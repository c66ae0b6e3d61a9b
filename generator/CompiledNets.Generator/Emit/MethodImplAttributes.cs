using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit
{
    /// <summary>
    /// The [MethodImpl] attributes of generated methods, each with the reason beside it: a tiny network's passes inlined
    /// into their callers (see <see cref="NetworkSpec.InlinesPasses"/>), and the tile passes fully optimized at once.
    /// </summary>
    internal static class MethodImplAttributes
    {
        /// <summary>AggressiveInlining on ForwardPass and BackwardPass where the network is tiny; nothing otherwise.</summary>
        public static void WritePassInlining(SourceWriter w, NetworkSpec spec)
        {
            if (spec.InlinesPasses)
                Write(w, "AggressiveInlining", "inlined where called: a call costs more than this small pass");
        }

        /// <summary>
        /// AggressiveOptimization on the tile passes, which mini-batch training runs: compiled at full optimization on
        /// their first call, they skip the JIT's quick and instrumented tiers, in which the digits sample spent its first
        /// few epochs at a third to two thirds of its speed (the runtime's kernels they call are marked the same way).
        /// </summary>
        public static void WriteFullyOptimized(SourceWriter w)
            => Write(w, "AggressiveOptimization", "fully optimized from the first call: no slow first epochs");

        private static void Write(SourceWriter w, string option, string why)
        {
            w.WriteLine("[global::System.Runtime.CompilerServices.MethodImpl( // " + why);
            w.WriteLine(SourceWriter.IndentUnit + "global::System.Runtime.CompilerServices.MethodImplOptions." + option + ")]");
        }
    }
}
