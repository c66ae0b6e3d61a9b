using System.Numerics;
using System.Runtime.CompilerServices;

namespace CompiledNets.Numerics;

/// <summary>
/// The dense kernels that a <see cref="KernelTeam"/> shares out, by neurons: each part computes the forward product's
/// outputs and the weight gradient's rows for its own block of neurons, over every example. Every value is the sum the
/// one-thread kernel computes, in the same order: the same bits. A helper reads the batch's inputs from its own copy
/// where the trainer made one (<see cref="KernelTeam.SetBatchCopies"/>).
/// </summary>
internal static unsafe class SharedDenseKernels
{
    public static void MatrixTimesMatrix<TShape, T>(KernelTeam team, Width width, ReadOnlySpan<T> weights, ReadOnlySpan<T> biases,
        ReadOnlySpan<T> inputs, Span<T> outputs, int rows, int columns, int examples)
        where TShape : struct, IDenseShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* w = weights, b = biases, x = inputs, y = outputs)
        {
            team.Arguments = new KernelArguments
            {
                First = w, Second = b, Third = x, Fourth = y, Rows = rows, Columns = columns, Examples = examples,
                Width = width, HasBias = !biases.IsEmpty,
            };
            team.Run(&MatrixTimesMatrixPart<TShape, T>);
        }
    }

    private static void MatrixTimesMatrixPart<TShape, T>(KernelTeam team, int part)
        where TShape : struct, IDenseShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref KernelArguments a = ref team.Arguments;
        (int first, int end) = KernelTeam.Share(a.Rows, part, team.Parts, granule: 4); // whole blocks of four neurons
        DenseKernels.MatrixTimesMatrix<TShape, T>(a.Width, ref Unsafe.AsRef<T>(a.First), ref Unsafe.AsRef<T>(a.Second), a.HasBias,
            ref Unsafe.AsRef<T>(team.ForPart(a.Third, part)), ref Unsafe.AsRef<T>(a.Fourth), a.Rows, a.Columns, a.Examples, first, end);
    }

    public static void AddDeltasTimesInputs<TShape, T>(KernelTeam team, Width width, Span<T> gradient, ReadOnlySpan<T> deltas,
        ReadOnlySpan<T> inputs, int rows, int columns, int examples)
        where TShape : struct, IDenseShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* g = gradient, d = deltas, x = inputs)
        {
            team.Arguments = new KernelArguments
            {
                First = g, Second = d, Third = x, Rows = rows, Columns = columns, Examples = examples, Width = width,
            };
            team.Run(&AddDeltasTimesInputsPart<TShape, T>);
        }
    }

    private static void AddDeltasTimesInputsPart<TShape, T>(KernelTeam team, int part)
        where TShape : struct, IDenseShape
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref KernelArguments a = ref team.Arguments;
        (int first, int end) = KernelTeam.Share(a.Rows, part, team.Parts, granule: 4); // whole blocks of four neurons
        DenseKernels.AddDeltasTimesInputs<TShape, T>(a.Width, ref Unsafe.AsRef<T>(a.First), ref Unsafe.AsRef<T>(a.Second),
            ref Unsafe.AsRef<T>(team.ForPart(a.Third, part)), a.Rows, a.Columns, a.Examples, first, end);
    }
}
