using System.Globalization;

namespace CompiledNets.Reporting;

/// <summary>
/// A count and its noun for messages: "1 parameter", "2 parameters". The one-weight tutorial network has one parameter,
/// and early stopping with a patience of 1 stops after one epoch: messages meet the singular.
/// </summary>
internal static class Counted
{
    /// <summary><paramref name="count"/> and <paramref name="noun"/>, with an "s" unless the count is 1.</summary>
    public static string Of(long count, string noun) => Of(count, noun, noun + "s");

    /// <summary><paramref name="count"/> and <paramref name="singular"/> or <paramref name="plural"/>, for nouns such as "entry".</summary>
    public static string Of(long count, string singular, string plural)
        => count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural);

    /// <summary>As <see cref="Of(long, string)"/>, with the current culture's thousands separators ("101,770 parameters").</summary>
    public static string Grouped(long count, string noun)
        => $"{count:N0} {(count == 1 ? noun : noun + "s")}";
}
