using System.Text;

namespace CompiledNets.Training;

/// <summary>
/// Names what differs between a checkpoint's setting and the run's, so that a refused resume says "BatchSize = 4 in
/// the checkpoint, 5 in this run" instead of printing two long lists to compare by eye.
/// </summary>
/// <remarks>
/// Settings are written as <c>Name = value, Name = value</c> (training options) or <c>Type(Name = value, ...)</c>
/// (an optimizer), and values may hold parentheses and commas of their own (<c>Cosine(0.01)</c>,
/// <c>EarlyStopping(Patience = 5, ...)</c>). Anything else (an architecture, two optimizer types) is shown whole.
/// </remarks>
internal static class SettingDifferences
{
    /// <summary>"Name = saved in the checkpoint, current in this run" for each item that differs, or both settings whole.</summary>
    public static string Describe(string saved, string current)
    {
        string whole = $"{Shown(saved)} in the checkpoint, {Shown(current)} in this run";
        string? type = SharedType(saved, current);
        string savedList = type is null ? saved : saved[(type.Length + 1)..^1];
        string currentList = type is null ? current : current[(type.Length + 1)..^1];
        if (Items(savedList) is not { } savedItems || Items(currentList) is not { } currentItems)
            return whole;

        var differences = new StringBuilder();
        foreach (string name in savedItems.Select(item => item.Name).Union(currentItems.Select(item => item.Name)))
        {
            string? was = savedItems.FirstOrDefault(item => item.Name == name).Value;
            string? now = currentItems.FirstOrDefault(item => item.Name == name).Value;
            if (was == now)
                continue;
            differences.Append(differences.Length == 0 ? "" : "; ")
                .Append($"{name} = {Shown(was)} in the checkpoint, {Shown(now)} in this run");
        }

        return differences.Length == 0 ? whole : differences.ToString();
    }

    // An unset option is written with nothing after its "=" (EarlyStopping = ), an absent one not at all.
    private static string Shown(string? value) => string.IsNullOrEmpty(value) ? "none" : value;

    /// <summary>"Adam" when both are "Adam(...)", else null.</summary>
    private static string? SharedType(string saved, string current)
    {
        int open = saved.IndexOf('(');
        if (open <= 0 || !saved.EndsWith(')') || !current.EndsWith(')'))
            return null;
        string type = saved[..open];
        return type.All(char.IsLetterOrDigit) && current.StartsWith(type + "(", StringComparison.Ordinal) ? type : null;
    }

    /// <summary>The <c>Name = value</c> items of a list split at its top-level commas, or null if it is not such a list.</summary>
    private static List<(string Name, string Value)>? Items(string list)
    {
        var items = new List<(string Name, string Value)>();
        int depth = 0, start = 0;
        for (int i = 0; i <= list.Length; i++)
        {
            if (i < list.Length)
            {
                depth += list[i] switch { '(' => 1, ')' => -1, _ => 0 };
                if (depth != 0 || list[i] != ',')
                    continue;
            }

            string item = list[start..i].Trim();
            int equals = item.IndexOf('=');
            string name = equals < 0 ? "" : item[..equals].TrimEnd();
            if (depth != 0 || name.Length == 0 || !name.All(char.IsLetterOrDigit))
                return null;
            items.Add((name, item[(equals + 1)..].TrimStart()));
            start = i + 1;
        }

        return items;
    }
}
