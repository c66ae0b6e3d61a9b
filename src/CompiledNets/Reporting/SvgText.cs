using System.Globalization;
using System.Text;

namespace CompiledNets.Reporting;

/// <summary>Text and numbers as they go into SVG: XML-escaped, culture-invariant.</summary>
internal static class SvgText
{
    /// <summary>
    /// <paramref name="text"/> made safe for element content and attribute values. Characters XML 1.0 cannot hold at
    /// all (control characters, unpaired surrogates) are replaced, so any series name yields a well-formed file.
    /// </summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '"': escaped.Append("&quot;"); break;
                case '\'': escaped.Append("&apos;"); break;
                case '\t' or '\n' or '\r': escaped.Append(' '); break;
                case < ' ' or '\uFFFE' or '\uFFFF': escaped.Append('\uFFFD'); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                        escaped.Append(c).Append(text[++i]);
                    else
                        escaped.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
                    break;
            }
        }
        return escaped.ToString();
    }

    /// <summary>A coordinate, rounded to hundredths of a pixel.</summary>
    public static string Coordinate(double value) =>
        Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// A tick label for <paramref name="value"/> on an axis whose ticks are <paramref name="step"/> apart: as many
    /// decimals as the step needs (0.25 → "0.25", 200 → "200"), and exponent notation for very small or large values.
    /// </summary>
    public static string TickLabel(double value, double step)
    {
        if (value == 0)
            return "0";
        if (step >= 1e-4 && Math.Abs(value) < 1e7)
        {
            int decimals = Math.Clamp((int)-Math.Floor(Math.Log10(step) + 1e-9), 0, 10);
            return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }
        return ExponentLabel(value, step);
    }

    /// <summary>
    /// <paramref name="value"/> in exponent notation (1e-7, 2.5e8) with the mantissa digits that ticks
    /// <paramref name="step"/> apart need to differ.
    /// </summary>
    public static string ExponentLabel(double value, double step)
    {
        int digits = Math.Clamp((int)(Math.Floor(Math.Log10(Math.Abs(value))) - Math.Floor(Math.Log10(step) + 1e-9)), 0, 15);
        return value.ToString("0." + new string('#', digits) + "e-0", CultureInfo.InvariantCulture);
    }

    /// <summary>A rough width of <paramref name="text"/> in pixels, for layout; SVG has no font metrics before rendering.</summary>
    public static double EstimatedWidth(string text, double fontSize) => text.Length * fontSize * 0.6;
}
