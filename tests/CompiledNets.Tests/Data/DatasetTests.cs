using CompiledNets.Data;

namespace CompiledNets.Tests.Data;

/// <summary>A Dataset refuses arrays whose lengths disagree with its sizes, and says what they would need.</summary>
public sealed class DatasetTests
{
    [Fact]
    public void Inputs_that_are_not_whole_examples_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new Dataset<float>(new float[7], 3, new float[2], 1));

        Assert.Equal("inputs", error.ParamName);
        Assert.StartsWith("inputs has 7 values, not a multiple of the input size 3.", error.Message);
    }

    [Theory]
    [InlineData(2, 3, 5, "targets has 5 values; 2 examples of 3 need 6.")]
    [InlineData(1, 2, 1, "targets has 1 value; 1 example of 2 needs 2.")]
    // 100,000 examples of 50,000 target values: the count overflowed an int and the message gave a negative need.
    [InlineData(100_000, 50_000, 0, "targets has 0 values; 100000 examples of 50000 need 5000000000.")]
    public void Targets_of_another_length_are_refused_with_the_length_they_need(int examples, int targetSize, int targets, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => new Dataset<float>(new float[examples], 1, new float[targets], targetSize));

        Assert.Equal("targets", error.ParamName);
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Labels_must_be_one_per_example_and_within_the_classes()
    {
        var count = Assert.Throws<ArgumentException>(() => new Dataset<float>(new float[4], 2, new float[2], 1, labels: [0]));
        var range = Assert.Throws<ArgumentException>(() => Dataset<float>.FromLabels(new float[4], 2, [1, 3], 3));

        Assert.StartsWith("labels has 1 entry for 2 examples.", count.Message);
        Assert.StartsWith("label 3 of example 1 is not in [0, 3).", range.Message);
    }

    [Fact]
    public void Labels_that_disagree_with_the_targets_are_refused_naming_the_first_example()
    {
        // Labels shuffled apart from their one-hot targets: example 1 is labelled 0 but its target is class 2's.
        float[] targets = [1, 0, 0, /**/ 0, 0, 1, /**/ 0, 1, 0];
        var error = Assert.Throws<ArgumentException>(() => new Dataset<float>(new float[3], 1, targets, 3, labels: [0, 0, 1]));

        Assert.Equal("labels", error.ParamName);
        Assert.StartsWith(
            "labels disagree with targets: example 1 is labelled 0, but its target is largest for class 2 (1 against 0 for class 0). " +
            "Each label must be the class of its example's target; were labels shuffled or cut apart from the targets?",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_probability_target_must_be_on_its_labels_side_of_one_half()
    {
        var error = Assert.Throws<ArgumentException>(() => new Dataset<double>(new double[3], 1, [0.0, 1.0, 0.5], 1, labels: [0, 0, 1]));

        Assert.Equal("labels", error.ParamName);
        Assert.StartsWith("labels disagree with targets: example 1 is labelled 0, but its target, 1, is above 0.5 (class 1).",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_that_agree_are_accepted_including_smoothed_and_tied_targets()
    {
        // Label smoothing (0.9 and 0.05s), a tie at the top, and a probability of exactly 0.5 labelled either way.
        float[] targets = [0.9f, 0.05f, 0.05f, /**/ 0.5f, 0.5f, 0, /**/ 0, 0, 1];
        var classes = new Dataset<float>(new float[3], 1, targets, 3, labels: [0, 1, 2]);
        var binary = new Dataset<float>(new float[4], 1, [0, 1, 0.5f, 0.5f], 1, labels: [0, 1, 0, 1]);

        Assert.Equal(3, classes.Count);
        Assert.Equal(4, binary.Count);
    }

    [Fact]
    public void Slice_holds_the_examples_it_names_up_to_the_last_and_refuses_more()
    {
        // Four examples of two inputs and one target, labelled 0..3; the slice [2, 4) ends at the last example.
        var data = new Dataset<float>([0, 1, 10, 11, 20, 21, 30, 31], 2, [0, 1, 2, 3], 1, labels: [0, 1, 2, 3]);

        Dataset<float> tail = data.Slice(2, 2);
        var past = Assert.Throws<ArgumentOutOfRangeException>(() => data.Slice(3, 2));

        Assert.Equal(2, tail.Count);
        Assert.Equal([20f, 21f, 30f, 31f], tail.Inputs.ToArray());
        Assert.Equal([2f, 3f], tail.Targets.ToArray());
        Assert.Equal([2, 3], tail.Labels.ToArray());
        Assert.Equal(0, data.Slice(4, 0).Count);
        Assert.Equal("count", past.ParamName);
        Assert.StartsWith("[3, 5) exceeds the 4 examples.", past.Message);
    }

    [Fact]
    public void A_slice_past_int_MaxValue_is_named_as_asked()
    {
        // The end was computed in int and read [2147483647, -2147483648).
        var data = new Dataset<float>([0, 1], 1, [0, 1], 1);

        var past = Assert.Throws<ArgumentOutOfRangeException>(() => data.Slice(int.MaxValue, 1));

        Assert.StartsWith("[2147483647, 2147483648) exceeds the 2 examples.", past.Message);
    }

    [Fact]
    public void A_slice_of_a_slice_reads_its_own_examples_and_no_others()
    {
        // The slices share the arrays: each must start at its own first example and stop at its last.
        var data = new Dataset<float>([0, 1, 10, 11, 20, 21, 30, 31, 40, 41], 2, [0, 1, 2, 3, 4], 1, labels: [0, 1, 2, 3, 4]);

        Dataset<float> middle = data.Slice(1, 3).Slice(1, 2);

        Assert.Equal([20f, 21f, 30f, 31f], middle.Inputs.ToArray());
        Assert.Equal([2f, 3f], middle.Targets.ToArray());
        Assert.Equal([2, 3], middle.Labels.ToArray());
        Assert.Equal([30f, 31f], middle.Input(1).ToArray());
        Assert.Equal([3f], middle.Target(1).ToArray());
        var past = Assert.Throws<ArgumentOutOfRangeException>(() => middle.Input(2));
        Assert.Equal("index", past.ParamName);
        Assert.StartsWith("Example 2 is not one of the 2 examples [0, 2).", past.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => middle.Target(-1));
        Assert.True(new Dataset<float>([1, 2], 1, [1, 2], 1).Slice(1, 1).Labels.IsEmpty);
    }

    [Fact]
    public void FromLabels_makes_one_hot_targets()
    {
        Dataset<double> data = Dataset<double>.FromLabels([0.5, 0.25], 1, [2, 0], 3);

        Assert.Equal([0.0, 0.0, 1.0, 1.0, 0.0, 0.0], data.Targets.ToArray());
        Assert.Equal([2, 0], data.Labels.ToArray());
        Assert.Equal(2, data.Count);
    }
}
