using System.Text;

namespace CompiledNets.Training;

/// <summary>Counts of (true class, predicted class) pairs.</summary>
public sealed class ConfusionMatrix
{
    private readonly int[] _counts;

    /// <summary>An empty matrix for <paramref name="classes"/> classes.</summary>
    public ConfusionMatrix(int classes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        Classes = classes;
        _counts = new int[classes * classes];
    }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>How many examples of class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    public int this[int actual, int predicted] => _counts[Index(actual, predicted)];

    /// <summary>Counts one example.</summary>
    public void Add(int actual, int predicted) => _counts[Index(actual, predicted)]++;

    private int Index(int actual, int predicted)
    {
        // Check each class, not just the flat index, which would silently land in another cell.
        if ((uint)actual >= (uint)Classes)
            throw new ArgumentOutOfRangeException(nameof(actual), actual, $"Classes are 0 to {Classes - 1}.");
        if ((uint)predicted >= (uint)Classes)
            throw new ArgumentOutOfRangeException(nameof(predicted), predicted, $"Classes are 0 to {Classes - 1}.");
        return actual * Classes + predicted;
    }

    /// <summary>The matrix as aligned text, true classes down, predictions across.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("actual \\ predicted\n      ");
        for (int p = 0; p < Classes; p++)
            text.Append(p.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(6));
        text.Append('\n');
        for (int a = 0; a < Classes; a++)
        {
            text.Append(a.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(6));
            for (int p = 0; p < Classes; p++)
                text.Append(this[a, p].ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(6));
            text.Append('\n');
        }

        return text.ToString();
    }
}
