namespace CompiledNets.Persistence;

/// <summary>
/// Bytes already read from a forward-only stream, then the rest of that stream: how a file that cannot seek back (a
/// pipe: <c>/dev/stdin</c>, a FIFO, a shell's <c>&lt;(zcat ...)</c>) is told apart by its first bytes (gzip or plain,
/// text form or binary) and still read from its start.
/// </summary>
internal sealed class PrefixThenStream(byte[] prefix, Stream rest) : Stream
{
    private int _prefixRead;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_prefixRead == prefix.Length || buffer.IsEmpty)
            return rest.Read(buffer);
        int count = Math.Min(buffer.Length, prefix.Length - _prefixRead);
        prefix.AsSpan(_prefixRead, count).CopyTo(buffer);
        _prefixRead += count;
        return count;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
