using System.Runtime.InteropServices;
using CompiledNets.Numerics;

namespace CompiledNets.Tests.MathTests;

/// <summary>
/// The trainer's buffers are kept from one run for the next. Each test uses an element type of its own, so the
/// training tests running meanwhile (which rent float and double buffers) cannot take what a test returned.
/// </summary>
public sealed class AlignedBufferCacheTests
{
    private record struct Kept(long Value);

    private record struct Large(long Value);

    private record struct Many(long Value);

    [Fact]
    public void A_returned_buffer_comes_back_cleared_on_its_boundary_for_the_next_run_that_fits_in_it()
    {
        ArraySegment<Kept> first = AlignedBufferCache<Kept>.Rent(100);
        first.AsSpan().Fill(new Kept(7));
        AlignedBufferCache<Kept>.Return(first);

        ArraySegment<Kept> second = AlignedBufferCache<Kept>.Rent(60);

        Assert.Same(first.Array, second.Array);
        Assert.Equal(first.Offset, second.Offset);
        Assert.Equal(60, second.Count);
        Assert.True(AlignedArray.IsOnBoundary(ref MemoryMarshal.GetReference(second.AsSpan())));
        Assert.All(second, value => Assert.Equal(default, value));

        ArraySegment<Kept> longer = AlignedBufferCache<Kept>.Rent(101); // more than any kept buffer holds: a new one
        Assert.NotSame(first.Array, longer.Array);
        Assert.Equal(101, longer.Count);
    }

    [Fact]
    public void Buffers_above_the_largest_kept_are_left_to_the_collector()
    {
        ArraySegment<Large> buffer = AlignedBufferCache<Large>.Rent(AlignedBufferCache<Large>.LargestKept + 1);
        AlignedBufferCache<Large>.Return(buffer);

        Assert.NotSame(buffer.Array, AlignedBufferCache<Large>.Rent(10).Array);
    }

    [Fact]
    public void At_most_eight_buffers_are_kept()
    {
        const int kept = AlignedBufferCache<Many>.MostKept;
        Assert.Equal(8, kept);
        ArraySegment<Many>[] rented = Enumerable.Range(0, kept + 1).Select(_ => AlignedBufferCache<Many>.Rent(16)).ToArray();
        foreach (ArraySegment<Many> buffer in rented)
            AlignedBufferCache<Many>.Return(buffer);

        Many[]?[] again = Enumerable.Range(0, kept + 1).Select(_ => AlignedBufferCache<Many>.Rent(16).Array).ToArray();

        Assert.Equal(kept, again.Count(array => rented.Any(r => ReferenceEquals(r.Array, array))));
        Assert.DoesNotContain(again, array => ReferenceEquals(array, rented[kept].Array)); // the last returned was let go
    }
}
