namespace CompiledNets.Tests.Shared;

/// <summary>
/// An image layer of a <see cref="ReferenceNetwork"/>, before its dense layers: written from the formulas of the public
/// documentation (Conv2DAttribute, MaxPool2DAttribute, AveragePool2DAttribute, FlattenAttribute) as direct loops over
/// every output and every kernel position, with nothing shared with the runtime's im2col kernels.
/// </summary>
internal abstract record ReferenceImageLayer
{
    /// <summary>The layer's output for an image of <paramref name="shape"/>; reads its parameters from <paramref name="offset"/> on and moves it past them.</summary>
    public abstract double[] Forward(double[] parameters, ref int offset, double[] image, ref (int Channels, int Height, int Width) shape);

    public abstract int ParameterCount((int Channels, int Height, int Width) input);

    public abstract (int Channels, int Height, int Width) OutputShape((int Channels, int Height, int Width) input);
}

/// <summary>z[f, y, x] = b[f] + sum_c,i,j W[f, c, i, j] * in[c, y*s + i - p, x*s + j - p] (0 outside), a = f(z).</summary>
internal sealed record ReferenceConv(int Filters, int Kernel, int Stride, int Padding, Activation Activation, bool Bias) : ReferenceImageLayer
{
    public override int ParameterCount((int Channels, int Height, int Width) input)
        => Filters * input.Channels * Kernel * Kernel + (Bias ? Filters : 0);

    public override (int Channels, int Height, int Width) OutputShape((int Channels, int Height, int Width) input)
        => (Filters, (input.Height + 2 * Padding - Kernel) / Stride + 1, (input.Width + 2 * Padding - Kernel) / Stride + 1);

    public override double[] Forward(double[] parameters, ref int offset, double[] image, ref (int Channels, int Height, int Width) shape)
    {
        (int channels, int height, int width) = shape;
        (int _, int outHeight, int outWidth) = OutputShape(shape);
        int weights = offset, biases = offset + Filters * channels * Kernel * Kernel;
        var output = new double[Filters * outHeight * outWidth];
        for (int f = 0; f < Filters; f++)
            for (int y = 0; y < outHeight; y++)
                for (int x = 0; x < outWidth; x++)
                {
                    double z = Bias ? parameters[biases + f] : 0;
                    for (int c = 0; c < channels; c++)
                        for (int i = 0; i < Kernel; i++)
                            for (int j = 0; j < Kernel; j++)
                            {
                                int row = y * Stride + i - Padding, column = x * Stride + j - Padding;
                                if (row >= 0 && row < height && column >= 0 && column < width)
                                    z += parameters[weights + ((f * channels + c) * Kernel + i) * Kernel + j] * image[(c * height + row) * width + column];
                            }

                    output[(f * outHeight + y) * outWidth + x] = Activation switch
                    {
                        Activation.Linear => z,
                        Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
                        Activation.Tanh => Math.Tanh(z),
                        Activation.Relu => z > 0 ? z : 0,
                        Activation.LeakyRelu => z > 0 ? z : 0.01 * z,
                        _ => throw new ArgumentOutOfRangeException(nameof(Activation)),
                    };
                }

        offset += ParameterCount(shape);
        shape = OutputShape(shape);
        return output;
    }
}

/// <summary>The maximum or the mean of each Size x Size window, Stride apart, channel by channel.</summary>
internal sealed record ReferencePool(bool Max, int Size, int Stride) : ReferenceImageLayer
{
    public override int ParameterCount((int Channels, int Height, int Width) input) => 0;

    public override (int Channels, int Height, int Width) OutputShape((int Channels, int Height, int Width) input)
        => (input.Channels, (input.Height - Size) / Stride + 1, (input.Width - Size) / Stride + 1);

    public override double[] Forward(double[] parameters, ref int offset, double[] image, ref (int Channels, int Height, int Width) shape)
    {
        (int channels, int height, int width) = shape;
        (int _, int outHeight, int outWidth) = OutputShape(shape);
        var output = new double[channels * outHeight * outWidth];
        for (int c = 0; c < channels; c++)
            for (int y = 0; y < outHeight; y++)
                for (int x = 0; x < outWidth; x++)
                {
                    var window = new List<double>();
                    for (int i = 0; i < Size; i++)
                        for (int j = 0; j < Size; j++)
                            window.Add(image[(c * height + y * Stride + i) * width + x * Stride + j]);
                    output[(c * outHeight + y) * outWidth + x] = Max ? window.Max() : window.Sum() / window.Count;
                }

        shape = OutputShape(shape);
        return output;
    }
}

/// <summary>The image as one vector, in the same order.</summary>
internal sealed record ReferenceFlatten : ReferenceImageLayer
{
    public override int ParameterCount((int Channels, int Height, int Width) input) => 0;

    public override (int Channels, int Height, int Width) OutputShape((int Channels, int Height, int Width) input)
        => (input.Channels * input.Height * input.Width, 1, 1);

    public override double[] Forward(double[] parameters, ref int offset, double[] image, ref (int Channels, int Height, int Width) shape)
    {
        shape = OutputShape(shape);
        return (double[])image.Clone();
    }
}
