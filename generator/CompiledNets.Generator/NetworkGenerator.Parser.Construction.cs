using System.Collections.Generic;
using System.Linq;
using CompiledNets.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompiledNets.Generator
{
    public sealed partial class NetworkGenerator
    {
        internal static partial class Parser
        {
            /// <summary>
            /// The generated parameterless constructor, and the runtime's 'new T()', must be able to create the network:
            /// no primary constructor to chain to, a base constructor it can call, no required member left unset.
            /// </summary>
            private static void CheckConstruction(INamedTypeSymbol type, Problems problems)
            {
                foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax() is ClassDeclarationSyntax { ParameterList: { } parameters })
                        problems.Add(DiagnosticDescriptors.NetworkMustNotHavePrimaryConstructor, parameters.GetLocation(), type.Name);
                }

                // A base the compiler refuses (a missing type, a cycle, a static class) has no constructors to see: its own
                // error speaks.
                if (type.BaseType is { SpecialType: not SpecialType.System_Object, TypeKind: not TypeKind.Error, IsStatic: false } baseType)
                {
                    string baseName = baseType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                    IMethodSymbol[] callable = baseType.InstanceConstructors.Where(CanBeCalledWithoutArguments).ToArray();
                    if (callable.Length == 0)
                        problems.Add(DiagnosticDescriptors.BaseClassNeedsParameterlessConstructor, LocationOf(type), type.Name, baseName);
                    else if (AmbiguousWithoutArguments(callable) is { } pair)
                    {
                        problems.Add(DiagnosticDescriptors.BaseClassConstructorAmbiguous, LocationOf(type), type.Name, baseName,
                            Signature(baseType, pair.First), Signature(baseType, pair.Second));
                    }
                }

                for (INamedTypeSymbol? owner = type; owner is not null; owner = owner.BaseType)
                {
                    foreach (ISymbol member in owner.GetMembers())
                    {
                        if (member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true })
                        {
                            problems.Add(DiagnosticDescriptors.NetworkMustNotHaveRequiredMembers,
                                member.Locations.FirstOrDefault(location => location.IsInSource) ?? LocationOf(type), type.Name, member.Name);
                        }
                    }
                }
            }

            /// <summary>
            /// Two of <paramref name="callable"/> (constructors that can each be called with no arguments) that C# cannot
            /// choose between for <c>base()</c>, or null. One with no parameters wins; else one that needs no params array
            /// wins over those that do (its normal form over their expanded one); two of the same kind tie (CS0121).
            /// </summary>
            private static (IMethodSymbol First, IMethodSymbol Second)? AmbiguousWithoutArguments(IMethodSymbol[] callable)
            {
                if (callable.Any(constructor => constructor.Parameters.Length == 0))
                    return null;
                IMethodSymbol[] normal = callable.Where(constructor => !constructor.Parameters.Any(p => p.IsParams)).ToArray();
                IMethodSymbol[] tied = normal.Length > 0 ? normal : callable;
                return tied.Length >= 2 ? (tied[0], tied[1]) : null;
            }

            /// <summary>"'Model(int)'": the constructor as its class is written, with its parameter types.</summary>
            private static string Signature(INamedTypeSymbol type, IMethodSymbol constructor)
            {
                IEnumerable<string> parameters = constructor.Parameters.Select(
                    p => (p.IsParams ? "params " : "") + p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
                return $"'{type.Name}({string.Join(", ", parameters)})'";
            }

            private static bool CanBeCalledWithoutArguments(IMethodSymbol constructor)
                => constructor.DeclaredAccessibility != Accessibility.Private
                   && constructor.Parameters.All(parameter => parameter.IsOptional || parameter.IsParams);
        }
    }
}
