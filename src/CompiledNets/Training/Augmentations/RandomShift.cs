using System.Globalization;
using System.Numerics;
using CompiledNets.Numerics;

namespace CompiledNets.Training;

/// <summary>
/// Moves each training image by a random whole number of pixels, from -<see cref="MaxPixels"/> to
/// +<see cref="MaxPixels"/> down and, independently, across (every channel alike), and fills the edge it uncovers with
/// zeros. A digit two pixels off centre is still the same digit, so the network learns strokes rather than positions
/// (README shows what it does for the convolutional digits sample).
/// </summary>
public sealed class RandomShift : Augmentation
{
    /// <summary>A shift of up to <paramref name="maxPixels"/> in each direction, for images of channels x height x width values (row-major, as <c>[Input(channels, height, width)]</c>).</summary>
    public RandomShift(int maxPixels, int channels, int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegative(maxPixels);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(maxPixels, Math.Min(height, width));
        long plane = (long)height * width; // fits in long; so does plane * channels once plane fits in int
        if (plane > int.MaxValue || plane * channels > int.MaxValue)
        {
            // In int the product would wrap around, and a wrapped size could pass CheckInputSize.
            throw new ArgumentOutOfRangeException(nameof(width), width, string.Create(CultureInfo.InvariantCulture,
                $"An image of {channels} x {height} x {width} values has more than int.MaxValue ({int.MaxValue}) values, more than a network's input can have."));
        }

        MaxPixels = maxPixels;
        Channels = channels;
        Height = height;
        Width = width;
    }

    /// <summary>The largest shift, in pixels, in each direction.</summary>
    public int MaxPixels { get; }

    /// <summary>Channels of each image.</summary>
    public int Channels { get; }

    /// <summary>Rows of each image.</summary>
    public int Height { get; }

    /// <summary>Columns of each image.</summary>
    public int Width { get; }

    /// <inheritdoc/>
    public override void CheckInputSize(int inputSize)
    {
        if (inputSize != Channels * Height * Width)
        {
            throw new ArgumentException(
                $"{this} shifts images of {Channels * Height * Width} values, but the network's inputs have {inputSize}. " +
                "Give RandomShift the channels, height and width of the network's [Input].", "options");
        }
    }

    /// <inheritdoc/>
    public override void Apply<T>(Span<T> input, ref SplitMix64 random)
    {
        (int down, int right) = Draw(ref random);
        int plane = Height * Width;
        for (int channel = 0; channel < Channels; channel++)
            Shift(input.Slice(channel * plane, plane), Height, Width, down, right);
    }

    internal override bool CanSkipDraws => true;

    internal override bool KeepsValuesFinite => true;

    internal override void SkipDraws(ref SplitMix64 random) => Draw(ref random);

    /// <summary>The shift down and across, each from -MaxPixels to +MaxPixels: the only draws of <see cref="Apply"/>.</summary>
    private (int Down, int Right) Draw(ref SplitMix64 random)
    {
        int span = 2 * MaxPixels + 1;
        int down = random.NextInt32(span) - MaxPixels;
        return (down, random.NextInt32(span) - MaxPixels);
    }

    /// <summary>
    /// Moves one row-major image <paramref name="down"/> rows and <paramref name="right"/> columns (negative: up, left)
    /// in place, zeros where nothing moved in. In place needs an order: rows are written from the side they move
    /// towards, so each source row is read before it is overwritten; within a row, span copies allow overlap.
    /// </summary>
    internal static void Shift<T>(Span<T> image, int height, int width, int down, int right)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int kept = width - Math.Abs(right); // columns that stay in the image
        int from = Math.Max(0, -right), to = Math.Max(0, right);
        for (int step = 0; step < height; step++)
        {
            int row = down > 0 ? height - 1 - step : step;
            Span<T> target = image.Slice(row * width, width);
            int source = row - down;
            if ((uint)source >= (uint)height || kept <= 0)
            {
                target.Clear();
                continue;
            }

            image.Slice(source * width + from, kept).CopyTo(target.Slice(to));
            target.Slice(0, to).Clear();
            target.Slice(to + kept).Clear();
        }
    }

    /// <summary>For example "RandomShift(MaxPixels = 2, Channels = 1, Height = 28, Width = 28)": a checkpoint records it, so a run only resumes with the same one.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"RandomShift(MaxPixels = {MaxPixels}, Channels = {Channels}, Height = {Height}, Width = {Width})");
}
