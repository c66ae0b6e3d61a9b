using CompiledNets.Generator.Model;

namespace CompiledNets.Generator.Tests.Helpers;

/// <summary>The generator is netstandard2.0 and cannot reference the runtime, so it mirrors its enums and constants.</summary>
public sealed class RuntimeMirrorTests
{
    [Fact]
    public void ActivationKind_MirrorsActivation() => AssertMirrors<ActivationKind, Activation>();

    [Fact]
    public void LossKind_MirrorsLoss() => AssertMirrors<LossKind, Loss>();

    [Fact]
    public void ScalarKind_MirrorsPrecision() => AssertMirrors<ScalarKind, Precision>();

    [Fact]
    public void DefaultUnrollLimit_MatchesRuntime()
        => Assert.Equal(NetworkAttribute.DefaultUnrollLimit, KnownNames.DefaultUnrollLimit);

    [Fact]
    public void AttributeMetadataNames_MatchRuntime()
    {
        Assert.Equal(KnownNames.NetworkAttribute, typeof(NetworkAttribute).FullName);
        Assert.Equal(KnownNames.InputAttribute, typeof(InputAttribute).FullName);
        Assert.Equal(KnownNames.DenseAttribute, typeof(DenseAttribute).FullName);
    }

    [Fact]
    public void PropertyNames_MatchRuntime()
    {
        Assert.NotNull(typeof(NetworkAttribute).GetProperty(KnownNames.LossProperty));
        Assert.NotNull(typeof(NetworkAttribute).GetProperty(KnownNames.PrecisionProperty));
        Assert.NotNull(typeof(NetworkAttribute).GetProperty(KnownNames.SeedProperty));
        Assert.NotNull(typeof(NetworkAttribute).GetProperty(KnownNames.UnrollLimitProperty));
        Assert.NotNull(typeof(DenseAttribute).GetProperty(KnownNames.BiasProperty));
        Assert.NotNull(typeof(DenseAttribute).GetProperty(KnownNames.NameProperty));
    }

    private static void AssertMirrors<TMirror, TRuntime>()
        where TMirror : struct, Enum
        where TRuntime : struct, Enum
    {
        (string, int)[] Members<TEnum>() where TEnum : struct, Enum
            => Enum.GetValues<TEnum>().Select(value => (value.ToString(), Convert.ToInt32(value))).ToArray();

        Assert.Equal(Members<TRuntime>(), Members<TMirror>());
    }
}
