using System.Globalization;
using System.Text;
using CompiledNets.Generator.Baking;
using CompiledNets.Generator.Model;
using Microsoft.CodeAnalysis.Text;

namespace CompiledNets.Generator.Emit
{
    /// <summary>
    /// Writes {Type}.Pretrained.g.cs: the parameters of the declared weights file as read-only data in the assembly,
    /// and CreatePretrained(), which copies them into a new network.
    /// </summary>
    internal static class PretrainedEmitter
    {
        public static SourceText Emit(BakeResult result)
        {
            NetworkSpec spec = result.Request.Spec;
            var s = ScalarSyntax.For(spec.Scalar);
            var w = new SourceWriter();
            int blocks = FileHeader.Open(w, spec, "Parameters baked from " + spec.WeightsFile, withParameterTable: false);
            string self = spec.Type.Name;
            int bytes = result.Data.Count;
            w.OpenBlock($"partial class {self}");

            w.WriteLine("/// <summary>");
            w.WriteLine("/// A new network holding the parameters baked into this assembly when it was built, from");
            w.WriteLine($"/// <c>{Escape(spec.WeightsFile!)}</c>: no file is read at run time.");
            w.WriteLine("/// Each call returns a new instance, to train further or to share for inference.");
            w.WriteLine("/// </summary>");
            w.WriteLine(FileHeader.GeneratedCodeAttribute);
            w.OpenBlock($"public static {self} {GeneratedMembers.CreatePretrained}()");
            w.WriteLine($"{self} network = new {self}();");
            w.WriteLine($"global::CompiledNets.Persistence.BakedWeights.CopyTo<{s.Type}>({GeneratedMembers.PretrainedParameters}, network.{GeneratedMembers.Parameters});");
            w.WriteLine("return network;");
            w.CloseBlock();
            w.WriteLine();

            w.WriteLine($"// The {Int(spec.ParameterCount)} parameters of {spec.WeightsFile}, in Parameters order,");
            w.WriteLine($"// as little-endian IEEE 754 {s.Type}s ({Int(bytes)} bytes; the file's CRC-32 was checked when this was");
            w.WriteLine("// generated), in Base64, 76 characters to a line. A UTF-8 literal is read-only data in the");
            w.WriteLine("// assembly and compiles far faster than a byte array initializer; CreatePretrained decodes");
            w.WriteLine("// it straight into the new network's parameters.");
            if (bytes == 0)
            {
                // No parameters (pooling and flatten only): a raw string literal needs at least one line.
                w.WriteLine($"private static global::System.ReadOnlySpan<byte> {GeneratedMembers.PretrainedParameters} => default;");
            }
            else
            {
                w.WriteLine($"private static global::System.ReadOnlySpan<byte> {GeneratedMembers.PretrainedParameters} => \"\"\"");
                string base64 = System.Convert.ToBase64String(result.Data.AsSpan().ToArray());
                var lines = new StringBuilder(base64.Length + base64.Length / 76 * (SourceWriter.IndentUnit.Length + 1) + 64);
                for (int start = 0; start < base64.Length; start += 76)
                    lines.Append(SourceWriter.IndentUnit).Append(base64, start, System.Math.Min(76, base64.Length - start)).Append('\n');
                lines.Append(SourceWriter.IndentUnit).Append("\"\"\"u8;");
                w.WriteLine(lines.ToString());
            }

            w.CloseBlock();
            FileHeader.Close(w, blocks);
            return w.ToSourceText();
        }

        private static string Escape(string path) => path.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

        private static string Int(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
    }
}
