using CompiledNets.Generator.Emit;
using CompiledNets.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CompiledNets.Generator
{
    public sealed partial class NetworkGenerator
    {
        /// <summary>Writes one file per concern for a network: Network (storage, sizes), Forward, Backward, Batch.</summary>
        internal static class Emitter
        {
            public static void Emit(SourceProductionContext context, NetworkSpec spec)
            {
                string stem = HintStem(spec.Type);
                context.CancellationToken.ThrowIfCancellationRequested();
                context.AddSource(stem + ".Network.g.cs", SourceText.From(MembersEmitter.Emit(spec), System.Text.Encoding.UTF8));
                context.CancellationToken.ThrowIfCancellationRequested();
                context.AddSource(stem + ".Forward.g.cs", SourceText.From(ForwardEmitter.Emit(spec), System.Text.Encoding.UTF8));
                context.CancellationToken.ThrowIfCancellationRequested();
                context.AddSource(stem + ".Backward.g.cs", SourceText.From(BackwardEmitter.Emit(spec), System.Text.Encoding.UTF8));
                context.CancellationToken.ThrowIfCancellationRequested();
                context.AddSource(stem + ".Batch.g.cs", SourceText.From(BatchEmitter.Emit(spec), System.Text.Encoding.UTF8));
            }

            /// <summary>"Samples.Xor.XorNet" style: namespace, containing types and the type joined by dots.</summary>
            public static string HintStem(TypeHierarchySpec type) => type.FullName;
        }
    }
}
