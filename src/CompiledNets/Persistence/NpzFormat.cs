using System.IO.Compression;

namespace CompiledNets.Persistence;

/// <summary>
/// NumPy's .npz format: a ZIP archive with one <c>name.npy</c> entry per array (<see cref="NpyFormat"/>). Reading
/// checks each entry's size and CRC-32 against the archive's directory, as Python's zipfile does for
/// <c>numpy.load</c>: .NET's <see cref="ZipArchive"/> checks neither, and a flipped bit would otherwise load as a
/// changed weight.
/// </summary>
internal static class NpzFormat
{
    // What an archive needs beside its arrays' data: a .npy header and ZIP records per array, generously.
    private const long MostArchiveOverheadBytes = 16 << 20;

    /// <summary>Every array of the archive at <paramref name="path"/>, refused unread if they exceed <paramref name="mostDataBytes"/>.</summary>
    public static List<StoredTensor> Read(string path, long mostDataBytes)
    {
        Stream file = OpenSeekable(path, mostDataBytes);
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException e)
        {
            file.Dispose();
            throw new InvalidDataException($"'{path}' is not a NumPy .npz archive (a ZIP file): {e.Message}", e);
        }

        using (archive)
        {
            IReadOnlyCollection<ZipArchiveEntry> entries;
            try
            {
                entries = archive.Entries; // read on first use
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"'{path}' has a damaged ZIP directory: {e.Message}", e);
            }

            // The ZIP directory gives each array's size before anything is read; ReadEntry holds each entry to it.
            long arrays = entries.Sum(entry => entry.Length);
            long most = mostDataBytes + (long)entries.Count * NpyFormat.MostHeaderBytes;
            if (arrays > most)
            {
                throw new InvalidDataException(
                    $"'{path}' holds {arrays:N0} bytes of arrays, more than this network's parameters can fill ({most:N0}, " +
                    "every parameter as float64, with headers): it holds other tensors.");
            }

            var tensors = new List<StoredTensor>();
            foreach (ZipArchiveEntry entry in entries)
            {
                if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal))
                    throw new InvalidDataException($"'{path}' holds '{entry.FullName}', which is not a .npy array: it is not an .npz of tensors.");
                string name = entry.FullName[..^".npy".Length];
                string where = $"'{path}', entry '{entry.FullName}',";
                try
                {
                    using var content = new MemoryStream(ReadEntry(entry, where), writable: false);
                    tensors.Add(NpyFormat.Read(content, name, where));
                }
                catch (InvalidDataException e) when (!e.Message.StartsWith($"'{path}'", StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"{where} is damaged: {e.Message}", e);
                }
            }

            return tensors;
        }
    }

    /// <summary>
    /// The file, opened to be read from anywhere, as a ZIP's directory at its end must be. A pipe cannot seek, and
    /// ZipArchive would copy all of it into memory first, however long it went on: it is copied here instead, up to
    /// the most an archive of this network's arrays can take.
    /// </summary>
    private static Stream OpenSeekable(string path, long mostDataBytes)
    {
        FileStream file = File.OpenRead(path);
        if (file.CanSeek)
            return file;
        using (file)
        {
            long most = mostDataBytes + MostArchiveOverheadBytes;
            var copy = new MemoryStream();
            byte[] chunk = new byte[64 * 1024];
            int read;
            while ((read = file.Read(chunk)) > 0)
            {
                if (copy.Length + read > most)
                {
                    throw new InvalidDataException(
                        $"'{path}' goes on past {most:N0} bytes, more than a .npz archive of this network's parameters can take: it holds other " +
                        "tensors, or is not a .npz archive.");
                }

                copy.Write(chunk, 0, read);
            }

            copy.Position = 0;
            return copy;
        }
    }

    /// <summary>The entry's bytes, which must be as many as the directory says and have the CRC-32 it records.</summary>
    private static byte[] ReadEntry(ZipArchiveEntry entry, string where)
    {
        var content = new byte[entry.Length];
        using Stream stream = entry.Open();
        int read = stream.ReadAtLeast(content, content.Length, throwOnEndOfStream: false);
        if (read < content.Length)
            throw new InvalidDataException($"{where} ends after {read} of the {content.Length} bytes the archive's directory gives it: the file is truncated.");
        if (stream.ReadByte() >= 0)
            throw new InvalidDataException($"{where} holds more than the {content.Length} bytes the archive's directory gives it: the file is corrupt.");
        uint crc = Crc32.Compute(content);
        if (crc != entry.Crc32)
        {
            throw new InvalidDataException(
                $"{where} is corrupt: its bytes have CRC-32 0x{crc:X8}, but the archive recorded 0x{entry.Crc32:X8} when it was written.");
        }

        return content;
    }
}
