using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace CompiledNets.Generator.Emit
{
    /// <summary>Writes C# text line by line with indentation; lines end in \n so output is byte-stable on every OS.</summary>
    internal sealed class SourceWriter
    {
        public const string IndentUnit = "    ";
        private readonly StringBuilder _text = new StringBuilder();

        public int Indentation { get; private set; }

        public void WriteLine()
        {
            _text.Append('\n');
        }

        /// <summary>
        /// Writes each line of <paramref name="text"/> at the current indentation. A comment line ("//" or "///") that
        /// would pass <see cref="MaxCommentLength"/> continues on the next lines, broken between words (never inside quotes).
        /// </summary>
        public void WriteLine(string text)
        {
            foreach (string line in text.Split('\n'))
            {
                if (line.Length == 0)
                {
                    _text.Append('\n');
                    continue;
                }

                int room = MaxCommentLength - Indentation * IndentUnit.Length;
                if (line.Length > room && line.StartsWith("//", System.StringComparison.Ordinal) && !line.StartsWith(BannerStart, System.StringComparison.Ordinal))
                    WriteWrappedComment(line, room);
                else
                    AppendIndented(line);
            }
        }

        private void WriteWrappedComment(string line, int room)
        {
            string prefix = line.StartsWith("/// ", System.StringComparison.Ordinal) ? "/// " : "// ";
            var current = new StringBuilder(prefix);
            foreach (string word in Words(line.Substring(prefix.Length), xml: prefix == "/// "))
            {
                if (current.Length > prefix.Length && current.Length + 1 + word.Length > room)
                {
                    AppendIndented(current.ToString());
                    current.Clear().Append(prefix);
                }

                if (current.Length > prefix.Length)
                    current.Append(' ');
                current.Append(word);
            }

            AppendIndented(current.ToString());
        }

        /// <summary>
        /// The words of a comment, keeping each quoted part (an XML attribute value) whole, and in a doc comment each tag
        /// (<c>&lt;see cref="Parameters"/&gt;</c>): in XML a '&lt;' always opens one.
        /// </summary>
        private static System.Collections.Generic.IEnumerable<string> Words(string text, bool xml)
        {
            var word = new StringBuilder();
            bool quoted = false, inTag = false;
            foreach (char c in text)
            {
                if (c == '"')
                    quoted = !quoted;
                else if (xml && !quoted && (c == '<' || c == '>'))
                    inTag = c == '<';
                if (c == ' ' && !quoted && !inTag)
                {
                    if (word.Length > 0)
                        yield return word.ToString();
                    word.Clear();
                }
                else
                {
                    word.Append(c);
                }
            }

            if (word.Length > 0)
                yield return word.ToString();
        }

        private void AppendIndented(string line)
        {
            for (int i = 0; i < Indentation; i++)
                _text.Append(IndentUnit);
            _text.Append(line);
            _text.Append('\n');
        }

        /// <summary>Writes <paramref name="header"/> and an opening brace, then indents.</summary>
        public void OpenBlock(string header)
        {
            WriteLine(header);
            OpenBlock();
        }

        /// <summary>The longest line a signature or member is written on before its parameters move to a line of their own.</summary>
        public const int MaxLineLength = 130;

        /// <summary>
        /// The longest line a call is written on before its arguments move to the next: a kernel call names the runtime
        /// class in full (global::CompiledNets.Numerics.DenseKernels) and the layer's shape, and reads best on one line.
        /// </summary>
        public const int MaxCallLength = 140;

        /// <summary>The longest comment line before it continues on the next (section banners excepted: they have a fixed width).</summary>
        public const int MaxCommentLength = 130;

        /// <summary>How a section banner starts: "// ---- Layer 1 forward ...".</summary>
        public const string BannerStart = "// ----";

        /// <summary>
        /// Opens a method: "head(p1, p2)" on one line, or, where that line would pass <see cref="MaxLineLength"/>,
        /// "head(" with the parameters on the next line, indented once more (one to a line if they still do not fit).
        /// </summary>
        public void OpenMethod(string head, params string[] parameters)
        {
            string list = string.Join(", ", parameters);
            if (Indentation * IndentUnit.Length + head.Length + list.Length + 2 <= MaxLineLength)
            {
                OpenBlock(head + "(" + list + ")");
                return;
            }

            WriteLine(head + "(");
            if ((Indentation + 1) * IndentUnit.Length + list.Length + 1 <= MaxLineLength)
            {
                WriteLine(IndentUnit + list + ")");
            }
            else
            {
                for (int i = 0; i < parameters.Length; i++)
                    WriteLine(IndentUnit + parameters[i] + (i < parameters.Length - 1 ? "," : ")"));
            }

            OpenBlock();
        }

        /// <summary>
        /// "callee(a, b);" on one line, or, where that would pass <see cref="MaxCallLength"/>, with the arguments on the
        /// next, or one to a line where they still do not fit.
        /// </summary>
        public void WriteCall(string callee, params string[] arguments)
        {
            string list = string.Join(", ", arguments);
            if (Indentation * IndentUnit.Length + callee.Length + list.Length + 3 <= MaxCallLength)
                WriteLine(callee + "(" + list + ");");
            else if (FitsOnTheNextLine(list))
                WriteLine(callee + "(\n" + IndentUnit + list + ");");
            else
                WriteLine(callee + "(\n" + IndentUnit + string.Join(",\n" + IndentUnit, arguments) + ");");
        }

        /// <summary>
        /// As <see cref="WriteCall(string, string[])"/>, but where the arguments do not fit on one line each group of them
        /// takes a line of its own (say, what a kernel adds into, then what from), or, where a group does not fit either,
        /// one argument to a line.
        /// </summary>
        public void WriteCall(string callee, params string[][] groups)
        {
            string[] arguments = groups.SelectMany(group => group).ToArray();
            string[] lines = groups.Select(group => string.Join(", ", group)).ToArray();
            string list = string.Join(", ", arguments);
            bool wraps = Indentation * IndentUnit.Length + callee.Length + list.Length + 3 > MaxCallLength && !FitsOnTheNextLine(list);
            if (wraps && lines.All(FitsOnTheNextLine))
                WriteLine(callee + "(\n" + IndentUnit + string.Join(",\n" + IndentUnit, lines) + ");");
            else
                WriteCall(callee, arguments);
        }

        /// <summary>Whether arguments written on a line of their own under the call, with "," or ");" after them, fit.</summary>
        private bool FitsOnTheNextLine(string arguments) => (Indentation + 1) * IndentUnit.Length + arguments.Length + 2 <= MaxCallLength;

        /// <summary>Whether <paramref name="line"/>, written at the current indentation, is within <paramref name="limit"/>.</summary>
        public bool Fits(string line, int limit = MaxLineLength) => Indentation * IndentUnit.Length + line.Length <= limit;

        /// <summary>
        /// "public const int A = 1, B = 2;": constants that go together (a layer's sizes, its blocks' offsets) in one
        /// declaration, on one line, or one name per line where that line would pass <see cref="MaxLineLength"/>.
        /// </summary>
        public void WriteConstants(params (string Name, int Value)[] constants)
        {
            string[] declarators = constants
                .Select(constant => constant.Name + " = " + constant.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .ToArray();
            string line = "public const int " + string.Join(", ", declarators) + ";";
            WriteLine(Fits(line) ? line : "public const int " + string.Join(",\n" + IndentUnit, declarators) + ";");
        }

        /// <summary>
        /// "type a = x, b = y;": locals that go together (a layer's outputs and deltas) in one statement where it fits
        /// within <see cref="MaxLineLength"/>, else one statement each. Nothing is written for no locals.
        /// </summary>
        public void WriteLocals(string type, IReadOnlyList<(string Name, string Value)> locals)
        {
            string[] declarators = locals.Select(local => local.Name + " = " + local.Value).ToArray();
            string line = type + " " + string.Join(", ", declarators) + ";";
            if (declarators.Length == 0)
                return;
            if (declarators.Length == 1 || Fits(line))
            {
                WriteLine(line);
                return;
            }

            foreach (string declarator in declarators)
                WriteLine(type + " " + declarator + ";");
        }

        /// <summary>"declaration => body" on one line, or with "=> body" on the next where the line would be too long.</summary>
        public void WriteMember(string declaration, string body)
        {
            if (Indentation * IndentUnit.Length + declaration.Length + body.Length + 4 <= MaxLineLength)
                WriteLine(declaration + " => " + body);
            else
                WriteLine(declaration + "\n" + IndentUnit + "=> " + body);
        }

        public void OpenBlock()
        {
            WriteLine("{");
            Indentation++;
        }

        public void CloseBlock(string suffix = "")
        {
            Indentation--;
            WriteLine("}" + suffix);
        }

        public SourceText ToSourceText()
        {
            if (Indentation != 0)
                throw new System.InvalidOperationException("Unbalanced blocks: indentation is " + Indentation + " at the end of the file.");
            return SourceText.From(_text.ToString(), Encoding.UTF8);
        }

        public override string ToString() => _text.ToString();
    }
}
