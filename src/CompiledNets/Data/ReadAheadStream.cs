namespace CompiledNets.Data;

/// <summary>
/// A forward-only stream that gives back a few bytes already read from another stream, then the rest of that stream:
/// what lets a file that cannot seek (a pipe: <c>/dev/stdin</c>, a FIFO, a shell's <c>&lt;(zcat ...)</c>) be told
/// gzip or plain by its first two bytes and still be read from its start.
/// </summary>
internal sealed class ReadAheadStream(byte[] taken, int takenCount, Stream rest) : Stream
{
    private int _given;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override int Read(Span<byte> buffer)
    {
        if (_given == takenCount)
            return rest.Read(buffer);
        int count = Math.Min(takenCount - _given, buffer.Length);
        taken.AsSpan(_given, count).CopyTo(buffer);
        _given += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
