using System.Globalization;
using System.Text;

namespace CompiledNets.Training;

/// <summary>Counts of (true class, predicted class) pairs.</summary>
/// <remarks>
/// Up to <see cref="TableLimit"/> classes the counts are a table of every cell. Beyond it (a softmax over a vocabulary,
/// say) only the cells that occur are kept: a table of 20,000 classes took 1.6 GB per evaluation, and one of 46,341 or
/// more classes could not be allocated at all.
/// </remarks>
public sealed class ConfusionMatrix
{
    /// <summary>The most classes whose counts are kept, and printed, as a table of every cell (4 MB of counts).</summary>
    public const int TableLimit = 1024;

    private readonly int[]? _table;
    private readonly Dictionary<(int Actual, int Predicted), int>? _occurring;

    /// <summary>An empty matrix for <paramref name="classes"/> classes.</summary>
    public ConfusionMatrix(int classes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        Classes = classes;
        if (classes <= TableLimit)
            _table = new int[classes * classes];
        else
            _occurring = [];
    }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>How many examples of class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    public int this[int actual, int predicted]
    {
        get
        {
            Check(actual, predicted);
            return _table is not null
                ? _table[actual * Classes + predicted]
                : _occurring!.GetValueOrDefault((actual, predicted));
        }
    }

    /// <summary>Counts one example.</summary>
    public void Add(int actual, int predicted)
    {
        Check(actual, predicted);
        if (_table is not null)
            _table[actual * Classes + predicted]++;
        else
            _occurring![(actual, predicted)] = _occurring.GetValueOrDefault((actual, predicted)) + 1;
    }

    private void Check(int actual, int predicted)
    {
        // Check each class, not just the flat index, which would silently land in another cell.
        if ((uint)actual >= (uint)Classes)
            throw new ArgumentOutOfRangeException(nameof(actual), actual, $"Classes are 0 to {Classes - 1}.");
        if ((uint)predicted >= (uint)Classes)
            throw new ArgumentOutOfRangeException(nameof(predicted), predicted, $"Classes are 0 to {Classes - 1}.");
    }

    /// <summary>
    /// The matrix as aligned text, true classes down, predictions across; beyond <see cref="TableLimit"/> classes, one
    /// line per cell that occurs ("actual 7, predicted 3: 2"), by true class and then prediction.
    /// </summary>
    public override string ToString()
    {
        var invariant = CultureInfo.InvariantCulture;
        if (_occurring is not null)
        {
            var lines = new StringBuilder($"{Classes} classes; the cells that occur:\n");
            foreach (var ((actual, predicted), count) in _occurring.OrderBy(cell => cell.Key))
                lines.Append(invariant, $"actual {actual}, predicted {predicted}: {count}\n");
            return lines.ToString();
        }

        // Columns of 6 characters, or wider where a count or class needs it, so neighbours never run together.
        int width = Math.Max(6, 1 + Math.Max(_table!.Max(), Classes - 1).ToString(invariant).Length);
        var text = new StringBuilder("actual \\ predicted\n").Append(' ', width);
        for (int p = 0; p < Classes; p++)
            text.Append(p.ToString(invariant).PadLeft(width));
        text.Append('\n');
        for (int a = 0; a < Classes; a++)
        {
            text.Append(a.ToString(invariant).PadLeft(width));
            for (int p = 0; p < Classes; p++)
                text.Append(this[a, p].ToString(invariant).PadLeft(width));
            text.Append('\n');
        }

        return text.ToString();
    }
}
