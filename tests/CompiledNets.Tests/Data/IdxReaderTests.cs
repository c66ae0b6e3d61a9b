using System.Buffers.Binary;
using CompiledNets.Data;

namespace CompiledNets.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly IdxTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_returns_the_exact_sizes_and_pixels(bool gzip)
    {
        byte[] pixels = IdxTestFiles.Pattern(3 * 4 * 5);
        string path = _files.Write("images", IdxTestFiles.Images(3, 4, 5, pixels), gzip);

        IdxImages images = IdxReader.ReadImages(path);

        Assert.Equal((3, 4, 5, 20), (images.Count, images.Rows, images.Columns, images.PixelsPerImage));
        Assert.Equal(pixels, images.Pixels);
        Assert.Equal(pixels[40..60], images.Image(2).ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadLabels_returns_the_exact_labels(bool gzip)
    {
        string path = _files.Write("labels", IdxTestFiles.Labels(7, 0, 9, 255, 3), gzip);

        Assert.Equal(new byte[] { 7, 0, 9, 255, 3 }, IdxReader.ReadLabels(path));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_pipe_is_read_as_a_file_is(bool gzip)
    {
        // /dev/stdin, a FIFO or a shell's <(zcat ...): a file that cannot seek. It threw NotSupportedException, "Stream
        // does not support seeking", naming no file.
        if (!OperatingSystem.IsLinux())
            return;
        byte[] pixels = IdxTestFiles.Pattern(3 * 4 * 5);
        byte[] content = IdxTestFiles.Images(3, 4, 5, pixels);
        using var pipe = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
        string path = $"/proc/self/fd/{pipe.ClientSafePipeHandle.DangerousGetHandle()}";
        Task writing = Task.Run(() =>
        {
            pipe.Write(gzip ? IdxTestFiles.Gzip(content) : content);
            pipe.Dispose(); // the end of the file
        });

        IdxImages images = IdxReader.ReadImages(path);

        await writing;
        Assert.Equal((3, 4, 5), (images.Count, images.Rows, images.Columns));
        Assert.Equal(pixels, images.Pixels);
    }

    [Fact]
    public async Task A_pipe_that_never_ends_after_the_data_is_refused_without_reading_it_all()
    {
        // `cat labels /dev/zero`: its trailing bytes were counted for the message until the end, which never came.
        if (!OperatingSystem.IsLinux())
            return;
        using var pipe = new EndlessPipe(IdxTestFiles.Labels(1, 2, 3));

        Exception? error = await pipe.ReadWithin(() => IdxReader.ReadLabels(pipe.Path));

        Assert.Contains("has more than 1048576 unexpected trailing bytes:", Assert.IsType<IdxFormatException>(error).Message);
    }

    [Fact]
    public void Gzip_is_recognized_by_its_magic_bytes_not_by_the_file_name()
    {
        byte[] labels = IdxTestFiles.Labels(1, 2, 3);
        string gzippedWithoutSuffix = _files.Write("labels.idx", labels, gzip: true);
        string plainWithGzSuffix = _files.Write("labels.gz", labels, gzip: false);

        Assert.Equal(new byte[] { 1, 2, 3 }, IdxReader.ReadLabels(gzippedWithoutSuffix));
        Assert.Equal(new byte[] { 1, 2, 3 }, IdxReader.ReadLabels(plainWithGzSuffix));
    }

    [Fact]
    public void Empty_sets_are_read()
    {
        string images = _files.Write("images", IdxTestFiles.Images(0, 28, 28, []));
        string labels = _files.Write("labels", IdxTestFiles.Labels());

        Assert.Equal(0, IdxReader.ReadImages(images).Count);
        Assert.Empty(IdxReader.ReadLabels(labels));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_image_file_read_as_labels_names_the_file_and_both_magic_numbers(bool gzip)
    {
        string path = _files.Write("labels.gz", IdxTestFiles.Images(1, 1, 1, [0]), gzip);

        var ex = Assert.Throws<IdxFormatException>(() => IdxReader.ReadLabels(path));

        Assert.Equal($"'{path}' is not an IDX label file: magic number is 0x00000803, expected 0x00000801.", ex.Message);
        Assert.Equal(path, ex.FilePath);
    }

    [Fact]
    public void A_label_file_read_as_images_names_the_file_and_both_magic_numbers()
    {
        string path = _files.Write("images", IdxTestFiles.Labels(1, 2));

        var ex = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));

        Assert.Equal($"'{path}' is not an IDX image file: magic number is 0x00000801, expected 0x00000803.", ex.Message);
    }

    [Fact]
    public void A_file_that_is_not_IDX_at_all_is_rejected_by_its_magic_number()
    {
        string path = _files.Write("notes.txt", "hello, world"u8.ToArray());

        var ex = Assert.Throws<IdxFormatException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("is not an IDX label file: magic number is 0x68656C6C, expected 0x00000801", ex.Message);
    }

    [Theory]
    [InlineData(0x0D, "float32")]
    [InlineData(0x0C, "int32")]
    [InlineData(0x09, "signed byte")]
    public void Another_value_type_is_rejected_with_its_type_code(int typeCode, string typeName)
    {
        string path = _files.Write("images", IdxTestFiles.Idx(typeCode << 8 | 3, [1, 1, 1], new byte[4]));

        var ex = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains($"type 0x{typeCode:X2} ({typeName})", ex.Message);
        Assert.Contains("only unsigned bytes (type 0x08) are supported", ex.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_data_says_how_many_bytes_were_expected_and_found(bool gzip)
    {
        string path = _files.Write("images", IdxTestFiles.Images(3, 2, 2, new byte[10]), gzip);

        var ex = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("is truncated", ex.Message);
        Assert.Contains("3 images of 2x2 pixels, which needs 12 bytes of data", ex.Message);
        Assert.Contains("only 10 were found", ex.Message);
    }

    [Theory]
    [InlineData(false, 1, "1 unexpected trailing byte:")] // one byte too many is as wrong as many
    [InlineData(false, 2, "2 unexpected trailing bytes:")]
    [InlineData(true, 1, "1 unexpected trailing byte:")]
    [InlineData(true, 2, "2 unexpected trailing bytes:")]
    [InlineData(false, 1 << 20, "1048576 unexpected trailing bytes:")]
    [InlineData(false, (1 << 20) + 1, "more than 1048576 unexpected trailing bytes:")] // counted no further: a pipe may never end
    public void Extra_trailing_bytes_are_rejected_with_their_count(bool gzip, int extra, string count)
    {
        byte[] content = [.. IdxTestFiles.Labels(1, 2, 3), .. Enumerable.Repeat((byte)0xAA, extra)];
        string path = _files.Write("labels", content, gzip);

        var ex = Assert.Throws<IdxFormatException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("has " + count, ex.Message);
        Assert.Contains("3 labels, which needs exactly 3 bytes of data", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(12)]
    public void A_truncated_header_says_how_long_the_header_must_be(int length)
    {
        byte[] header = IdxTestFiles.Images(1, 28, 28, [])[..length];
        string path = _files.Write("images", header);

        var ex = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains($"is too short to be an IDX image file: its header needs 16 bytes, but the file has only {length}", ex.Message);
    }

    [Fact]
    public void A_negative_size_is_rejected()
    {
        string path = _files.Write("images", IdxTestFiles.Images(1, -1, 28, []));

        var ex = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("declares rows = -1 in its header; sizes must be zero or more", ex.Message);
    }

    [Fact]
    public void A_header_declaring_more_than_an_array_holds_is_rejected_before_allocating()
    {
        string path = _files.Write("images", IdxTestFiles.Images(int.MaxValue, 28, 28, []));

        var ex = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("more than one array can hold", ex.Message);
    }

    [Fact]
    public void A_header_declaring_more_data_than_there_is_reports_truncation()
    {
        // 2 GB declared, a few bytes present: the reader must stop at the real end, not allocate the declared size.
        string path = _files.Write("images", IdxTestFiles.Images(2_000_000, 1000, 1, new byte[5]), gzip: true);

        var ex = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains("needs 2000000000 bytes of data", ex.Message);
        Assert.Contains("only 5 were found", ex.Message);
    }

    [Fact]
    public void A_gzip_trailer_forged_to_match_a_huge_header_does_not_make_the_reader_allocate_it()
    {
        // ISIZE, the last four bytes, rewritten to the length the header declares (2 GB): more than deflate could
        // expand this small file to, so the reader does not trust it, and the forged trailer fails gzip's own check.
        byte[] gzip = IdxTestFiles.Gzip(IdxTestFiles.Images(2_000_000, 1000, 1, new byte[5]));
        BinaryPrimitives.WriteUInt32LittleEndian(gzip.AsSpan(gzip.Length - 4), 16 + 2_000_000_000u);
        string path = _files.Write("images.gz", gzip);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains("is not valid gzip data", ex.Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 4 << 20);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_large_file_is_read_into_one_array_of_its_size(bool gzip)
    {
        // 3 MB of pixels, the size of part of Fashion-MNIST: its length (or gzip's recorded length) vouches for the
        // header, so the reader allocates the pixels once instead of doubling a buffer from 1 MB (6 MB in all).
        const int count = 3 << 10, side = 32;
        byte[] pixels = IdxTestFiles.Pattern(count * side * side);
        string path = _files.Write("images", IdxTestFiles.Images(count, side, side, pixels), gzip);

        long before = GC.GetAllocatedBytesForCurrentThread();
        IdxImages images = IdxReader.ReadImages(path);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(pixels, images.Pixels);
        Assert.InRange(allocated, pixels.Length, pixels.Length + (512 << 10));
    }

    [Fact]
    public void Corrupt_gzip_data_names_the_file()
    {
        byte[] gzip = IdxTestFiles.Gzip(IdxTestFiles.Labels(1, 2, 3));
        gzip[10] = 0xFF; // first deflate block header: block type 3 does not exist
        string path = _files.Write("labels.gz", gzip);

        var ex = Assert.Throws<IdxFormatException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("is not valid gzip data", ex.Message);
        Assert.IsType<InvalidDataException>(ex.InnerException);
    }

    [Fact]
    public void A_corrupt_gzip_header_names_the_file()
    {
        byte[] gzip = IdxTestFiles.Gzip(IdxTestFiles.Labels(1, 2, 3));
        gzip[2] = 0x07; // compression method: only 8 (deflate) exists
        string path = _files.Write("labels.gz", gzip);

        var ex = Assert.Throws<IdxFormatException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("is not valid gzip data", ex.Message);
    }

    [Fact]
    public void A_missing_file_throws_FileNotFoundException()
    {
        string path = Path.Combine(_files.Folder, "absent-images-idx3-ubyte");

        var ex = Assert.Throws<FileNotFoundException>(() => IdxReader.ReadImages(path));

        Assert.Equal(path, ex.FileName);
    }

    [Fact]
    public void The_embedded_digits_are_10000_images_of_28x28_with_as_many_labels()
    {
        var (imagesPath, labelsPath) = IdxTestFiles.EmbeddedDigits();

        IdxImages images = IdxReader.ReadImages(imagesPath);
        byte[] labels = IdxReader.ReadLabels(labelsPath);

        Assert.Equal((10000, 28, 28), (images.Count, images.Rows, images.Columns));
        Assert.Equal(10000, labels.Length);
        Assert.Equal(255, images.Pixels.Max());
    }
}
