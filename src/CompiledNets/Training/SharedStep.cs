using System.Numerics;
using CompiledNets.Numerics;

namespace CompiledNets.Training;

/// <summary>
/// The parts of a mini-batch step outside the kernels, shared by a <see cref="KernelTeam"/>: clearing the gradient, and
/// the optimizer's update, each thread on its own share of the parameters (an update of a value reads only that value,
/// its gradient and its state). Each thread takes the parameters <see cref="ParameterShares"/> gives it: the rows its
/// share of the kernels wrote. Below <see cref="MinimumShared"/> values, or without a team, the calling thread does it
/// alone.
/// </summary>
internal static unsafe class SharedStep
{
    /// <summary>Fewer values than this take less time to clear or update than the team takes to meet.</summary>
    public const int MinimumShared = 1 << 14;

    public static void Clear<T>(KernelTeam? team, ParameterShares? shares, Span<T> values)
        where T : unmanaged
    {
        if (team is null || shares is null || values.Length < MinimumShared)
        {
            values.Clear();
            return;
        }

        fixed (T* v = values)
        {
            team.Arguments = new KernelArguments { First = v, Columns = values.Length, Shares = shares };
            team.Run(&ClearPart<T>);
        }
    }

    private static void ClearPart<T>(KernelTeam team, int part)
        where T : unmanaged
    {
        ref KernelArguments a = ref team.Arguments;
        foreach ((int first, int end) in ((ParameterShares)a.Shares!).Of(part))
            new Span<T>((T*)a.First + first, end - first).Clear();
    }

    /// <summary>What <see cref="Optimizer.Step{T}(Span{T}, ReadOnlySpan{T}, T, T)"/> does, on every thread of the team.</summary>
    public static void Update<T>(KernelTeam? team, ParameterShares? shares, Optimizer optimizer, Span<T> parameters, ReadOnlySpan<T> gradient,
        T gradientScale, T learningRate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (team is null || shares is null || parameters.Length < MinimumShared)
        {
            optimizer.Step(parameters, gradient, gradientScale, learningRate);
            return;
        }

        (T[] state, T scale) = optimizer.BeginStep(parameters.Length, gradient, gradientScale); // clipping's norm: before the shares
        fixed (T* p = parameters, g = gradient)
        {
            team.Arguments = new KernelArguments
            {
                First = p, Second = g, Columns = parameters.Length, Owner = optimizer, State = state,
                Scale = double.CreateChecked(scale), Rate = double.CreateChecked(learningRate), Shares = shares,
            };
            team.Run(&UpdatePart<T>);
        }
    }

    private static void UpdatePart<T>(KernelTeam team, int part)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref KernelArguments a = ref team.Arguments;
        foreach ((int first, int end) in ((ParameterShares)a.Shares!).Of(part))
        {
            // float and double (and Half) values pass through double unchanged.
            ((Optimizer)a.Owner!).UpdateRange(new Span<T>((T*)a.First + first, end - first), new ReadOnlySpan<T>((T*)a.Second + first, end - first),
                T.CreateChecked(a.Scale), T.CreateChecked(a.Rate), (T[])a.State!, first);
        }
    }
}
