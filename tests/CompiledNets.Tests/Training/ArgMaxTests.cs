using CompiledNets.Training;

namespace CompiledNets.Tests.Training;

public sealed class ArgMaxTests
{
    [Theory]
    [InlineData(new[] { 0.1f, 0.7f, 0.2f }, 1)]
    [InlineData(new[] { 3f }, 0)]
    [InlineData(new[] { 0.5f, 0.5f, 0.1f }, 0)] // ties: the first
    [InlineData(new[] { -3f, -1f, -2f }, 1)]
    [InlineData(new[] { float.NaN, 1f }, 0)]
    [InlineData(new[] { 1f, float.NaN, 2f }, 1)] // a NaN wins wherever it is, not only in front
    [InlineData(new[] { 1f, 2f, float.NaN, float.NaN }, 2)]
    [InlineData(new[] { 1f, float.PositiveInfinity, 2f }, 1)]
    public void Names_the_largest_value_or_the_first_NaN_as_NumPy_does(float[] values, int expected)
    {
        Assert.Equal(expected, Trainer.ArgMax<float>(values));
    }

    [Fact]
    public void An_empty_span_has_no_largest_value()
    {
        var error = Assert.Throws<ArgumentException>(() => Trainer.ArgMax<double>([]));

        Assert.Equal("values", error.ParamName);
        Assert.StartsWith("The span is empty: it has no largest value.", error.Message);
    }
}
