using System.IO.Pipes;

namespace CompiledNets.Tests.Data;

/// <summary>
/// A pipe, named by a path as /dev/stdin is, that gives some bytes and then zeros for as long as anyone reads: what
/// <c>cat file /dev/zero |</c> gives a program. Linux only (the path is under /proc/self/fd).
/// </summary>
internal sealed class EndlessPipe : IDisposable
{
    private readonly AnonymousPipeServerStream _pipe = new(PipeDirection.Out);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writing;

    public EndlessPipe(byte[] start)
    {
        Path = $"/proc/self/fd/{_pipe.ClientSafePipeHandle.DangerousGetHandle()}";
        _writing = Task.Run(() =>
        {
            try
            {
                _pipe.Write(start);
                var zeros = new byte[64 * 1024];
                while (!_stop.IsCancellationRequested)
                    _pipe.Write(zeros);
            }
            catch (IOException)
            {
                // Every reader has gone: the pipe is broken.
            }
        });
    }

    public string Path { get; }

    /// <summary>
    /// Runs <paramref name="read"/> on another thread and returns what it threw; fails if it has not finished within a
    /// minute, so that a reader that never stops fails its test instead of hanging the run.
    /// </summary>
    public async Task<Exception?> ReadWithin(Action read)
    {
        Task<Exception?> reading = Task.Run<Exception?>(() => Record.Exception(read));
        bool finished = await Task.WhenAny(reading, Task.Delay(TimeSpan.FromMinutes(1))) == reading;
        Assert.True(finished, $"The reader was still reading {Path} after a minute.");
        return await reading;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _pipe.DisposeLocalCopyOfClientHandle(); // the last reader: a write blocked on the full pipe now fails
        _writing.Wait();
        _pipe.Dispose();
        _stop.Dispose();
    }
}
