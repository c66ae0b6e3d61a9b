using System.Buffers.Binary;
using System.Numerics;

namespace CompiledNets.Persistence;

/// <summary>The element types a tensor file may hold that convert to network parameters.</summary>
internal enum StoredType
{
    Float16,
    BFloat16,
    Float32,
    Float64,
}

/// <summary>One tensor as read from an .npz or .safetensors file: its name, shape, element type and little-endian bytes.</summary>
internal sealed class StoredTensor(string name, int[] shape, StoredType type, byte[] data)
{
    public string Name { get; } = name;
    public int[] Shape { get; } = shape;
    public StoredType Type { get; } = type;

    /// <summary>"[32, 784]", as PyTorch prints a shape.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";

    public static int SizeOf(StoredType type) => type switch
    {
        StoredType.Float16 or StoredType.BFloat16 => 2,
        StoredType.Float32 => 4,
        _ => 8,
    };

    /// <summary>
    /// The number of values of <paramref name="shape"/>, or -1 when it exceeds <paramref name="most"/>: a damaged header
    /// can give sides whose product overflows even a long.
    /// </summary>
    public static long CountOf(ReadOnlySpan<int> shape, int most)
    {
        if (shape.Contains(0))
            return 0;
        long count = 1;
        foreach (int side in shape)
        {
            count *= side; // at most int.MaxValue times int.MaxValue: no overflow
            if (count > most)
                return -1;
        }

        return count;
    }

    /// <summary>Converts every value to <typeparamref name="T"/> (widening or rounding to nearest) into <paramref name="destination"/>.</summary>
    public void CopyTo<T>(Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<byte> bytes = data;
        int size = SizeOf(Type);
        for (int k = 0; k < destination.Length; k++)
        {
            ReadOnlySpan<byte> value = bytes.Slice(k * size, size);
            destination[k] = Type switch
            {
                StoredType.Float16 => T.CreateChecked((float)BinaryPrimitives.ReadHalfLittleEndian(value)),
                StoredType.BFloat16 => T.CreateChecked(BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(value) << 16)),
                StoredType.Float32 => T.CreateChecked(BinaryPrimitives.ReadSingleLittleEndian(value)),
                _ => T.CreateChecked(BinaryPrimitives.ReadDoubleLittleEndian(value)),
            };
        }
    }
}
