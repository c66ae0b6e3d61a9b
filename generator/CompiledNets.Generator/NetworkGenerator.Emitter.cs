using CompiledNets.Generator.Emit;
using CompiledNets.Generator.Model;
using Microsoft.CodeAnalysis;

namespace CompiledNets.Generator
{
    public sealed partial class NetworkGenerator
    {
        /// <summary>Writes one file per concern for a network: Network (storage, sizes), Forward, Backward, Batch.</summary>
        internal static class Emitter
        {
            public static void Emit(SourceProductionContext context, NetworkSpec spec)
            {
                string stem = spec.Type.HintStem;
                context.CancellationToken.ThrowIfCancellationRequested();
                context.AddSource(stem + ".Network.g.cs", MembersEmitter.Emit(spec));
                context.CancellationToken.ThrowIfCancellationRequested();
                context.AddSource(stem + ".Forward.g.cs", ForwardEmitter.Emit(spec));
                context.CancellationToken.ThrowIfCancellationRequested();
                context.AddSource(stem + ".Backward.g.cs", BackwardEmitter.Emit(spec));
                context.CancellationToken.ThrowIfCancellationRequested();
                context.AddSource(stem + ".Batch.g.cs", BatchEmitter.Emit(spec));
            }

            /// <summary>Writes {Type}.Pretrained.g.cs with the baked parameters, or reports why they could not be baked.</summary>
            public static void EmitPretrained(SourceProductionContext context, Baking.BakeResult result)
            {
                if (result.Problem is not null)
                {
                    context.ReportDiagnostic(result.Problem.ToDiagnostic());
                    return;
                }

                context.AddSource(result.Request.Spec.Type.HintStem + ".Pretrained.g.cs", PretrainedEmitter.Emit(result));
            }
        }
    }
}
