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

    [Fact]
    public void ALayersLocalsThatFit_ShareOneStatement_AndTooLongOnesTakeOneEach()
    {
        var w = new SourceWriter();
        w.OpenBlock("void Pass()");
        string longName = new('N', 90); // the two locals' statement would be 134 characters

        w.WriteLocals("ref HiddenNeuronsBuffer", [("a1", "ref scratch.A1"), ("d1", "ref scratch.D1")]);
        w.WriteLocals("ref OutNeuronsBuffer", [("d2", "ref scratch.D2")]);
        w.WriteLocals("ref EmptyBuffer", []);
        w.WriteLocals("ref " + longName, [("a3", "ref scratch.A3"), ("d3", "ref scratch.D3")]);

        Assert.Equal(
            "void Pass()\n{\n"
            + "    ref HiddenNeuronsBuffer a1 = ref scratch.A1, d1 = ref scratch.D1;\n"
            + "    ref OutNeuronsBuffer d2 = ref scratch.D2;\n"
            + $"    ref {longName} a3 = ref scratch.A3;\n"
            + $"    ref {longName} d3 = ref scratch.D3;\n",
            w.ToString());
    }

    [Fact]
    public void ADocCommentTooLongForOneLine_BreaksBetweenTags_NeverInsideOne()
    {
        var w = new SourceWriter();
        string words = string.Join(" ", Enumerable.Repeat("word", 22)); // 109 characters: the tag starts before the limit, ends after it

        w.WriteLine($"/// <summary>{words} <see cref=\"Parameters\"/>.</summary>");
        w.WriteLine($"// {words} aaaaaaaaaaaaa <b c>"); // not a doc comment: a '<' is just a character

        Assert.Equal(
            $"/// <summary>{words}\n/// <see cref=\"Parameters\"/>.</summary>\n"
            + $"// {words} aaaaaaaaaaaaa <b\n// c>\n",
            w.ToString());
    }
}
