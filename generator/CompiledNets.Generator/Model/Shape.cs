using System.Globalization;

namespace CompiledNets.Generator.Model
{
    /// <summary>
    /// The values a layer reads or writes: a flat vector of <see cref="Size"/> values, or an image of Channels x Height x
    /// Width values stored channel by channel, row by row (PyTorch's layout), for the convolution layers to come.
    /// </summary>
    internal sealed record Shape(int Channels, int Height, int Width, bool IsImage)
    {
        public static Shape Vector(int size) => new Shape(size, 1, 1, IsImage: false);

        public static Shape Image(int channels, int height, int width) => new Shape(channels, height, width, IsImage: true);

        /// <summary>How many values, without int overflow, for the parser's checks of declarations too large to emit.</summary>
        public long SizeLong => (long)Channels * Height * Width;

        /// <summary>How many values (the parser rejects shapes whose size does not fit an int).</summary>
        public int Size => (int)SizeLong;

        /// <summary>"784" or "1x28x28", as the architecture line writes it.</summary>
        public override string ToString()
            => IsImage
                ? string.Join("x", Int(Channels), Int(Height), Int(Width))
                : Int(Channels);

        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
