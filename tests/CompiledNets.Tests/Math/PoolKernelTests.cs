using CompiledNets.Numerics;

namespace CompiledNets.Tests.MathTests;

/// <summary>Pooling kernels on hand-computed 4 x 4 images: values, the routing of max pooling's deltas on ties, NaN.</summary>
public sealed class PoolKernelTests
{
    private readonly struct Window2 : IPool2DShape
    {
        public static int Channels => 1; public static int InHeight => 4; public static int InWidth => 4;
        public static int Size => 2; public static int Stride => 2; public static int OutHeight => 2; public static int OutWidth => 2;
    }

    private readonly struct Window3Stride1 : IPool2DShape
    {
        public static int Channels => 1; public static int InHeight => 4; public static int InWidth => 4;
        public static int Size => 3; public static int Stride => 1; public static int OutHeight => 2; public static int OutWidth => 2;
    }

    private readonly struct Wide : IPool2DShape
    {
        public static int Channels => 3; public static int InHeight => 6; public static int InWidth => 26;
        public static int Size => 2; public static int Stride => 2; public static int OutHeight => 3; public static int OutWidth => 13;
    }

    private static readonly float[] Image =
    [
        1, 3, 0, -1,
        3, 2, -2, -1,
        5, 5, 4, 4,
        5, 0, 4, 4,
    ];

    [Fact]
    public void Max_pooling_takes_each_window_s_maximum_and_routes_its_delta_to_the_first_one_in_row_order()
    {
        var output = new float[4];
        Pool2DKernels.MaxForward<Window2, float>(Image, output);
        Assert.Equal([3f, 0f, 5f, 4f], output);

        var inputDeltas = new float[16];
        Pool2DKernels.MaxBackward<Window2, float>(Image, output, [10f, 20f, 30f, 40f], inputDeltas);
        // Ties: 3 at (0, 1) and (1, 0) -> (0, 1); 5 three times -> (2, 0); 4 four times -> (2, 2). PyTorch picks the same.
        Assert.Equal(
            [0, 10, 20, 0,
             0, 0, 0, 0,
             30, 0, 40, 0,
             0, 0, 0, 0],
            inputDeltas);
    }

    [Fact]
    public void Overlapping_windows_add_their_deltas_where_they_share_a_maximum()
    {
        var output = new float[4];
        Pool2DKernels.MaxForward<Window3Stride1, float>(Image, output);
        Assert.Equal([5f, 5f, 5f, 5f], output);

        var inputDeltas = new float[16];
        Pool2DKernels.MaxBackward<Window3Stride1, float>(Image, output, [1f, 2f, 4f, 8f], inputDeltas);
        // Windows at (0,0) and (1,0) find 5 first at (2,0); those at (0,1) and (1,1) at (2,1).
        Assert.Equal(1f + 4f, inputDeltas[8]);
        Assert.Equal(2f + 8f, inputDeltas[9]);
        Assert.Equal(15f, inputDeltas.Sum());
    }

    [Fact]
    public void Float_2x2_windows_eight_and_four_at_a_time_give_the_one_at_a_time_maxima()
    {
        // 13 outputs per row: a vector of eight, one of four and one alone. Ties, signed zeros and a NaN among them;
        // double images take the one-at-a-time path, so the float path must give the same values (maxima are exact).
        var random = new Random(4);
        float[] image = Enumerable.Range(0, 3 * 6 * 26).Select(k => k % 7 == 0 ? 0.5f : k % 11 == 0 ? -0f : (float)random.NextDouble() - 0.5f).ToArray();
        image[100] = float.NaN;
        var output = new float[3 * 3 * 13];
        Pool2DKernels.MaxForward<Wide, float>(image, output);
        var expected = new double[output.Length];
        Pool2DKernels.MaxForward<Wide, double>(image.Select(v => (double)v).ToArray(), expected);
        Assert.Equal(expected.Select(v => (float)v).ToArray(), output);
        Assert.Contains(output, float.IsNaN);
    }

    [Fact]
    public void Float_2x2_deltas_four_windows_at_a_time_go_where_one_at_a_time_sends_them()
    {
        // Ties everywhere (zeros as after a ReLU, repeated values), a NaN window, and 13 windows per row: three vectors
        // of four and one alone. Double images take the one-at-a-time path.
        var random = new Random(5);
        float[] image = Enumerable.Range(0, 3 * 6 * 26).Select(k => k % 3 == 0 ? 0f : k % 5 == 0 ? 0.25f : (float)random.NextDouble() - 0.5f).ToArray();
        image[57] = float.NaN;
        float[] deltas = Enumerable.Range(0, 3 * 3 * 13).Select(k => (float)(k + 1)).ToArray();
        var output = new float[deltas.Length];
        Pool2DKernels.MaxForward<Wide, float>(image, output);

        float[] inputDeltas = Enumerable.Repeat(99f, image.Length).ToArray(); // every value must be overwritten
        Pool2DKernels.MaxBackward<Wide, float>(image, output, deltas, inputDeltas);

        double[] imageDouble = image.Select(v => (double)v).ToArray();
        var outputDouble = new double[deltas.Length];
        Pool2DKernels.MaxForward<Wide, double>(imageDouble, outputDouble);
        var expected = new double[image.Length];
        Pool2DKernels.MaxBackward<Wide, double>(imageDouble, outputDouble, deltas.Select(v => (double)v).ToArray(), expected);
        Assert.Equal(expected.Select(v => (float)v).ToArray(), inputDeltas);
        Assert.Equal(deltas.Sum(), inputDeltas.Sum());
    }

    [Fact]
    public void Average_pooling_takes_the_mean_and_spreads_each_delta_evenly()
    {
        var output = new float[4];
        Pool2DKernels.AverageForward<Window2, float>(Image, output);
        Assert.Equal([9f / 4, -4f / 4, 15f / 4, 16f / 4], output);

        var inputDeltas = new float[16];
        Pool2DKernels.AverageBackward<Window2, float>([4f, 8f, 12f, 16f], inputDeltas);
        Assert.Equal(
            [1, 1, 2, 2,
             1, 1, 2, 2,
             3, 3, 4, 4,
             3, 3, 4, 4],
            inputDeltas);
    }

    [Fact]
    public void A_NaN_in_a_window_gives_NaN_as_PyTorch_does()
    {
        float[] image = (float[])Image.Clone();
        image[5] = float.NaN;
        var output = new float[4];
        Pool2DKernels.MaxForward<Window2, float>(image, output);
        Assert.True(float.IsNaN(output[0]));
        Assert.Equal([0f, 5f, 4f], output[1..]);
    }
}
