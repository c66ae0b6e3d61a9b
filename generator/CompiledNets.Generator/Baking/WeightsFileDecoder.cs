using System;
using System.Globalization;
using System.Text;
using CompiledNets.Generator.Model;
using CompiledNets.Persistence;

namespace CompiledNets.Generator.Baking
{
    /// <summary>
    /// Reads the text form of a weights file (NetworkWeights.SaveText: '#' comment lines, then the binary file in Base64)
    /// and checks it as the runtime's loader checks a binary file: magic, version, sizes, checksum, then whether it fits
    /// the network. The layout is documented on the runtime's NetworkWeights.
    /// </summary>
    internal static class WeightsFileDecoder
    {
        private const int FixedHeaderSize = 20;
        private const int ChecksumSize = 4;
        private const int FormatVersion = 1;
        private const int MaxArchitectureBytes = 64 * 1024;

        /// <summary>What reading found: the parameters' bytes, or why the file is unreadable or does not fit.</summary>
        public readonly struct Outcome
        {
            private Outcome(byte[]? parameters, string? unreadable, string? mismatch)
            {
                Parameters = parameters;
                Unreadable = unreadable;
                Mismatch = mismatch;
            }

            public byte[]? Parameters { get; }
            public string? Unreadable { get; }
            public string? Mismatch { get; }

            public static Outcome Read(byte[] parameters) => new Outcome(parameters, null, null);
            public static Outcome Damaged(string problem) => new Outcome(null, problem, null);
            public static Outcome DoesNotFit(string problem) => new Outcome(null, null, problem);
        }

        public static Outcome Decode(string text, NetworkSpec spec)
        {
            var base64 = new StringBuilder(text.Length);
            foreach (string rawLine in text.Split('\n'))
            {
                string line = rawLine.Trim();
                if (line.Length > 0 && line[0] != '#')
                    base64.Append(line);
            }

            if (base64.Length == 0)
                return Outcome.Damaged("it holds no Base64 data (is it the binary file?)");
            byte[] file;
            try
            {
                file = Convert.FromBase64String(base64.ToString());
            }
            catch (FormatException)
            {
                return Outcome.Damaged("its data is not valid Base64 (was it edited, or is it the binary file?)");
            }

            return Check(file, spec);
        }

        private static Outcome Check(byte[] file, NetworkSpec spec)
        {
            if (file.Length < FixedHeaderSize + ChecksumSize || file[0] != 'C' || file[1] != 'N' || file[2] != 'W' || file[3] != '1')
                return Outcome.Damaged("it is not a CompiledNets weights file (no CNW1 header)");
            int version = Int(file, 4), elementSize = Int(file, 8), count = Int(file, 12), architectureLength = Int(file, 16);
            if (version != FormatVersion)
                return Outcome.Damaged($"it is format version {Text(version)}; this generator reads version {Text(FormatVersion)}");
            if ((elementSize != 4 && elementSize != 8) || count < 0 || architectureLength < 0 || architectureLength > MaxArchitectureBytes)
                return Outcome.Damaged("its header holds impossible values (element size, parameter count or architecture length)");
            long expectedLength = FixedHeaderSize + (long)architectureLength + (long)count * elementSize + ChecksumSize;
            if (file.Length != expectedLength)
                return Outcome.Damaged($"it decodes to {Text(file.Length)} bytes where its header promises {Text(expectedLength)}: it is truncated or has extra data");
            uint stored = (uint)Int(file, file.Length - ChecksumSize);
            uint computed = Crc32.Compute(new ReadOnlySpan<byte>(file, 0, file.Length - ChecksumSize));
            if (stored != computed)
                return Outcome.Damaged($"its checksum does not match (stored {stored:X8}, computed {computed:X8}): the file is corrupted");

            string architecture = Encoding.UTF8.GetString(file, FixedHeaderSize, architectureLength);
            int wantedSize = spec.Scalar == ScalarKind.Double ? 8 : 4;
            if (elementSize != wantedSize)
                return Outcome.DoesNotFit($"it holds {Precision(elementSize)} parameters and the network is {Precision(wantedSize)}");
            if (count != spec.ParameterCount)
                return Outcome.DoesNotFit($"it holds {Text(count)} parameters of '{architecture}' and the network has {Text(spec.ParameterCount)} ('{spec.Architecture}')");
            if (architecture != spec.Architecture)
                return Outcome.DoesNotFit($"it was saved from '{architecture}' and the network is '{spec.Architecture}'");

            var parameters = new byte[(long)count * elementSize];
            Array.Copy(file, FixedHeaderSize + architectureLength, parameters, 0, parameters.Length);
            return Outcome.Read(parameters);
        }

        private static int Int(byte[] bytes, int offset)
            => bytes[offset] | bytes[offset + 1] << 8 | bytes[offset + 2] << 16 | bytes[offset + 3] << 24;

        private static string Precision(int elementSize) => elementSize == 4 ? "float" : "double";

        private static string Text(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
    }
}
