using System.Runtime.Intrinsics;
using CompiledNets.Numerics;
using CompiledNets.Tests.Shared;
using static CompiledNets.Tests.MathTests.KernelTestData;

namespace CompiledNets.Tests.MathTests;

/// <summary>
/// The convolution kernels' two matrix products against plain loops in double, at every vector width this machine
/// accelerates, each with every register block whatever the machine (<see cref="Conv2DRegisterBlock"/>: four by four,
/// three or two vectors). The blocks add every sum in the same order, so they must agree to the bit.
/// The shapes cover each block, the blocks left over after it (pairs, single vectors, single rows) and the scalar tail:
/// 200 positions are three blocks of four Vector512s, one of three and a tail of 8.
/// </summary>
public sealed class Conv2DKernelTests
{
    private static readonly int[] Rows = [1, 3, 4, 5, 8, 9];
    private static readonly int[] Positions = [1, 7, 8, 16, 17, 24, 31, 40, 48, 56, 64, 71, 96, 100, 200];
    private static readonly int[] PatchSizes = [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13];
    private static readonly int[] Inners = [1, 2, 9];
    private static readonly Conv2DRegisterBlock[] SmallerBlocks = [Conv2DRegisterBlock.FourByThree, Conv2DRegisterBlock.FourByTwo];

    public static TheoryData<int, int> ProductShapes() => Pairs(Rows, Positions);

    public static TheoryData<int, int> GradientShapes() => Pairs(Rows, PatchSizes);

    /// <summary>How the product starts its sums: from a bias, from zero, or from what the output holds.</summary>
    public enum Start { Init, Zero, Accumulate }

