using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CompiledNets.Numerics;
using CompiledNets.Tests.Networks;
using CompiledNets.Tests.Shared;

namespace CompiledNets.Tests.MathTests;

/// <summary>
/// Networks whose code calls the kernels keep their parameters on a 64-byte boundary (AlignedStorage), and so do the
/// trainer's buffers (AlignedArray), per-thread scratch and the batched kernels' inputs (AlignedInputs): vector loads
/// that span two cache lines made the digits network's matrix-vector product 1.5-2x slower. The boundary must hold for every instance and survive a compacting
/// collection, since the GC moves ordinary objects.
/// </summary>
public sealed class AlignmentTests
{
    [Fact]
    public void Parameters_of_networks_that_call_kernels_start_on_a_64_byte_boundary_and_stay_there()
    {
        var dense = Enumerable.Range(0, 16).Select(_ => new Mnist784()).ToList();
        var conv = Enumerable.Range(0, 4).Select(_ => new ConvKernel5Padding2()).ToList();
        float[] before = dense[7].Parameters.ToArray();

        Assert.All(dense, network => AssertAligned(network.Parameters));
        Assert.All(conv, network => AssertAligned(network.Parameters));

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

        Assert.All(dense, network => AssertAligned(network.Parameters));
        Assert.Equal(before, dense[7].Parameters.ToArray());
    }

    [Fact]
    public void Aligned_arrays_are_zeroed_on_a_64_byte_boundary_with_the_asked_length()
    {
        foreach (int length in new[] { 0, 1, 15, 16, 17, 101_770 })
        {
            ArraySegment<float> floats = AlignedArray.Allocate<float>(length);
            ArraySegment<double> doubles = AlignedArray.Allocate<double>(length);

            Assert.Equal((length, length), (floats.Count, doubles.Count));
            Assert.True(floats.All(value => value == 0f) && doubles.All(value => value == 0d));
            if (length > 0)
            {
                AssertAligned(floats.AsSpan());
                AssertAligned(doubles.AsSpan());
            }
        }
    }

    [Fact]
    public void Each_threads_scratch_starts_on_a_64_byte_boundary()
    {
        nint[] addresses = new nint[4];
        Parallel.For(0, addresses.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            k => addresses[k] = AddressOf(ref ThreadScratch<TestScratch>.Value.First));

        Assert.All(addresses, address => Assert.Equal(0, address % AlignedStorage<float>.Alignment));
    }

    [Fact]
    public void Batched_kernels_copy_inputs_off_a_boundary_to_an_aligned_buffer_and_give_the_same_bits()
    {
        const int rows = 16, columns = 32, examples = 5;
        var random = new Random(3);
        float[] weights = Enumerable.Range(0, rows * columns).Select(_ => random.NextSingle() - 0.5f).ToArray();
        float[] biases = Enumerable.Range(0, rows).Select(_ => random.NextSingle()).ToArray();
        float[] deltas = Enumerable.Range(0, examples * rows).Select(_ => random.NextSingle() - 0.5f).ToArray();
        ArraySegment<float> block = AlignedArray.Allocate<float>(examples * columns + 1);
        Span<float> aligned = block.AsSpan(0, examples * columns), offset = block.AsSpan(1, examples * columns);
        for (int k = 0; k < aligned.Length; k++)
            aligned[k] = random.NextSingle();

        // Aligned, too few rows to pay, or rows of 33 values (only the first row could start on a boundary): as given.
        Assert.True(AlignedInputs<float>.For(aligned, rows, columns) == aligned);
        Assert.True(AlignedInputs<float>.For(aligned[1..], rows - 1, columns) == aligned[1..]);
        float[] oddRows = new float[4 * 33];
        Assert.True(AlignedInputs<float>.For(oddRows, rows, 33) == oddRows.AsSpan());

        float[] expectedOutputs = new float[examples * rows], expectedGradient = new float[rows * columns];
        DenseKernels.MatrixTimesMatrix<float>(weights, biases, aligned, expectedOutputs, examples);
        DenseKernels.AddDeltasTimesInputs<float>(expectedGradient, deltas, aligned, examples);
        aligned.CopyTo(block.AsSpan(1, examples * columns)); // the same values, one float past the boundary

        ReadOnlySpan<float> copied = AlignedInputs<float>.For(offset, rows, columns);
        float[] outputs = new float[examples * rows], gradient = new float[rows * columns];
        DenseKernels.MatrixTimesMatrix<float>(weights, biases, offset, outputs, examples);
        DenseKernels.AddDeltasTimesInputs<float>(gradient, deltas, offset, examples);

        AssertAligned(copied);
        Assert.Equal(offset.ToArray(), copied.ToArray());
        Near.AssertBitwiseEqual<float>(expectedOutputs, outputs, "MatrixTimesMatrix, inputs one float off a boundary");
        Near.AssertBitwiseEqual<float>(expectedGradient, gradient, "AddDeltasTimesInputs, inputs one float off a boundary");
    }

    private static void AssertAligned<T>(ReadOnlySpan<T> values)
        => Assert.Equal(0, AddressOf(ref MemoryMarshal.GetReference(values)) % AlignedStorage<float>.Alignment);

    private static void AssertAligned<T>(Span<T> values) => AssertAligned((ReadOnlySpan<T>)values);

    /// <summary>The address of a reference, without an unsafe context: its distance from the null reference.</summary>
    private static nint AddressOf<T>(ref T value) => Unsafe.ByteOffset(ref Unsafe.NullRef<T>(), ref value);

    [InlineArray(100)]
    private struct TestScratch
    {
        public float First;
    }
}
