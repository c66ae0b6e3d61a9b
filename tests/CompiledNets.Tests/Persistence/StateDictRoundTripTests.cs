using System.Buffers.Binary;
using System.Text.Json;
using CompiledNets.Persistence;
using CompiledNets.Tests.Networks;

namespace CompiledNets.Tests.Persistence;

/// <summary>Save then load gives back every parameter bit for bit, for dense and conv networks in both precisions.</summary>
public sealed class StateDictRoundTripTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_conv_network_round_trips_through_npz_and_safetensors()
    {
        var network = new ConvAgreementNet();
        network.InitializeParameters(seed: 7);

        var fromNpz = new ConvAgreementNet();
        StateDict.SaveNpz(network, _directory.File("conv.npz"));
        StateDict.LoadNpz(fromNpz, _directory.File("conv.npz"));
        var fromSafetensors = new ConvAgreementNet();
        StateDict.SaveSafetensors(network, _directory.File("conv.safetensors"));
        StateDict.LoadSafetensors(fromSafetensors, _directory.File("conv.safetensors"));

        Assert.Equal(network.Parameters.ToArray(), fromNpz.Parameters.ToArray());
        Assert.Equal(network.Parameters.ToArray(), fromSafetensors.Parameters.ToArray());
    }

    [Fact]
    public void Safetensors_header_gives_dtype_shape_and_contiguous_offsets()
    {
        var network = new LinearChainNet();
        string path = _directory.File("chain.safetensors");
        StateDict.SaveSafetensors(network, path);

        byte[] file = File.ReadAllBytes(path);
        int headerLength = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(file));
        Assert.Equal(0, headerLength % 8);
        using JsonDocument header = JsonDocument.Parse(file.AsMemory(8, headerLength));
        string[] lines = header.RootElement.EnumerateObject()
            .Where(property => property.Name != "__metadata__")
            .Select(property => $"{property.Name} {property.Value.GetProperty("dtype").GetString()} " +
                $"{property.Value.GetProperty("shape").GetRawText()} {property.Value.GetProperty("data_offsets").GetRawText()}")
            .ToArray();

        Assert.Equal(
            ["0.weight F64 [4,3] [0,96]", "0.bias F64 [4] [96,128]", "1.weight F64 [2,4] [128,192]",
             "3.weight F64 [1,2] [192,208]", "3.bias F64 [1] [208,216]"],
            lines);
        Assert.Equal(8 + headerLength + 216, file.Length);
        Assert.Equal(network.Parameters[0], BinaryPrimitives.ReadDoubleLittleEndian(file.AsSpan(8 + headerLength)));
    }
}