    [Theory]
    [MemberData(nameof(ProductShapes))]
    public void Product_MatchesThePlainLoop_WithEveryRegisterBlock(int rows, int columns)
    {
        foreach (int inner in Inners)
        {
            var random = new Random(rows * 10_000 + columns * 10 + inner);
            float[] a = Floats(random, rows * inner), b = Floats(random, inner * columns), init = Floats(random, rows);
            float[] previous = Floats(random, rows * columns);
            foreach (Width width in Widths())
            {
                // A as W (rows x inner, as forward reads the filters) and as W transposed (inner x rows, as backward does).
                foreach (bool transposed in new[] { false, true })
                {
                    foreach (Start start in Enum.GetValues<Start>())
                    {
                        string where = $"{width}, {rows} x {inner} x {columns}, transposed {transposed}, {start}";
                        float[] thirtyTwo = Product(width, a, transposed, b, init, previous, start, rows, inner, columns, Conv2DRegisterBlock.FourByFour);
                        foreach (Conv2DRegisterBlock block in SmallerBlocks)
                        {
                            float[] smaller = Product(width, a, transposed, b, init, previous, start, rows, inner, columns, block);
                            Near.AssertBitwiseEqual<float>(thirtyTwo, smaller, $"{where}: {block} against FourByFour");
                        }

                        for (int r = 0; r < rows; r++)
                        {
                            for (int p = 0; p < columns; p++)
                            {
                                double expected = start switch { Start.Init => init[r], Start.Accumulate => previous[r * columns + p], _ => 0 };
                                double scale = Math.Abs(expected);
                                for (int s = 0; s < inner; s++)
                                {
                                    double term = (double)(transposed ? a[s * rows + r] : a[r * inner + s]) * b[s * columns + p];
                                    expected += term;
                                    scale += Math.Abs(term);
                                }

                                AssertSumClose(expected, scale, thirtyTwo[r * columns + p], $"{where} [{r}, {p}]");
                            }
                        }
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(GradientShapes))]
    public void AddDeltasTimesPatches_MatchesThePlainLoop_WithEveryRegisterBlock(int filters, int patchSize)
    {
        foreach (int positions in new[] { 1, 7, 8, 17, 33, 64, 100 })
        {
            var random = new Random(filters * 10_000 + patchSize * 100 + positions);
            float[] deltas = Floats(random, filters * positions), patches = Floats(random, patchSize * positions);
            float[] previous = Floats(random, filters * patchSize);
            foreach (Width width in Widths())
            {
                string where = $"{width}, {filters} filters x {patchSize} patch values x {positions} positions";
                float[] thirtyTwo = AddDeltasTimesPatches(width, deltas, patches, previous, filters, patchSize, positions, Conv2DRegisterBlock.FourByFour);
                foreach (Conv2DRegisterBlock block in SmallerBlocks)
                {
                    float[] smaller = AddDeltasTimesPatches(width, deltas, patches, previous, filters, patchSize, positions, block);
                    Near.AssertBitwiseEqual<float>(thirtyTwo, smaller, $"{where}: {block} against FourByFour");
                }

                for (int f = 0; f < filters; f++)
                {
                    for (int k = 0; k < patchSize; k++)
                    {
                        double expected = previous[f * patchSize + k], scale = Math.Abs(expected);
                        for (int p = 0; p < positions; p++)
                        {
                            double term = (double)deltas[f * positions + p] * patches[k * positions + p];
                            expected += term;
                            scale += Math.Abs(term);
                        }

                        AssertSumClose(expected, scale, thirtyTwo[f * patchSize + k], $"{where} [{f}, {k}]");
                    }
                }
            }
        }
    }

    private static float[] Product(Width width, float[] a, bool transposed, float[] b, float[] init, float[] previous, Start start,
        int rows, int inner, int columns, Conv2DRegisterBlock block)
    {
        float[] output = start == Start.Accumulate ? (float[])previous.Clone() : new float[rows * columns];
        nint aRow = transposed ? 1 : inner, aColumn = transposed ? rows : 1;
        bool hasInit = start == Start.Init, accumulate = start == Start.Accumulate;
        switch (width)
        {
            case Width.Vector512: Conv2DKernelBodies<Width512<float>, Vector512<float>, float>.Product(ref a[0], aRow, aColumn, ref b[0], ref init[0], hasInit, ref output[0], rows, inner, columns, accumulate, block); break;
            case Width.Vector256: Conv2DKernelBodies<Width256<float>, Vector256<float>, float>.Product(ref a[0], aRow, aColumn, ref b[0], ref init[0], hasInit, ref output[0], rows, inner, columns, accumulate, block); break;
            case Width.Vector128: Conv2DKernelBodies<Width128<float>, Vector128<float>, float>.Product(ref a[0], aRow, aColumn, ref b[0], ref init[0], hasInit, ref output[0], rows, inner, columns, accumulate, block); break;
            default: Conv2DKernelBodies<Scalar<float>, float, float>.Product(ref a[0], aRow, aColumn, ref b[0], ref init[0], hasInit, ref output[0], rows, inner, columns, accumulate, block); break;
        }

        return output;
    }

    private static float[] AddDeltasTimesPatches(Width width, float[] deltas, float[] patches, float[] previous,
        int filters, int patchSize, int positions, Conv2DRegisterBlock block)
    {
        var gradient = (float[])previous.Clone();
        switch (width)
        {
            case Width.Vector512: Conv2DKernelBodies<Width512<float>, Vector512<float>, float>.AddDeltasTimesPatches(ref deltas[0], ref patches[0], ref gradient[0], filters, patchSize, positions, block); break;
            case Width.Vector256: Conv2DKernelBodies<Width256<float>, Vector256<float>, float>.AddDeltasTimesPatches(ref deltas[0], ref patches[0], ref gradient[0], filters, patchSize, positions, block); break;
            case Width.Vector128: Conv2DKernelBodies<Width128<float>, Vector128<float>, float>.AddDeltasTimesPatches(ref deltas[0], ref patches[0], ref gradient[0], filters, patchSize, positions, block); break;
            default: Conv2DKernelBodies<Scalar<float>, float, float>.AddDeltasTimesPatches(ref deltas[0], ref patches[0], ref gradient[0], filters, patchSize, positions, block); break;
        }

        return gradient;
    }
}
