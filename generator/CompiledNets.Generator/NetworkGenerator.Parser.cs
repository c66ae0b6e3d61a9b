using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using CompiledNets.Generator.Diagnostics;
using CompiledNets.Generator.Helpers;
using CompiledNets.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompiledNets.Generator
{
    public sealed partial class NetworkGenerator
    {
        /// <summary>
        /// Reads one [Network] class into a <see cref="NetworkSpec"/>, or reports why it cannot be generated.
        /// Never throws: declarations the compiler already rejects (unresolved names, wrong argument types)
        /// produce nothing here and leave the compiler's own errors to speak.
        /// </summary>
        internal static partial class Parser
        {
            /// <summary>
            /// The largest UnrollLimit (CN0204 above it): a layer of more weights could not fit the network's budget of
            /// unrolled values (<see cref="MaxUnrolledValues"/>) anyway. Before the budget, 4096 was allowed and a 64 x 64 layer
            /// unrolled trained 170x slower than as kernel calls.
            /// </summary>
            internal const int MaxUnrollLimit = MaxUnrolledValues;

            /// <summary>The most parameter bytes inline storage takes; .NET rejects larger fields.</summary>
            internal const long MaxInlineStorageBytes = NetworkSpec.MaxStructBytes;

            public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
            {
                if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax declaration)
                    return new ParseResult(null, ImmutableArray<Diagnostic>.Empty);

                // Half-typed code (a class or namespace with no name yet): the compiler's error says it; generating would
                // only add "partial class  :" noise on top of it.
                if (HasMissingName(type))
                    return new ParseResult(null, ImmutableArray<Diagnostic>.Empty);

                var problems = new Problems(type.Name);
                Compilation compilation = context.SemanticModel.Compilation;
                ImmutableArray<AttributeData> attributes = type.GetAttributes();
                if (attributes.Any(IsBroken))
                    return new ParseResult(null, ImmutableArray<Diagnostic>.Empty);

                CheckDeclaration(type, declaration, problems);
                CheckSystemNamespaceVisible(compilation, type, declaration, problems);
                CheckFullNameFitsMetadata(type, declaration, problems);

                INamedTypeSymbol? networkType = compilation.GetTypeByMetadataName(KnownNames.NetworkAttribute);
                var kinds = new LayerAttributeTypes(compilation);
                AttributeData network = attributes.First(a => Is(a, networkType));

                // [Network] on more than one partial declaration (the compiler reports CS0579): the type is still one
                // network, read once, from the declaration that carries the first [Network].
                if (!IsOn(network, declaration))
                    return new ParseResult(null, ImmutableArray<Diagnostic>.Empty);

                NetworkOptions options = ReadNetworkOptions(network, problems, cancellationToken);
                List<LayerSpec> layers = ReadLayers(type, declaration, attributes, kinds, options, problems, out Shape input, cancellationToken);

                if (!problems.HasErrors)
                {
                    var spec = new NetworkSpec(
                        TypeHierarchy(type), options.Scalar, input, layers.ToEquatableArray(),
                        options.Loss, options.Seed, options.Weights);
                    CheckLossFitsOutput(spec, network, problems, cancellationToken);
                    CheckSomethingToTrain(spec, declaration, problems);
                    CheckStorageSize(spec, declaration, problems);
                    CheckMemberCollisions(spec, type, declaration, problems);
                    if (!problems.HasErrors)
                        return new ParseResult(spec, problems.ToImmutable(), BakeRequestFor(spec, options));
                }

                return new ParseResult(null, problems.ToImmutable());
            }

            /// <summary>The weights to bake when the declaration names a file (Weights = "..."), else null.</summary>
            private static Baking.BakeRequest? BakeRequestFor(NetworkSpec spec, NetworkOptions options)
                => options.Weights is null ? null : new Baking.BakeRequest(spec, LocationInfo.From(options.WeightsLocation));

            private static bool HasMissingName(INamedTypeSymbol type)
            {
                for (ISymbol? symbol = type; symbol is not null and not INamespaceSymbol { IsGlobalNamespace: true }; symbol = symbol.ContainingSymbol)
                {
                    if (string.IsNullOrEmpty(symbol.Name))
                        return true;
                }

                return false;
            }

            /// <summary>An attribute the compiler could not bind: leave it to the compiler's error.</summary>
            private static bool IsBroken(AttributeData attribute)
                => attribute.AttributeClass is null or IErrorTypeSymbol
                   || attribute.AttributeConstructor is null
                   || attribute.ConstructorArguments.Any(argument => argument.Kind == TypedConstantKind.Error)
                   || attribute.NamedArguments.Any(argument => argument.Value.Kind == TypedConstantKind.Error);

            /// <summary>Whether <paramref name="attribute"/> is written on <paramref name="declaration"/>.</summary>
            private static bool IsOn(AttributeData attribute, TypeDeclarationSyntax declaration)
                => attribute.ApplicationSyntaxReference is { } reference
                   && reference.SyntaxTree == declaration.SyntaxTree
                   && declaration.Span.Contains(reference.Span);

            private static bool Is(AttributeData attribute, INamedTypeSymbol? attributeType)
                => attributeType is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType);

            private static void CheckDeclaration(INamedTypeSymbol type, TypeDeclarationSyntax declaration, Problems problems)
            {
                Location at = declaration.Identifier.GetLocation();
                if (declaration is RecordDeclarationSyntax)
                    problems.Add(DiagnosticDescriptors.NetworkMustBeClass, at, type.Name);
                if (!IsPartialEverywhere(type))
                    problems.Add(DiagnosticDescriptors.NetworkMustBePartial, at, type.Name);
                if (type.IsStatic)
                    problems.Add(DiagnosticDescriptors.NetworkMustNotBeStatic, at, type.Name);
                if (type.TypeParameters.Length > 0)
                    problems.Add(DiagnosticDescriptors.NetworkMustNotBeGeneric, at, type.Name);
                if (type.IsFileLocal)
                    problems.Add(DiagnosticDescriptors.NetworkMustNotBeFileLocal, at, type.Name);
                if (HasExplicitLayout(type))
                    problems.Add(DiagnosticDescriptors.NetworkMustNotHaveExplicitLayout, at, type.Name);
                for (INamedTypeSymbol? ancestor = type.BaseType; ancestor is not null; ancestor = ancestor.BaseType)
                {
                    if (ancestor.GetAttributes().Any(attribute => attribute.AttributeClass?.ToDisplayString() == KnownNames.NetworkAttribute))
                    {
                        problems.Add(DiagnosticDescriptors.NetworkMustNotDeriveFromNetwork, at, type.Name,
                            ancestor.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
                        break;
                    }
                }

                if (type.IsAbstract && !type.IsStatic)
                    problems.Add(DiagnosticDescriptors.NetworkMustNotBeAbstract, at, type.Name);
                if (declaration.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp12 } options)
                    problems.Add(DiagnosticDescriptors.LanguageVersionTooOld, at, type.Name, options.LanguageVersion.ToDisplayString());
                CheckConstruction(type, problems);

                for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
                {
                    string outerName = outer.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                    if (outer.TypeParameters.Length > 0)
                        problems.Add(DiagnosticDescriptors.NetworkMustNotBeNestedInGeneric, at, type.Name, outerName);
                    else if (!IsPartialEverywhere(outer))
                        problems.Add(DiagnosticDescriptors.ContainingTypeMustBePartial, at, type.Name, outerName);
                    else if (outer.IsFileLocal) // the generated 'partial class Outer' would declare another type of that name
                        problems.Add(DiagnosticDescriptors.ContainingTypeMustNotBeFileLocal, at, type.Name, outerName);
                }
            }

            /// <summary>CN0022: a full name so long that the explicit implementations' metadata names pass the limit.</summary>
            private static void CheckFullNameFitsMetadata(INamedTypeSymbol type, TypeDeclarationSyntax declaration, Problems problems)
            {
                int bytes = MetadataNames.Bytes(MetadataNames.FullName(type));
                if (bytes > MetadataNames.MaxFullNameBytes)
                    problems.Add(DiagnosticDescriptors.FullNameTooLong, declaration.Identifier.GetLocation(),
                        MetadataNames.Abbreviated(type.Name), Number(bytes), Number(MetadataNames.MaxBytes), Number(MetadataNames.MaxFullNameBytes));
            }

            /// <summary>
            /// A type named System in the global namespace: the generated global::System.Span&lt;T&gt; would bind to it
            /// (CS0437), and the generated files would fail with some 200 errors.
            /// </summary>
            private static void CheckSystemNamespaceVisible(Compilation compilation, INamedTypeSymbol type, TypeDeclarationSyntax declaration, Problems problems)
            {
                if (!compilation.GlobalNamespace.GetTypeMembers("System").IsEmpty)
                    problems.Add(DiagnosticDescriptors.SystemNamespaceHidden, declaration.Identifier.GetLocation(), type.Name);
            }

            private static Location LocationOf(INamedTypeSymbol type) => type.Locations.FirstOrDefault() ?? Location.None;

            /// <summary>[StructLayout(LayoutKind.Explicit)], or its short form [StructLayout(2)].</summary>
            private static bool HasExplicitLayout(INamedTypeSymbol type)
                => type.GetAttributes().Any(attribute =>
                    attribute.AttributeClass?.ToDisplayString() == "System.Runtime.InteropServices.StructLayoutAttribute"
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is int or short
                    && System.Convert.ToInt32(attribute.ConstructorArguments[0].Value, System.Globalization.CultureInfo.InvariantCulture)
                       == ExplicitLayout);

            /// <summary>System.Runtime.InteropServices.LayoutKind.Explicit.</summary>
            private const int ExplicitLayout = 2;

            private static bool IsPartialEverywhere(INamedTypeSymbol type)
                => type.DeclaringSyntaxReferences.All(reference =>
                    reference.GetSyntax() is TypeDeclarationSyntax syntax && syntax.Modifiers.Any(SyntaxKind.PartialKeyword));

            private readonly struct NetworkOptions
            {
                public NetworkOptions(LossKind loss, ScalarKind scalar, int seed, int unrollLimit, string? weights, Location weightsLocation)
                {
                    Loss = loss;
                    Scalar = scalar;
                    Seed = seed;
                    UnrollLimit = unrollLimit;
                    Weights = weights;
                    WeightsLocation = weightsLocation;
                }

                public LossKind Loss { get; }
                public ScalarKind Scalar { get; }
                public int Seed { get; }
                public int UnrollLimit { get; }
                public string? Weights { get; }
                public Location WeightsLocation { get; }
            }

            private static NetworkOptions ReadNetworkOptions(AttributeData network, Problems problems, CancellationToken cancellationToken)
            {
                LossKind loss = LossKind.MeanSquaredError;
                ScalarKind scalar = ScalarKind.Single;
                int seed = 1;
                int unrollLimit = KnownNames.DefaultUnrollLimit;
                string? weights = null;
                Location weightsLocation = Location.None;
                foreach (KeyValuePair<string, TypedConstant> argument in network.NamedArguments)
                {
                    Location at = AttributeLocations.OfNamedArgument(network, argument.Key, cancellationToken);
                    switch (argument.Key)
                    {
                        case KnownNames.LossProperty:
                            loss = ReadEnum<LossKind>(argument.Value, "Loss", at, problems);
                            break;
                        case KnownNames.PrecisionProperty:
                            scalar = ReadEnum<ScalarKind>(argument.Value, "Precision", at, problems);
                            break;
                        case KnownNames.SeedProperty:
                            seed = (int)argument.Value.Value!;
                            break;
                        case KnownNames.WeightsProperty:
                            weights = argument.Value.Value as string;
                            weightsLocation = at;
                            break;
                        case KnownNames.UnrollLimitProperty:
                            unrollLimit = (int)argument.Value.Value!;
                            if (unrollLimit < 0)
                                problems.Add(DiagnosticDescriptors.UnrollLimitMustNotBeNegative, at, problems.TypeName, unrollLimit);
                            else if (unrollLimit > MaxUnrollLimit)
                            {
                                problems.Add(DiagnosticDescriptors.UnrollLimitAboveMaximum, at, problems.TypeName, unrollLimit, MaxUnrollLimit);
                                unrollLimit = MaxUnrollLimit;
                            }
                            break;
                    }
                }

                return new NetworkOptions(loss, scalar, seed, unrollLimit, weights, weightsLocation);
            }

            private static TEnum ReadEnum<TEnum>(TypedConstant value, string enumName, Location at, Problems problems)
                where TEnum : struct, System.Enum
            {
                int raw = (int)value.Value!;
                if (!System.Enum.IsDefined(typeof(TEnum), raw))
                    problems.Add(DiagnosticDescriptors.UndefinedEnumValue, at, enumName, raw, problems.TypeName, MemberList(value.Type, enumName));
                return (TEnum)(object)raw;
            }

            /// <summary>"Activation.Linear, Activation.Sigmoid, ...": the members of the enum the user's code sees, in declaration order.</summary>
            private static string MemberList(ITypeSymbol? enumType, string enumName)
                => string.Join(", ", (enumType?.GetMembers() ?? ImmutableArray<ISymbol>.Empty)
                    .OfType<IFieldSymbol>()
                    .Where(field => field.HasConstantValue)
                    .Select(field => enumName + "." + field.Name));

            private static void CheckLossFitsOutput(NetworkSpec spec, AttributeData network, Problems problems, CancellationToken cancellationToken)
            {
                ActivationKind output = spec.OutputLayer.Activation;
                Location at = AttributeLocations.OfNamedArgument(network, KnownNames.LossProperty, cancellationToken);
                if (output == ActivationKind.Softmax && spec.Loss != LossKind.CrossEntropy)
                    problems.Add(DiagnosticDescriptors.SoftmaxRequiresCrossEntropy, at, problems.TypeName, spec.Loss);
                else if (spec.Loss == LossKind.CrossEntropy && output != ActivationKind.Softmax)
                    problems.Add(DiagnosticDescriptors.CrossEntropyRequiresSoftmax, at, problems.TypeName, output);
                else if (spec.Loss == LossKind.BinaryCrossEntropy && output != ActivationKind.Sigmoid)
                    problems.Add(DiagnosticDescriptors.BinaryCrossEntropyRequiresSigmoid, at, problems.TypeName, output);
            }

            /// <summary>CN0206: a network of Flatten and pooling layers only has nothing for training to change.</summary>
            private static void CheckSomethingToTrain(NetworkSpec spec, TypeDeclarationSyntax declaration, Problems problems)
            {
                if (spec.Layers.All(layer => layer.ParameterCountLong == 0))
                    problems.Add(DiagnosticDescriptors.NothingToTrain, declaration.Identifier.GetLocation(), problems.TypeName);
            }

            /// <summary>
            /// CN0106 and CN0111: the parameters live in the instance, and a call's working memory (for a batch, the tiles)
            /// in one struct; .NET loads neither past <see cref="MaxInlineStorageBytes"/>. Counted in decimal, so sizes
            /// whose products overflow a long are still caught.
            /// </summary>
            private static void CheckStorageSize(NetworkSpec spec, TypeDeclarationSyntax declaration, Problems problems)
            {
                int scalarBytes = spec.Scalar == ScalarKind.Double ? 8 : 4;
                decimal parameters = 0;
                foreach (LayerSpec layer in spec.Layers)
                    parameters += layer.ParameterCountLong;

                decimal bytes = parameters * scalarBytes;
                if (bytes > MaxInlineStorageBytes)
                {
                    problems.Add(DiagnosticDescriptors.NetworkTooLargeForInlineStorage, declaration.Identifier.GetLocation(),
                        problems.TypeName, Number(parameters), Number(bytes), Number(MaxInlineStorageBytes));
                    return;
                }

                // Tiles shrink to fit (BatchTile), so this fails only when one example's values do not fit.
                int examples = spec.UsesTiles ? spec.BatchTile : 1;
                decimal scratchBytes = spec.WorkingMemoryBytes(examples, tile: spec.UsesTiles);
                if (scratchBytes > MaxInlineStorageBytes)
                {
                    problems.Add(DiagnosticDescriptors.WorkingMemoryTooLarge, declaration.Identifier.GetLocation(),
                        problems.TypeName, Number(scratchBytes), examples == 1 ? "one example" : "a tile of " + examples + " examples",
                        Number(MaxInlineStorageBytes));
                }
            }

            private static string Number(decimal value) => value.ToString("0", System.Globalization.CultureInfo.InvariantCulture);

            private static TypeHierarchySpec TypeHierarchy(INamedTypeSymbol type)
            {
                var containing = new List<ContainingTypeSpec>();
                for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
                    containing.Insert(0, new ContainingTypeSpec(Keyword(outer), Identifier(outer.Name)));
                var namespaces = new List<string>();
                for (INamespaceSymbol? n = type.ContainingNamespace; n is { IsGlobalNamespace: false }; n = n.ContainingNamespace)
                    namespaces.Insert(0, Identifier(n.Name));
                string? ns = namespaces.Count == 0 ? null : string.Join(".", namespaces);
                return new TypeHierarchySpec(ns, containing.ToEquatableArray(), Identifier(type.Name), HintNames.For(type));
            }

            /// <summary>
            /// A name as code: a keyword is escaped (@class), and so is a name of lower-case ASCII letters only (@var, @nameof),
            /// which would otherwise repeat the compiler's CS8981 warning in every generated file; other names stay as they are.
            /// </summary>
            private static string Identifier(string name)
                => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || name.All(c => c >= 'a' && c <= 'z') ? "@" + name : name;

            private static string Keyword(INamedTypeSymbol type) => type switch
            {
                { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
                { IsRecord: true } => "record",
                { TypeKind: TypeKind.Struct } => "struct",
                { TypeKind: TypeKind.Interface } => "interface",
                _ => "class",
            };

            /// <summary>Collects diagnostics for one network class.</summary>
            private sealed class Problems
            {
                private ImmutableArray<Diagnostic>.Builder? _diagnostics;

                public Problems(string typeName) => TypeName = typeName;

                public string TypeName { get; }

                public bool HasErrors { get; private set; }

                public void Add(DiagnosticDescriptor descriptor, Location location, params object?[] arguments)
                {
                    _diagnostics ??= ImmutableArray.CreateBuilder<Diagnostic>();
                    _diagnostics.Add(Diagnostic.Create(descriptor, location, arguments));
                    HasErrors |= descriptor.DefaultSeverity == DiagnosticSeverity.Error;
                }

                public ImmutableArray<Diagnostic> ToImmutable()
                    => _diagnostics is null ? ImmutableArray<Diagnostic>.Empty : _diagnostics.ToImmutable();
            }
        }
    }
}
