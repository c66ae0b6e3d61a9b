using System.Collections.Generic;
using System.Text;
using CompiledNets.Generator.Model;
using Microsoft.CodeAnalysis;

namespace CompiledNets.Generator.Helpers
{
    /// <summary>
    /// .NET metadata holds a name in at most <see cref="MaxBytes"/> bytes of UTF-8, and the compiler refuses a longer one
    /// (CS7013) when it writes the assembly. The generated code builds names longer than the user's: a layer's members
    /// add a suffix to its Name, and the explicit implementations of INeuralNetwork spell out the class's full name. A
    /// name that fits the user's code could pass the limit only there, in a file the user never wrote: CN0022 and CN0112
    /// say so at the declaration instead.
    /// </summary>
    internal static class MetadataNames
    {
        public const int MaxBytes = 1023;

        /// <summary>
        /// The longest suffix the generator adds to a layer's Name: {Name}WeightsOffset and {Name}NeuronsBuffer
        /// (a test checks every generated member against it).
        /// </summary>
        public const int LongestLayerSuffix = 13;

        /// <summary>The longest layer Name whose generated members all fit.</summary>
        public const int MaxLayerNameBytes = MaxBytes - LongestLayerSuffix;

        // An explicit implementation's metadata name is the interface as written, its type arguments, and the member:
        // "global::CompiledNets.INeuralNetwork<Samples.Net,System.Single>.get_ParameterCount" is the longest (System.Double
        // is as long).
        private const string ExplicitPrefix = "global::CompiledNets.INeuralNetwork<";
        private const string ExplicitSuffix = ",System.Single>.get_" + GeneratedMembers.ParameterCount;

        /// <summary>The longest full name of a network class whose explicit implementations fit.</summary>
        public static readonly int MaxFullNameBytes = MaxBytes - ExplicitPrefix.Length - ExplicitSuffix.Length;

        public static int Bytes(string name) => Encoding.UTF8.GetByteCount(name);

        /// <summary>The name metadata gives the type: its namespaces and containing types joined by dots, unescaped.</summary>
        public static string FullName(INamedTypeSymbol type)
        {
            var names = new List<string>();
            for (ISymbol? symbol = type; symbol is not null and not INamespaceSymbol { IsGlobalNamespace: true }; symbol = symbol.ContainingSymbol)
                names.Insert(0, symbol.Name);
            return string.Join(".", names);
        }

        /// <summary>
        /// A long name's start, for a message that would otherwise quote a thousand characters. The names are C#
        /// identifiers, which hold no surrogate pairs, so the cut never splits a character.
        /// </summary>
        public static string Abbreviated(string name)
            => name.Length <= 40 ? name : name.Substring(0, 40) + "\u2026"; // an ellipsis: "..." reads as a cut in a message
    }
}
