using CompiledNets.Numerics;

namespace CompiledNets.Tests.MathTests;

/// <summary>
/// The shape interfaces are public (the generated code implements them), so a shape can be written by hand. The
/// kernels check span lengths against the shape and then index without bounds checks: a shape whose sizes wrap
/// around int, or whose output sizes do not follow from its input, read and wrote past the spans. Now each is refused
/// before anything is touched.
/// </summary>
public sealed class HandWrittenShapeTests
{
    // 65,537 x 65,536 wraps to 65,536 in int: a 65,536-value matrix passed the length check, and the product read
    // 65,537 rows of it.
    private readonly struct WrappingDense : IDenseShape { public static int Inputs => 65_536; public static int Outputs => 65_537; }

    // A 2 x 2 image pooled by 2 x 2 windows has one output, not two: the second window would read past the image.
    private readonly struct PoolWithTooManyOutputs : IPool2DShape
    {
        public static int Channels => 1; public static int InHeight => 2; public static int InWidth => 2;
        public static int Size => 2; public static int Stride => 2; public static int OutHeight => 2; public static int OutWidth => 2;
    }

    // A 4 x 4 image and a 3 x 3 kernel give 2 x 2 positions, not 4 x 4.
    private readonly struct ConvWithTooManyOutputs : IConv2DShape
    {
        public static int InChannels => 1; public static int InHeight => 4; public static int InWidth => 4;
        public static int Kernel => 3; public static int Stride => 1; public static int Padding => 0;
        public static int OutHeight => 4; public static int OutWidth => 4;
        public static int Inputs => 9; public static int Outputs => 1;
    }

    [Fact]
    public void A_dense_shape_whose_matrix_wraps_around_int_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(
            () => DenseKernels.MatrixTimesVector<WrappingDense, float>(new float[65_536], [], new float[65_536], new float[65_537]));

        Assert.Equal("TShape", error.ParamName);
        Assert.StartsWith("Shape WrappingDense (Inputs 65536, Outputs 65537) is not a dense layer: both sizes must be positive, " +
                          "and their product at most the length of an array.", error.Message);
    }

    [Fact]
    public void A_pooling_shape_whose_outputs_do_not_follow_from_its_input_is_refused_by_every_kernel()
    {
        float[] image = new float[4], pooled = new float[4];
        Action[] kernels =
        [
            () => Pool2DKernels.MaxForward<PoolWithTooManyOutputs, float>(image, pooled),
            () => Pool2DKernels.MaxBackward<PoolWithTooManyOutputs, float>(image, pooled, pooled, image),
            () => Pool2DKernels.AverageForward<PoolWithTooManyOutputs, float>(image, pooled),
            () => Pool2DKernels.AverageBackward<PoolWithTooManyOutputs, float>(pooled, image),
        ];

        Assert.All(kernels, kernel => Assert.StartsWith(
            "Shape PoolWithTooManyOutputs (Channels 1, InHeight 2, InWidth 2, Size 2, Stride 2, OutHeight 2, OutWidth 2) is not a pooling: ",
            Assert.Throws<ArgumentException>(kernel).Message));
        Assert.Equal(new float[4], image); // nothing written
    }

    [Fact]
    public void A_convolution_shape_whose_outputs_do_not_follow_from_its_input_is_refused_by_every_kernel()
    {
        int workspace = Conv2DKernels.WorkspaceLength<ConvWithTooManyOutputs>();
        float[] image = new float[16], output = new float[16], weights = new float[9], biases = new float[1];
        Action[] kernels =
        [
            () => Conv2DKernels.Forward<ConvWithTooManyOutputs, float>(weights, biases, image, output, new float[workspace]),
            () => Conv2DKernels.InputDeltas<ConvWithTooManyOutputs, float>(weights, output, image, new float[workspace]),
            () => Conv2DKernels.AddGradient<ConvWithTooManyOutputs, float>(weights, biases, output, image, new float[workspace]),
            () => Conv2DKernels.SubtractScaledGradient<ConvWithTooManyOutputs, float>(weights, biases, output, image, 0.1f, new float[workspace]),
        ];

        Assert.All(kernels, kernel => Assert.StartsWith(
            "Shape ConvWithTooManyOutputs (InChannels 1, InHeight 4, InWidth 4, Kernel 3, Stride 1, Padding 0, OutHeight 4, OutWidth 4, " +
            "Inputs 9, Outputs 1) is not a convolution: ",
            Assert.Throws<ArgumentException>(kernel).Message));
        Assert.Equal(new float[16], image);
        Assert.Equal(new float[9], weights);
    }
}
