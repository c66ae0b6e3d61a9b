using System.Text;
using CompiledNets.Persistence;

namespace CompiledNets.Tests.Persistence;

public class Crc32Tests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("123456789", 0xCBF43926u)] // the standard check value of CRC-32/ISO-HDLC
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Compute_matches_published_values(string text, uint expected) =>
        Assert.Equal(expected, Crc32.Compute(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void Appending_in_pieces_equals_computing_at_once()
    {
        byte[] data = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
        var crc = new Crc32();
        crc.Append(data.AsSpan(0, 1));
        crc.Append(data.AsSpan(1, 500));
        crc.Append(data.AsSpan(501));
        Assert.Equal(Crc32.Compute(data), crc.Value);
    }
}
