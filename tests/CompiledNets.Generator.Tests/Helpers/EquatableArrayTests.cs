using CompiledNets.Generator.Helpers;
using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Tests.Helpers;

public sealed class EquatableArrayTests
{
    [Fact]
    public void SameContent_IsEqual_WithSameHash()
    {
        EquatableArray<string> first = new[] { "a", "b" }.ToEquatableArray();
        EquatableArray<string> second = new List<string> { "a", "b" }.ToEquatableArray();

        Assert.True(first.Equals(second));
        Assert.True(first == second);
        Assert.False(first != second);
        Assert.True(first.Equals((object)second));
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Theory]
    [InlineData(new[] { "a", "b" }, new[] { "b", "a" })]
    [InlineData(new[] { "a" }, new[] { "a", "a" })]
    [InlineData(new[] { "a" }, new string[0])]
    public void DifferentContent_IsNotEqual(string[] left, string[] right)
    {
        Assert.False(left.ToEquatableArray().Equals(right.ToEquatableArray()));
        Assert.True(left.ToEquatableArray() != right.ToEquatableArray());
    }

    [Fact]
    public void Default_EqualsEmpty_AndEnumeratesNothing()
    {
        EquatableArray<int> none = default;
        EquatableArray<int> empty = Array.Empty<int>().ToEquatableArray();

        Assert.Equal(0, none.Count);
        Assert.Empty(none);
        Assert.True(none.Equals(empty));
        Assert.Equal(none.GetHashCode(), empty.GetHashCode());
        Assert.True(none.AsSpan().IsEmpty);
    }

    [Fact]
    public void IsACopy_NotAView()
    {
        int[] source = [1, 2, 3];
        EquatableArray<int> array = source.ToEquatableArray();

        source[0] = 99;

        Assert.Equal(1, array[0]);
        Assert.Equal([1, 2, 3], array);
    }

    [Fact]
    public void IsNotEqualToOtherTypes()
    {
        Assert.False(new[] { 1 }.ToEquatableArray().Equals((object)new[] { 1 }));
        Assert.False(new[] { 1 }.ToEquatableArray().Equals(null));
    }

    [Fact]
    public void RecordsHoldingIt_CompareByContent()
    {
        var first = new TypeHierarchySpec("Samples", new[] { new ContainingTypeSpec("class", "Outer") }.ToEquatableArray(), "Net", "Samples.Outer.Net");
        var second = new TypeHierarchySpec("Samples", new[] { new ContainingTypeSpec("class", "Out" + "er") }.ToEquatableArray(), "Net", "Samples.Outer.Net");
        var other = new TypeHierarchySpec("Samples", new[] { new ContainingTypeSpec("struct", "Outer") }.ToEquatableArray(), "Net", "Samples.Outer.Net");

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, other);
        Assert.Equal("Samples.Outer.Net", first.FullName);
    }
}
