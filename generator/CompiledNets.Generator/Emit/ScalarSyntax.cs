using System.Globalization;
using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Emit
{
    /// <summary>How the element type is spelled in generated code: type name, math class, literals.</summary>
    internal sealed class ScalarSyntax
    {
        public const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
        public const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";

        private ScalarSyntax(ScalarKind kind)
        {
            Kind = kind;
        }

        public static ScalarSyntax For(ScalarKind kind) => new ScalarSyntax(kind);

        public ScalarKind Kind { get; }

        public bool IsDouble => Kind == ScalarKind.Double;

        /// <summary>"float" or "double".</summary>
        public string Type => IsDouble ? "double" : "float";

        /// <summary>"global::System.MathF" or "global::System.Math".</summary>
        public string Math => IsDouble ? "global::System.Math" : "global::System.MathF";

        public string Span => "global::System.Span<" + Type + ">";

        public string ReadOnlySpan => "global::System.ReadOnlySpan<" + Type + ">";

        /// <summary>A literal of the element type, round-trippable and culture-invariant: 0.5 -> "0.5f" or "0.5".</summary>
        public string Literal(double value)
        {
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            if (IsDouble)
                return text.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? text : text + ".0";
            return text + "f";
        }

        public string Zero => Literal(0);

        public string One => Literal(1);
    }
}
