using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CompiledNets.Generator.Helpers
{
    /// <summary>Finds where in source an attribute, or one of its arguments, was written, to place a diagnostic there.</summary>
    internal static class AttributeLocations
    {
        public static Location OfAttribute(AttributeData attribute, CancellationToken cancellationToken)
            => Syntax(attribute, cancellationToken)?.GetLocation() ?? Location.None;

        /// <summary>
        /// Where the constructor's parameter <paramref name="index"/> was given: the argument named after it
        /// (<c>units: -3</c>, which may come in any order), else the one in its position; the whole attribute when it was
        /// not written (a default value).
        /// </summary>
        public static Location OfConstructorArgument(AttributeData attribute, int index, CancellationToken cancellationToken)
        {
            AttributeSyntax? syntax = Syntax(attribute, cancellationToken);
            if (syntax?.ArgumentList is { } list)
            {
                string? parameter = attribute.AttributeConstructor is { } constructor && index < constructor.Parameters.Length
                    ? constructor.Parameters[index].Name
                    : null;
                for (int i = 0; i < list.Arguments.Count; i++)
                {
                    AttributeArgumentSyntax argument = list.Arguments[i];
                    if (argument.NameEquals is null && (argument.NameColon is { } named ? named.Name.Identifier.ValueText == parameter : i == index))
                        return argument.GetLocation();
                }
            }

            return syntax?.GetLocation() ?? Location.None;
        }

        /// <summary>The <c>Name = value</c> argument, or the whole attribute when the argument was not written.</summary>
        public static Location OfNamedArgument(AttributeData attribute, string name, CancellationToken cancellationToken)
        {
            AttributeSyntax? syntax = Syntax(attribute, cancellationToken);
            if (syntax?.ArgumentList is { } list)
            {
                foreach (AttributeArgumentSyntax argument in list.Arguments)
                {
                    if (argument.NameEquals?.Name.Identifier.ValueText == name)
                        return argument.GetLocation();
                }
            }

            return syntax?.GetLocation() ?? Location.None;
        }

        private static AttributeSyntax? Syntax(AttributeData attribute, CancellationToken cancellationToken)
            => attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
    }
}
