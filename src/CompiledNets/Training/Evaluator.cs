using System.Numerics;
using System.Runtime.ExceptionServices;
using CompiledNets.Data;
using CompiledNets.Numerics;

namespace CompiledNets.Training;

/// <summary>
/// The work behind <see cref="Trainer.Evaluate{TNet, T}(TNet, Dataset{T}, int)"/>: the network's predictions and losses
/// in chunks of <c>ComputeLossBatch</c>, shared between threads, then the metrics example by example in order. A chunk
/// is the same call on any thread, so every thread count gives the same bits.
/// </summary>
internal static class Evaluator
{
    /// <summary>
    /// Examples per <c>ComputeLossBatch</c> call: whole tiles of 32, so each weight loaded serves many examples, in
    /// buffers of a few kilobytes. Chunks start at multiples of it, whichever thread computes them.
    /// </summary>
    private const int Chunk = 256;

    /// <summary>Chunks each thread computes between two meetings, so a meeting (tens of microseconds) costs little.</summary>
    private const int ChunksPerThread = 4;

    public static Evaluation Run<TNet, T>(TNet network, Dataset<T> data, int threads)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tally = new Tally<TNet, T>(data);
        threads = Math.Min(threads, Math.Max(1, (data.Count + Chunk - 1) / Chunk)); // no more threads than chunks
        int perRound = Math.Clamp(data.Count, 1, threads * ChunksPerThread * Chunk);
        var outputs = new T[perRound * TNet.OutputSize];
        var losses = new T[perRound];
        for (int start = 0; start < data.Count; start += perRound)
        {
            int count = Math.Min(perRound, data.Count - start);
            Predict(network, data, start, count, outputs, losses, threads);
            for (int e = 0; e < count; e++)
                tally.Add(start + e, outputs.AsSpan(e * TNet.OutputSize, TNet.OutputSize), losses[e]);
        }

        return tally.Result();
    }

    /// <summary>
    /// Outputs and losses of examples [start, start + count), a whole number of chunks but for the data's last: this
    /// thread computes the first share of the chunks, helper threads the others.
    /// </summary>
    private static void Predict<TNet, T>(TNet network, Dataset<T> data, int start, int count, T[] outputs, T[] losses, int threads)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int chunks = (count + Chunk - 1) / Chunk;
        int parts = Math.Min(threads, chunks);
        if (parts == 1)
        {
            PredictChunks(network, data, start, count, 0, chunks, outputs, losses);
            return;
        }

        // What a helper throws is rethrown here: on its own thread it would end the process.
        var helpers = new HelperThreads.Assignment[parts - 1];
        var failures = new ExceptionDispatchInfo?[parts];
        for (int part = 1; part < parts; part++)
        {
            int index = part;
            (int first, int end) = KernelTeam.Share(chunks, part, parts, granule: 1);
            helpers[part - 1] = HelperThreads.Start(() =>
            {
                try
                {
                    PredictChunks(network, data, start, count, first, end, outputs, losses);
                }
                catch (Exception e)
                {
                    failures[index] = ExceptionDispatchInfo.Capture(e);
                }
            });
        }

        try
        {
            (int myFirst, int myEnd) = KernelTeam.Share(chunks, 0, parts, granule: 1);
            PredictChunks(network, data, start, count, myFirst, myEnd, outputs, losses);
        }
        finally
        {
            foreach (HelperThreads.Assignment helper in helpers)
                helper.Dispose(); // waits for it: the helpers write into this call's buffers
        }

        foreach (ExceptionDispatchInfo? failure in failures)
            failure?.Throw();
    }

    private static void PredictChunks<TNet, T>(TNet network, Dataset<T> data, int start, int count, int firstChunk, int endChunk,
        T[] outputs, T[] losses)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int chunk = firstChunk; chunk < endChunk; chunk++)
        {
            int first = chunk * Chunk, examples = Math.Min(Chunk, count - first);
            network.ComputeLossBatch(
                data.Inputs.Slice((start + first) * TNet.InputSize, examples * TNet.InputSize),
                data.Targets.Slice((start + first) * TNet.OutputSize, examples * TNet.OutputSize),
                outputs.AsSpan(first * TNet.OutputSize, examples * TNet.OutputSize),
                losses.AsSpan(first, examples));
        }
    }

    /// <summary>The running sums of an evaluation, fed one example at a time in order.</summary>
    private sealed class Tally<TNet, T>(Dataset<T> data)
        where TNet : class, INeuralNetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly bool _classify = data.HasLabels || TNet.Loss == Loss.CrossEntropy;
        private readonly bool _binary = !data.HasLabels && TNet.Loss == Loss.BinaryCrossEntropy;
        private readonly ConfusionMatrix? _confusion = data.HasLabels ? new ConfusionMatrix(TNet.OutputSize == 1 ? 2 : TNet.OutputSize) : null;
        private double _loss;
        private long _right, _judged;
        private bool _nonFinite;

        public void Add(int n, ReadOnlySpan<T> output, T loss)
        {
            ReadOnlySpan<T> target = data.Target(n);
            _loss += double.CreateChecked(loss);
            foreach (T value in output)
                _nonFinite |= !T.IsFinite(value);
            if (_classify)
            {
                // A single output (a sigmoid's probability) with labels 0 and 1 predicts class 1 from 0.5 up.
                int predicted = data.HasLabels && TNet.OutputSize == 1 ? (output[0] >= T.CreateChecked(0.5) ? 1 : 0) : Trainer.ArgMax(output);
                int actual = data.HasLabels ? data.Labels[n] : Trainer.ArgMax(target);
                _confusion?.Add(actual, predicted);
                _right += predicted == actual ? 1 : 0;
                _judged++;
            }
            else if (_binary)
            {
                for (int k = 0; k < output.Length; k++)
                    _right += (output[k] >= T.CreateChecked(0.5)) == (target[k] >= T.CreateChecked(0.5)) ? 1 : 0;
                _judged += output.Length;
            }
        }

        public Evaluation Result()
        {
            // A prediction with NaN or infinity in it has no largest output: no accuracy (nor confusion) is claimed for it.
            double? accuracy = _judged == 0 || _nonFinite ? null : (double)_right / _judged;
            return new Evaluation(_loss / data.Count, accuracy, data.Count, _nonFinite ? null : _confusion);
        }
    }
}
