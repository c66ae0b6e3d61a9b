using CompiledNets.Generator.Emit;

namespace CompiledNets.Generator.Tests.Helpers;

public sealed class SourceWriterTests
{
    [Fact]
    public void ConstantsThatFit_ShareOneLine()
    {
        var w = new SourceWriter();
        w.OpenBlock("partial class Net");

        w.WriteConstants(("HiddenInputs", 784), ("HiddenOutputs", 128));

        Assert.Contains("\n    public const int HiddenInputs = 784, HiddenOutputs = 128;\n", w.ToString());
    }

    [Fact]
    public void ConstantsTooLongForOneLine_TakeOneNamePerLine_WithinTheLimit()
    {
        string name = new('N', 50);
        var w = new SourceWriter();
        w.OpenBlock("partial class Net");

        w.WriteConstants((name + "WeightsOffset", 0), (name + "BiasesOffset", -48));

        string expected = $"\n    public const int {name}WeightsOffset = 0,\n        {name}BiasesOffset = -48;\n";
        Assert.Contains(expected, w.ToString());
        Assert.All(w.ToString().Split('\n'), line => Assert.True(line.Length <= SourceWriter.MaxLineLength, line));
    }
}
