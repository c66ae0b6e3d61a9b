using CompiledNets.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static CompiledNets.Generator.Tests.Infrastructure.DiagnosticAssert;

namespace CompiledNets.Generator.Tests.Diagnostics;

/// <summary>CN0300-CN0399: the shapes of image layers (Conv2D, pooling, Flatten), one test per descriptor and case.</summary>
public sealed partial class DiagnosticTests
{
    [Fact]
    public void CN0300_KernelLargerThanInput_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(1, 4, 6)]
            [[|Conv2D(2, 5, Name = "Edges")|]]
            [Flatten]
            [Dense(1)]
            public partial class Net;
            """,
            "CN0300", Error,
            "Layer 'Edges' of network class 'Net' has a 5x5 kernel but its input is 4 x 6 (rows x columns, padding included). Use a smaller size, add Padding to a Conv2D, or remove a pooling layer before it.");

    [Fact]
    public void CN0300_PoolWindowLargerThanInput_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(1, 8, 8)]
            [Conv2D(2, 5)]
            [[|MaxPool2D(5)|]]
            [Flatten]
            [Dense(1)]
            public partial class Net;
            """,
            "CN0300", Error,
            "Layer 'Layer2' of network class 'Net' has a 5x5 window but its input is 4 x 4 (rows x columns, padding included). Use a smaller size, add Padding to a Conv2D, or remove a pooling layer before it.");

    [Theory]
    [InlineData(7, 8, 2, "the last row of its 7 x 8", "1x7x8 -> MaxPool2D(2) [1x3x4] -> Flatten [12]")]
    [InlineData(8, 7, 2, "the last column of its 8 x 7", "1x8x7 -> MaxPool2D(2) [1x4x3] -> Flatten [12]")] // columns alone warn too
    [InlineData(11, 10, 4, "the last 3 rows and the last 2 columns of its 11 x 10", "1x11x10 -> MaxPool2D(4) [1x2x2] -> Flatten [4]")]
    public void CN0301_StrideLeavesRowsOrColumnsUnused_IsReported(int height, int width, int size, string unused, string architecture)
    {
        // A warning: the network is still generated, with the rows and columns its windows reach.
        GeneratorRun run = WarnsOnly($$"""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(1, {{height}}, {{width}})]
            [[|MaxPool2D({{size}})|]]
            [Flatten]
            [Dense(1)]
            public partial class Net;
            """,
            "CN0301",
            $"Layer 'Layer1' of network class 'Net' never reads {unused} input: its windows of {size}x{size} with stride {size} stop short of the edge. Change the size, Stride or Padding so the windows reach the edge, or ignore this if dropping them is intended.");

        Assert.Contains(architecture + " -> Dense(1, Linear)", run.Sources["Samples.Net.Network.g.cs"]);
    }

    [Fact]
    public void CN0301_OneWindowWithAStrideBeyondItsSize_IsReported()
        => WarnsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(1, 4, 4)]
            [[|Conv2D(1, 2, Stride = 3)|]]
            [Flatten]
            [Dense(1)]
            public partial class Net;
            """,
            "CN0301", // not CN0306: with one window in each direction there is no gap between windows, only the edge
            "Layer 'Layer1' of network class 'Net' never reads the last 2 rows and the last 2 columns of its 4 x 4 input: its windows of 2x2 with stride 3 stop short of the edge. Change the size, Stride or Padding so the windows reach the edge, or ignore this if dropping them is intended.");

    [Theory]
    [InlineData("AveragePool2D(2, Stride = 3)", 9, "2x2", 3, "45 of the 81 values in each channel of its 9 x 9", 2, "1x9x9 -> AveragePool2D(2, stride 3) [1x3x3]")]
    [InlineData("Conv2D(1, 1, Stride = 2)", 9, "1x1", 2, "56 of the 81 values in each channel of its 9 x 9", 1, "1x9x9 -> Conv2D(1, 1x1, Linear, stride 2) [1x5x5]")]
    [InlineData("MaxPool2D(1, Stride = 2)", 10, "1x1", 2, "75 of the 100 values in each channel of its 10 x 10", 1, "1x10x10 -> MaxPool2D(1, stride 2) [1x5x5]")]
    public void CN0306_StrideLargerThanTheWindow_IsReported(string layer, int side, string window, int stride, string unread, int size, string architecture)
    {
        // CN0301 said "never reads the last row and the last column": a third of the 9 x 9 input went unread, not 17 values.
        GeneratorRun run = WarnsOnly($$"""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(1, {{side}}, {{side}})]
            [[|{{layer}}|]]
            [Flatten]
            [Dense(1)]
            public partial class Net;
            """,
            "CN0306",
            $"Layer 'Layer1' of network class 'Net' slides its {window} windows with stride {stride}, which leaves gaps between them: it never reads {unread} input. Make Stride at most {size}, the window's size, or ignore this if skipping them is intended (a 1x1 Conv2D with Stride = 2 downsamples this way).");

        Assert.Contains(architecture, run.Sources["Samples.Net.Network.g.cs"]);
    }

    [Fact]
    public void CN0302_DenseAfterImage_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(1, 28, 28)]
            [Conv2D(4, 5)]
            [[|Dense(10, Name = "Output")|]]
            public partial class Net;
            """,
            "CN0302", Error,
            "Layer 'Output' of network class 'Net' is Dense, but its input is the image 4x24x24 (channels x height x width). Add [Flatten] before it to read the image as one vector of 2304 values.");

    [Fact]
    public void CN0302_ImageInputFollowedOnlyByDense_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(1, 28, 28)]
            [[|Dense(10)|]]
            public partial class Net;
            """,
            "CN0302", Error,
            "Layer 'Layer1' of network class 'Net' is Dense, but its input is the image 1x28x28 (channels x height x width). Add [Flatten] before it to read the image as one vector of 784 values.");

    [Fact]
    public void CN0303_ConvolutionOnFlatInput_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(784)]
            [[|Conv2D(4, 5)|]]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """,
            "CN0303", Error,
            "Layer 'Layer1' (Conv2D) of network class 'Net' needs an image (channels x height x width), but its input is a vector of 784 values. Declare the input as [Input(channels, height, width)], and put Conv2D before any Flatten or Dense layer.");

    [Fact]
    public void CN0303_FlattenOnFlatInput_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(1, 4, 4)]
            [Flatten]
            [[|Flatten|]]
            [Dense(1)]
            public partial class Net;
            """,
            "CN0303", Error,
            "Layer 'Layer2' (Flatten) of network class 'Net' needs an image (channels x height x width), but its input is a vector of 16 values. Declare the input as [Input(channels, height, width)], and put Flatten before any Flatten or Dense layer.");

    [Fact]
    public void CN0303_FlattenOnOneValue_SaysValueInTheSingular()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(1)]
            [[|Flatten|]]
            [Dense(1)]
            public partial class Net;
            """,
            "CN0303", Error,
            "Layer 'Layer1' (Flatten) of network class 'Net' needs an image (channels x height x width), but its input is a vector of 1 value. Declare the input as [Input(channels, height, width)], and put Flatten before any Flatten or Dense layer.");

    [Fact]
    public void CN0304_StrideZero_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(1, 8, 8)]
            [Conv2D(2, 3, [|Stride = 0|])]
            [Flatten]
            [Dense(1)]
            public partial class Net;
            """,
            "CN0304", Error,
            "Stride of layer 'Layer1' of network class 'Net' is 0. It must be 1 or more.");

    [Fact]
    public void CN0304_PaddingAboveHalfTheKernel_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(1, 8, 8)]
            [Conv2D(2, 3, [|Padding = 2|])]
            [Flatten]
            [Dense(1)]
            public partial class Net;
            """,
            "CN0304", Error,
            "Padding of layer 'Layer1' of network class 'Net' is 2. It must be between 0 and 1, half the kernel size (as in PyTorch).");

    [Fact]
    public void CN0304_NegativePoolStride_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(1, 8, 8)]
            [AveragePool2D(2, [|Stride = -1|])]
            [Flatten]
            [Dense(1)]
            public partial class Net;
            """,
            "CN0304", Error,
            "Stride of layer 'Layer1' of network class 'Net' is -1. It must be 1 or more, or 0 for the window size.");

    [Fact]
    public void CN0104_FiltersZero_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(1, 8, 8)]
            [Conv2D([|0|], 3)]
            [Flatten]
            [Dense(1)]
            public partial class Net;
            """,
            "CN0104", Error,
            "Filters of layer 'Layer1' of network class 'Net' must be positive, but is 0. Use a size of 1 or more.");

    [Fact]
    public void CN0104_ImageInputHeightZero_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network]
            [Input(1, [|0|], 8)]
            [Flatten]
            [Dense(1)]
            public partial class Net;
            """,
            "CN0104", Error,
            "Input height of network class 'Net' must be positive, but is 0. Use a size of 1 or more.");

    [Fact]
    public void CN0305_SoftmaxConvolution_IsReported()
        => ReportsOnly("""
            using CompiledNets;
            namespace Samples;

            [Network(Loss = Loss.CrossEntropy)]
            [Input(1, 3, 3)]
            [Conv2D(10, 3, [|Activation.Softmax|])]
            public partial class Net;
            """,
            "CN0305", Error,
            "Layer 'Layer1' of network class 'Net' is a Conv2D with Softmax, which only Dense layers support. End the network with [Flatten] and [Dense(classes, Activation.Softmax)].");
}
