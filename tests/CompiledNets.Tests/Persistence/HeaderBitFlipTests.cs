using System.Numerics;
using CompiledNets.Persistence;
using CompiledNets.Tests.Training;

namespace CompiledNets.Tests.Persistence;

/// <summary>4 -> Dense(3, Tanh) -> Dense(2, Softmax), float: a real saved file with an architecture string.</summary>
[Network(Loss = Loss.CrossEntropy, Seed = 5)]
[Input(4)]
[Dense(3, Activation.Tanh, Name = "Hidden")]
[Dense(2, Activation.Softmax)]
public partial class BitFlipNet;

/// <summary>
/// Every single-bit flip in the 20 header bytes read before the checksum (magic, version, element size, parameter
/// count, architecture length) of four whole files: each is refused with a message that names the file and calls it
/// corrupted or not a weights file. None is reported as only truncated or only appended to, since the file has its
/// full length.
/// </summary>
public sealed class HeaderBitFlipTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Every_header_bit_flip_is_refused_as_corruption_or_a_foreign_file()
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        Count<FakeNetwork<double>, double>(counts, "fake-double.cnw", FakeNetwork<double>.With(1, 2, 3), FakeNetwork<double>.Create);
        Count<FakeNetwork<float>, float>(counts, "fake-float.cnw", FakeNetwork<float>.With(1, 2, 3), FakeNetwork<float>.Create);
        Count<TrainerNet, double>(counts, "trainer.cnw", new TrainerNet(), () => new TrainerNet());
        Count<BitFlipNet, float>(counts, "bitflip.cnw", new BitFlipNet(), () => new BitFlipNet());

        // 4 files x 20 bytes x 8 bits. The categories are exact: they change only if the format or its messages do.
        Assert.Equal(640, counts.Values.Sum());
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["corrupted (a size field, and the length it implies)"] = 188, // parameter count, architecture length
                ["corrupted (an impossible field)"] = 196, // element size, a negative count, an over-long architecture
                ["format version"] = 128, // 32 bits x 4 files: any other version is refused before the layout is read
                ["not a weights file"] = 128, // the magic "CNW1"
            },
            counts);
    }

    private void Count<TNet, T>(SortedDictionary<string, int> counts, string name, TNet saved, Func<TNet> loadInto)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string path = _directory.File(name);
        NetworkWeights.Save(saved, path);
        byte[] whole = File.ReadAllBytes(path);
        for (int offset = 0; offset < WeightsFileFormat.FixedHeaderSize; offset++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                byte[] flipped = (byte[])whole.Clone();
                flipped[offset] ^= (byte)(1 << bit);
                File.WriteAllBytes(path, flipped);

                var error = Assert.Throws<InvalidDataException>(() => NetworkWeights.Load(loadInto(), path));

                Assert.StartsWith($"Cannot load weights from '{path}': ", error.Message);
                string category = Categorize(error.Message);
                counts[category] = counts.GetValueOrDefault(category) + 1;
            }
        }
    }

    private static string Categorize(string message)
    {
        if (message.Contains("is not a CompiledNets weights file", StringComparison.Ordinal))
            return "not a weights file";
        if (message.Contains("format version", StringComparison.Ordinal))
            return "format version";
        if (message.Contains("truncated, or its header is corrupted", StringComparison.Ordinal)
            || message.Contains("or is its header corrupted?", StringComparison.Ordinal))
            return "corrupted (a size field, and the length it implies)";
        if (message.Contains("the file is corrupted", StringComparison.Ordinal))
            return "corrupted (an impossible field)";
        return "other: " + message;
    }
}
