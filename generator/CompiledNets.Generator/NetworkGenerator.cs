using System.Collections.Immutable;
using CompiledNets.Generator.Baking;
using CompiledNets.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompiledNets.Generator
{
    /// <summary>
    /// Turns each class marked [Network] into specialized forward, backward and training code.
    /// This file only wires the incremental pipeline; parsing and emitting live in their own files.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed partial class NetworkGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    KnownNames.NetworkAttribute,
                    predicate: static (node, _) => node is ClassDeclarationSyntax || node is RecordDeclarationSyntax,
                    transform: static (context, cancellationToken) => Parser.Parse(context, cancellationToken))
                .WithTrackingName(TrackingNames.Parse);

            // Source and diagnostics go through separate outputs: the spec (no locations) caches across edits,
            // while diagnostics keep real source locations that #pragma warning can suppress.
            IncrementalValuesProvider<NetworkSpec> specs = parsed
                .Where(static result => result.Spec is not null)
                .Select(static (result, _) => result.Spec!)
                .WithTrackingName(TrackingNames.Spec);

            IncrementalValuesProvider<ImmutableArray<Diagnostic>> diagnostics = parsed
                .Select(static (result, _) => result.Diagnostics)
                .Where(static ds => !ds.IsEmpty)
                .WithTrackingName(TrackingNames.Diagnostics);

            // Baking reads the weights file among the AdditionalFiles: only networks that declare Weights wait for them.
            IncrementalValuesProvider<BakeResult> baked = parsed
                .Where(static result => result.Bake is not null)
                .Select(static (result, _) => result.Bake!)
                .Combine(context.AdditionalTextsProvider.Collect())
                .Select(static (pair, cancellationToken) => WeightsBaker.Bake(pair.Left, pair.Right, cancellationToken))
                .WithTrackingName(TrackingNames.Bake);

            context.RegisterSourceOutput(specs, static (output, spec) => Emitter.Emit(output, spec));
            context.RegisterSourceOutput(baked, static (output, result) => Emitter.EmitPretrained(output, result));
            context.RegisterSourceOutput(diagnostics, static (output, ds) =>
            {
                foreach (Diagnostic diagnostic in ds)
                    output.ReportDiagnostic(diagnostic);
            });
        }

        /// <summary>The parse of one [Network] class: a spec when it is valid, and the problems found.</summary>
        internal readonly struct ParseResult : System.IEquatable<ParseResult>
        {
            public ParseResult(NetworkSpec? spec, ImmutableArray<Diagnostic> diagnostics, BakeRequest? bake = null)
            {
                Spec = spec;
                Diagnostics = diagnostics;
                Bake = bake;
            }

            public NetworkSpec? Spec { get; }

            public ImmutableArray<Diagnostic> Diagnostics { get; }

            /// <summary>The weights to bake, for a valid network that declares Weights.</summary>
            public BakeRequest? Bake { get; }

            // Diagnostics compare by what they say and where: Diagnostic.Equals compares message arguments by
            // reference, so equal declarations with errors would otherwise never cache.
            public bool Equals(ParseResult other)
            {
                if (!Equals(Spec, other.Spec) || !Equals(Bake, other.Bake) || Diagnostics.Length != other.Diagnostics.Length)
                    return false;
                for (int i = 0; i < Diagnostics.Length; i++)
                {
                    if (!SaySameThing(Diagnostics[i], other.Diagnostics[i]))
                        return false;
                }

                return true;
            }

            private static bool SaySameThing(Diagnostic a, Diagnostic b)
                => a.Id == b.Id && a.Severity == b.Severity && a.Location == b.Location
                   && a.GetMessage(System.Globalization.CultureInfo.InvariantCulture) == b.GetMessage(System.Globalization.CultureInfo.InvariantCulture);

            public override bool Equals(object? obj) => obj is ParseResult other && Equals(other);

            public override int GetHashCode() => (Spec?.GetHashCode() ?? 0) ^ Diagnostics.Length;
        }
    }
}
