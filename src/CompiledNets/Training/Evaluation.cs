namespace CompiledNets.Training;

/// <summary>How a network does on a data set.</summary>
/// <param name="Loss">Mean loss per example.</param>
/// <param name="Accuracy">
/// Fraction classified right, for classification: the largest output against the label (or the one-hot target),
/// or, for a network of one output and labels 0 and 1, that output thresholded at 0.5; without labels, for binary
/// cross-entropy, each output thresholded at 0.5. Null for regression, and null when any prediction held a
/// NaN or an infinity (a diverged network): no class is the largest then.
/// </param>
/// <param name="Count">Examples evaluated.</param>
/// <param name="Confusion">
/// For labelled data: how often each true class (row) was predicted as each class (column), two classes for a
/// network of one output; null, as
/// <paramref name="Accuracy"/>, when a prediction was not finite.
/// </param>
public sealed record Evaluation(double Loss, double? Accuracy, int Count, ConfusionMatrix? Confusion)
{
    // One line: the record's own ToString printed the whole confusion table inside it, a million cells for 1,000 classes.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"Loss = {Loss:R}, Accuracy = {(Accuracy is { } accuracy ? accuracy.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "null")}, Count = {Count}, ");
        builder.Append(Confusion is null ? "Confusion = null" : $"Confusion = {Confusion.Classes} x {Confusion.Classes} (Confusion.ToString() prints it)");
        return true;
    }
}
