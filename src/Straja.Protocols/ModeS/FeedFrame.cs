using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Straja.Protocols.ModeS;

/// <summary>What a receiver feed frame carries.</summary>
public enum FeedFrameType : byte
{
    /// <summary>A 2-byte Mode A/C reply (Beast type '1').</summary>
    ModeAC = (byte)'1',
    /// <summary>A 7-byte (56-bit) Mode S frame (Beast type '2').</summary>
    ModeSShort = (byte)'2',
    /// <summary>A 14-byte (112-bit) Mode S frame (Beast type '3').</summary>
    ModeSLong = (byte)'3',
}

[InlineArray(14)]
internal struct FrameBytes
{
    private byte _element0;
}

/// <summary>
/// One frame as a receiver feed (Beast binary or AVR text) delivers it: the raw Mode S or Mode A/C
/// bytes plus what the receiver added. Held by value (14 bytes inline) so reading a feed allocates nothing.
/// </summary>
public readonly struct FeedFrame : IEquatable<FeedFrame>
{
    private readonly FrameBytes _bytes;

    /// <summary>Builds a frame; <paramref name="data"/> must be 2, 7 or 14 bytes (else <see cref="ArgumentException"/>: a programming error, not bad input).</summary>
    public FeedFrame(ReadOnlySpan<byte> data, ulong timestamp12MHz = 0, byte signal = 0, bool hasTimestamp = true, bool hasSignal = true)
    {
        Type = LengthToType(data.Length) ?? throw new ArgumentException("a feed frame carries 2, 7 or 14 bytes", nameof(data));
        data.CopyTo(_bytes);
        Length = data.Length;
        Timestamp12MHz = timestamp12MHz & 0xFFFF_FFFF_FFFF;
        Signal = signal;
        HasTimestamp = hasTimestamp;
        HasSignal = hasSignal;
    }

    public FeedFrameType Type { get; }
    public int Length { get; }
    /// <summary>The receiver's free-running 48-bit 12 MHz counter (Beast, AVR '@' and '&lt;' forms).</summary>
    public ulong Timestamp12MHz { get; }
    /// <summary>Beast signal byte: about 255·√(power relative to full scale).</summary>
    public byte Signal { get; }
    public bool HasTimestamp { get; }
    public bool HasSignal { get; }

    /// <summary>The Mode S (or Mode A/C) bytes.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> Data => ((ReadOnlySpan<byte>)_bytes)[..Length];

    /// <summary>Received power relative to full scale (0–1) from the signal byte.</summary>
    public double SignalPower => Signal / 255.0 * (Signal / 255.0);

    internal static FeedFrameType? LengthToType(int length) => length switch
    {
        2 => FeedFrameType.ModeAC,
        7 => FeedFrameType.ModeSShort,
        14 => FeedFrameType.ModeSLong,
        _ => null,
    };

    internal static int TypeToLength(FeedFrameType type) => type switch
    {
        FeedFrameType.ModeAC => 2,
        FeedFrameType.ModeSShort => 7,
        FeedFrameType.ModeSLong => 14,
        _ => 0,
    };

    public bool Equals(FeedFrame other) =>
        Type == other.Type && Timestamp12MHz == other.Timestamp12MHz && Signal == other.Signal
        && HasTimestamp == other.HasTimestamp && HasSignal == other.HasSignal
        && ((ReadOnlySpan<byte>)_bytes)[..Length].SequenceEqual(((ReadOnlySpan<byte>)other._bytes)[..other.Length]);

    public override bool Equals(object? obj) => obj is FeedFrame f && Equals(f);

    public override int GetHashCode() => HashCode.Combine(Type, Timestamp12MHz, Signal, Length);

    public static bool operator ==(FeedFrame left, FeedFrame right) => left.Equals(right);

    public static bool operator !=(FeedFrame left, FeedFrame right) => !left.Equals(right);

    public override string ToString() => $"{Type} ts={Timestamp12MHz} sig={Signal} {Convert.ToHexString(Data)}";
}
