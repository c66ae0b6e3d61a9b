using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace CompiledNets.Generator.Emit
{
    /// <summary>Writes C# text line by line with indentation; lines end in \n so output is byte-stable on every OS.</summary>
    internal sealed class SourceWriter
    {
        private const string IndentUnit = "    ";
        private readonly StringBuilder _text = new StringBuilder();

        public int Indentation { get; private set; }

        public void WriteLine()
        {
            _text.Append('\n');
        }

        /// <summary>Writes each line of <paramref name="text"/> at the current indentation.</summary>
        public void WriteLine(string text)
        {
            foreach (string line in text.Split('\n'))
            {
                if (line.Length > 0)
                {
                    for (int i = 0; i < Indentation; i++)
                        _text.Append(IndentUnit);
                    _text.Append(line);
                }

                _text.Append('\n');
            }
        }

        /// <summary>Writes <paramref name="header"/> and an opening brace, then indents.</summary>
        public void OpenBlock(string header)
        {
            WriteLine(header);
            OpenBlock();
        }

        /// <summary>The longest line a signature is written on before its parameters move to a line of their own.</summary>
        public const int MaxLineLength = 120;

        /// <summary>
        /// Opens a method: "head(p1, p2)" on one line, or, where that line would pass <see cref="MaxLineLength"/>,
        /// "head(" with the parameters on the next line, indented once more.
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
            WriteLine(IndentUnit + list + ")");
            OpenBlock();
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
