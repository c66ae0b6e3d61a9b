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
