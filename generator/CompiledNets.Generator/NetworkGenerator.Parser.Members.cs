using System.Collections.Generic;
using System.Linq;
using CompiledNets.Generator.Diagnostics;
using CompiledNets.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompiledNets.Generator
{
    public sealed partial class NetworkGenerator
    {
        internal static partial class Parser
        {
            // The names the generated code takes in the network class (GeneratedMembers), against the class's own members
            // (CN0006, CN0008, CN0013) and those it inherits (CN0017).

            private static void CheckMemberCollisions(NetworkSpec spec, INamedTypeSymbol type, TypeDeclarationSyntax declaration, Problems problems)
            {
                var generated = new HashSet<string>(GeneratedMembers.All(spec), System.StringComparer.Ordinal);
                Dictionary<string, GeneratedMethod> methods = GeneratedMembers.Methods(spec);
                if (generated.Contains(type.Name))
                    problems.Add(DiagnosticDescriptors.NetworkNamedLikeGeneratedMember, declaration.Identifier.GetLocation(), type.Name);
                foreach (ISymbol member in type.GetMembers())
                {
                    if (member.IsImplicitlyDeclared)
                        continue;
                    Location at = member.Locations.FirstOrDefault() ?? declaration.Identifier.GetLocation();
                    if (member is IMethodSymbol { MethodKind: MethodKind.Constructor, Parameters.Length: 0, IsStatic: false })
                        problems.Add(DiagnosticDescriptors.NetworkMustNotDeclareParameterlessConstructor, at, type.Name);
                    else if (generated.Contains(member.Name) && !IsOverloadOfPublicMethod(member, methods))
                        problems.Add(DiagnosticDescriptors.MemberNameCollides, at, type.Name, member.Name);
                }

                CheckInheritedMembers(type, declaration, generated, methods, problems);
            }

            /// <summary>
            /// CN0017: a generated member would hide a member the class inherits (the compiler's CS0108 warning, in the
            /// generated code). A generated method hides any other kind of member of its name, and a method only where the
            /// parameter types are the same; a generated field, property or type hides every member of its name.
            /// </summary>
            private static void CheckInheritedMembers(INamedTypeSymbol type, TypeDeclarationSyntax declaration, HashSet<string> generated,
                Dictionary<string, GeneratedMethod> methods, Problems problems)
            {
                var reported = new HashSet<string>(System.StringComparer.Ordinal);
                Location at = declaration.BaseList?.Types.FirstOrDefault()?.GetLocation() ?? declaration.Identifier.GetLocation();
                for (INamedTypeSymbol? ancestor = type.BaseType;
                     ancestor is { SpecialType: not SpecialType.System_Object };
                     ancestor = ancestor.BaseType)
                {
                    foreach (ISymbol member in ancestor.GetMembers())
                    {
                        if (member.IsImplicitlyDeclared || !generated.Contains(member.Name) || !IsVisibleTo(member, type)
                            || IsOverload(member, methods) || !reported.Add(member.Name))
                            continue;
                        problems.Add(DiagnosticDescriptors.InheritedMemberCollides, at, type.Name, member.Name,
                            ancestor.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
                    }
                }
            }

            /// <summary>
            /// Whether <paramref name="member"/>, declared in the network class, is a method that overloads one of the public
            /// generated methods (a convenience such as <c>float[] Predict(float[] input)</c>). The generated code's own calls
            /// pass exactly the generated parameter types, so they still bind to the generated method. The private generated
            /// names stay reserved whatever the parameters.
            /// </summary>
            private static bool IsOverloadOfPublicMethod(ISymbol member, Dictionary<string, GeneratedMethod> methods)
                => methods.TryGetValue(member.Name, out GeneratedMethod generated) && generated.IsPublic && IsOverload(member, methods);

            /// <summary>Whether <paramref name="member"/> is a method that a generated method of its name overloads.</summary>
            private static bool IsOverload(ISymbol member, Dictionary<string, GeneratedMethod> methods)
                => member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method
                   && methods.TryGetValue(method.Name, out GeneratedMethod generated)
                   && (generated.Parameters is null || method.Arity != 0 || method.IsVararg
                       || method.Parameters.Any(p => p.RefKind != RefKind.None) || ParameterTypes(method) != generated.Parameters);

            /// <summary>"System.Span&lt;float&gt;, float": nullable annotations (string?) do not make another signature.</summary>
            private static string ParameterTypes(IMethodSymbol method)
                => string.Join(", ", method.Parameters.Select(p => p.Type.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString()));

            /// <summary>Whether a class in <paramref name="type"/>'s assembly sees <paramref name="member"/>, so that hiding it matters.</summary>
            private static bool IsVisibleTo(ISymbol member, INamedTypeSymbol type) => member.DeclaredAccessibility switch
            {
                Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal => true,
                Accessibility.Internal or Accessibility.ProtectedAndInternal
                    => SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, type.ContainingAssembly)
                       || member.ContainingAssembly.GivesAccessTo(type.ContainingAssembly),
                _ => false,
            };
        }
    }
}
