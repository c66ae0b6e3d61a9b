using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;

namespace CompiledNets.Generator.Helpers
{
    /// <summary>
    /// The stem of a network's generated file names ("Samples.Xor.XorNet" for Samples.Xor.XorNet.Network.g.cs), unique and
    /// valid by construction. Roslyn compares hint names without case and accepts only some characters, and a duplicate
    /// or invalid one throws inside the generator, which drops the code of every network in the project. So the stem is
    /// the plain names joined by dots, and where that could clash — a character a hint name cannot hold (replaced by '_'),
    /// or a namespace or type beside one of them whose name differs only in case — a hash of the exact name follows, as it
    /// does a name cut to <see cref="MaxStemLength"/>.
    /// </summary>
    internal static class HintNames
    {
        /// <summary>
        /// The longest stem. A build that writes the generated files (EmitCompilerGeneratedFiles) names each file by its
        /// hint name, and a file name holds at most 255 bytes: a network in a namespace of some 240 characters failed the
        /// build (CS0016). Longer names keep their end, the type's own names, and the hash of the whole.
        /// </summary>
        public const int MaxStemLength = 100;

        public static string For(INamedTypeSymbol type)
        {
            var names = new List<string>();
            bool caseTwin = false;
            for (ISymbol? symbol = type; symbol is not null and not INamespaceSymbol { IsGlobalNamespace: true }; symbol = symbol.ContainingSymbol)
            {
                names.Insert(0, symbol.Name);
                caseTwin |= HasCaseTwin(symbol);
            }

            string exact = string.Join(".", names);
            string safe = Sanitize(exact);
            if (safe == exact && !caseTwin && exact.Length <= MaxStemLength)
                return exact;
            string hash = "." + Fnv1a(exact).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
            return safe.Length + hash.Length <= MaxStemLength ? safe + hash : Tail(safe, MaxStemLength - hash.Length) + hash;
        }

        /// <summary>The last <paramref name="length"/> characters at most, from a name's start where one begins in them.</summary>
        private static string Tail(string name, int length)
        {
            string tail = name.Substring(name.Length - length);
            int dot = tail.IndexOf('.');
            return dot >= 0 && dot < tail.Length - 1 ? tail.Substring(dot + 1) : tail;
        }

        /// <summary>Whether a namespace or type beside <paramref name="symbol"/> has its name in another case.</summary>
        private static bool HasCaseTwin(ISymbol symbol)
        {
            INamespaceOrTypeSymbol? parent = (INamespaceOrTypeSymbol?)symbol.ContainingType ?? symbol.ContainingNamespace;
            if (parent is null)
                return false;
            foreach (ISymbol sibling in parent.GetMembers())
            {
                if (sibling is INamespaceOrTypeSymbol
                    && string.Equals(sibling.Name, symbol.Name, System.StringComparison.OrdinalIgnoreCase)
                    && !string.Equals(sibling.Name, symbol.Name, System.StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Letters, digits, '_' and '.' of ASCII kept; anything else becomes '_'.</summary>
        private static string Sanitize(string name)
        {
            var text = new StringBuilder(name.Length);
            foreach (char c in name)
                text.Append(c < 128 && (char.IsLetterOrDigit(c) || c == '_' || c == '.') ? c : '_');
            return text.ToString();
        }

        /// <summary>32-bit FNV-1a over the UTF-16 code units: the same on every machine and every run.</summary>
        private static uint Fnv1a(string text)
        {
            uint hash = 2166136261;
            foreach (char c in text)
            {
                hash ^= c;
                hash *= 16777619;
            }

            return hash;
        }
    }
}
