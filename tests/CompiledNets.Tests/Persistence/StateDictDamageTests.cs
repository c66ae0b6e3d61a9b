using System.Buffers.Binary;
using CompiledNets.Persistence;
using CompiledNets.Tests.Networks;

namespace CompiledNets.Tests.Persistence;

/// <summary>
/// Every single-bit flip and every truncation of a saved .npz and .safetensors file: each load either fails with an
/// InvalidDataException that names the file, leaving the parameters as they were, or loads. An .npz that loads holds
/// exactly the saved parameters (the archive's CRC-32 covers every byte that reaches them). A .safetensors file has
/// no checksum, so a flip inside its tensor data loads a changed value, as it does in PyTorch; nowhere else may it.
/// </summary>
public sealed class StateDictDamageTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly LinearChainNet _saved = new();

    public StateDictDamageTests() => _saved.InitializeParameters(seed: 11);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Every_bit_flip_and_truncation_of_an_npz_is_refused_or_loads_the_saved_parameters()
    {
        string original = _directory.File("saved.npz");
        StateDict.SaveNpz(_saved, original);
        byte[] whole = File.ReadAllBytes(original);

        Outcomes outcomes = LoadEveryDamagedCopy(whole, "damaged.npz", StateDict.LoadNpz, mayChangeValuesFrom: whole.Length);

        Assert.Equal(0, outcomes.Changed);
        Assert.True(outcomes.Refused > whole.Length * 8 / 2, $"only {outcomes.Refused} refused"); // most bytes are checked
    }

    [Fact]
    public void Every_bit_flip_and_truncation_of_a_safetensors_file_is_refused_or_changes_only_tensor_data()
    {
        string original = _directory.File("saved.safetensors");
        StateDict.SaveSafetensors(_saved, original);
        byte[] whole = File.ReadAllBytes(original);
        int dataStart = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(whole);

        Outcomes outcomes = LoadEveryDamagedCopy(whole, "damaged.safetensors", StateDict.LoadSafetensors, mayChangeValuesFrom: dataStart);

        Assert.True(outcomes.Changed > 0); // the flips inside the data: the check above would catch one outside it
        Assert.True(outcomes.Refused > (whole.Length - dataStart) * 8, $"only {outcomes.Refused} refused");
    }

    private readonly record struct Outcomes(int Refused, int Changed);

    private Outcomes LoadEveryDamagedCopy(
        byte[] whole, string name, Action<LinearChainNet, string, IReadOnlyDictionary<string, string>?> load, int mayChangeValuesFrom)
    {
        string path = _directory.File(name);
        int refused = 0, changed = 0;
        var copies = new List<(byte[] Bytes, int DamagedByte)>();
        for (int offset = 0; offset < whole.Length; offset++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                byte[] flipped = (byte[])whole.Clone();
                flipped[offset] ^= (byte)(1 << bit);
                copies.Add((flipped, offset));
            }

            copies.Add((whole[..offset], -1));
        }

        foreach ((byte[] bytes, int damagedByte) in copies)
        {
            File.WriteAllBytes(path, bytes);
            var network = new LinearChainNet();
            network.InitializeParameters(seed: 3);
            double[] before = network.Parameters.ToArray();
            try
            {
                load(network, path, null);
            }
            catch (InvalidDataException e)
            {
                Assert.StartsWith($"'{path}'", e.Message);
                Assert.Equal(before, network.Parameters.ToArray());
                refused++;
                continue;
            }

            if (network.Parameters.SequenceEqual(_saved.Parameters))
                continue;
            Assert.True(damagedByte >= mayChangeValuesFrom,
                $"{(damagedByte < 0 ? $"a truncation to {bytes.Length} bytes" : $"a flip in byte {damagedByte}")} loaded changed parameters");
            changed++;
        }

        return new Outcomes(refused, changed);
    }
}
