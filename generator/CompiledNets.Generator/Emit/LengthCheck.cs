using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit
{
    /// <summary>The check at the top of every public method that takes spans: the span's length against the size it must have.</summary>
    internal static class LengthCheck
    {
        /// <summary>
        /// Writes <c>ThrowIfWrongLength(input.Length, InputSize, "input");</c>. The parameter name is a literal, not
        /// nameof(...): a network class named nameof would turn that into a call.
        /// </summary>
        public static void Write(SourceWriter w, string span, string expected)
            => w.WriteLine($"{GeneratedMembers.ThrowIfWrongLength}({span}.Length, {expected}, \"{span}\");");
    }
}
