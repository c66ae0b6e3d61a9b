using CompiledNets.Generator.Helpers;

namespace CompiledNets.Generator.Model
{
    /// <summary>
    /// Where the network class lives, as text: its namespace, the declarations of the types that contain it
    /// (outermost first, e.g. "partial class Outer") and its name.
    /// </summary>
    internal sealed record TypeHierarchySpec(
        string? Namespace,
        EquatableArray<string> ContainingTypeDeclarations,
        string Name)
    {
        /// <summary>Namespace-qualified name, e.g. "Samples.Xor.XorNet" or "Outer.Net".</summary>
        public string FullName
        {
            get
            {
                string nested = string.Join(".", System.Linq.Enumerable.Select(ContainingTypeDeclarations, d => d.Substring(d.LastIndexOf(' ') + 1)));
                string local = nested.Length == 0 ? Name : nested + "." + Name;
                return Namespace is null ? local : Namespace + "." + local;
            }
        }
    }
}
