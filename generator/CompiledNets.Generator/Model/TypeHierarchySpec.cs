using System.Linq;
using CompiledNets.Generator.Helpers;

namespace CompiledNets.Generator.Model
{
    /// <summary>Where the network class lives: its namespace, the types that contain it (outermost first) and its name.</summary>
    /// <param name="Namespace">As code, keywords escaped (@event.Nets), or null for the global namespace.</param>
    /// <param name="Name">As code, a keyword escaped (@class).</param>
    /// <param name="HintStem">The stem of its generated file names, unique and valid by construction (Helpers/HintNames).</param>
    internal sealed record TypeHierarchySpec(
        string? Namespace,
        EquatableArray<ContainingTypeSpec> ContainingTypes,
        string Name,
        string HintStem)
    {
        /// <summary>Namespace-qualified name, e.g. "Samples.Xor.XorNet" or "Outer.Net".</summary>
        public string FullName
        {
            get
            {
                string nested = string.Join(".", ContainingTypes.Select(type => type.Name));
                string local = nested.Length == 0 ? Name : nested + "." + Name;
                return Namespace is null ? local : Namespace + "." + local;
            }
        }
    }

    /// <summary>A type that contains the network class, re-opened by the generated code.</summary>
    /// <param name="Keyword">"class", "struct", "record", "record struct" or "interface".</param>
    /// <param name="Name">As code, a keyword escaped.</param>
    internal sealed record ContainingTypeSpec(string Keyword, string Name)
    {
        /// <summary>e.g. "partial class Outer".</summary>
        public string Declaration => "partial " + Keyword + " " + Name;
    }
}
