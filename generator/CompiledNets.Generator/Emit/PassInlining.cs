using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit
{
    /// <summary>
    /// Inlines a tiny network's ForwardPass and BackwardPass into the methods that call them (see
    /// <see cref="NetworkSpec.InlinesPasses"/>); larger networks keep them as calls.
    /// </summary>
    internal static class PassInlining
    {
        public static void WriteAttribute(SourceWriter w, NetworkSpec spec)
        {
            if (!spec.InlinesPasses)
                return;
            w.WriteLine("[global::System.Runtime.CompilerServices.MethodImpl( // inlined where called: a call costs more than this small pass");
            w.WriteLine(SourceWriter.IndentUnit + "global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        }
    }
}
