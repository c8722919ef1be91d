using System.Diagnostics.CodeAnalysis;
using System.Buffers;
using System.Runtime.CompilerServices;

namespace Straja.Protocols.RemoteId;

[InlineArray(RemoteIdMessage.Size)]
internal struct Inline25
{
    private byte _first;
}

/// <summary>
/// One 25-byte F3411 message held by value. The typed content comes from the <c>TryGet</c> overloads, which
/// decode on demand from these bytes, so a message re-encodes to exactly what was received.
/// </summary>
public readonly struct RemoteIdMessage : IEquatable<RemoteIdMessage>
{
    public const int Size = 25;

    /// <summary>Protocol version F3411-22a messages carry (0 = F3411-19, 1 = F3411-20).</summary>
    public const int CurrentProtocolVersion = 2;

    private readonly Inline25 _bytes;

    private RemoteIdMessage(ReadOnlySpan<byte> bytes) => bytes[..Size].CopyTo(_bytes);

    public MessageType Type => (MessageType)(_bytes[0] >> 4);

    public int ProtocolVersion => _bytes[0] & 0x0F;

    [UnscopedRef]
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>
    /// Takes exactly 25 bytes as one message of any type but 0xF (a pack is decoded by <see cref="MessagePack"/>).
    /// Reserved types and values are accepted: they decode to the "unknown" codes, not to an error.
    /// </summary>
    public static OperationStatus TryDecode(ReadOnlySpan<byte> data, out RemoteIdMessage message, out RemoteIdDecodeError error)
    {
        message = default;
        if (data.Length != Size)
        {
            error = new RemoteIdDecodeError(Math.Min(data.Length, Size), data.Length < Size ? RemoteIdErrorReason.Truncated : RemoteIdErrorReason.BadLength);
            return data.Length < Size ? OperationStatus.NeedMoreData : OperationStatus.InvalidData;
        }

        if (data[0] >> 4 == (int)MessageType.MessagePack)
        {
            error = new RemoteIdDecodeError(0, RemoteIdErrorReason.NestedPack);
            return OperationStatus.InvalidData;
        }

        message = new RemoteIdMessage(data);
        error = default;
        return OperationStatus.Done;
    }

    public void CopyTo(Span<byte> destination) => Bytes.CopyTo(destination);

    public byte[] ToArray() => Bytes.ToArray();

    public string ToHex() => Convert.ToHexString(Bytes);

    public bool TryGet(out BasicId value) => Read(MessageType.BasicId, BasicId.Read, out value);

    public bool TryGet(out LocationVector value) => Read(MessageType.Location, LocationVector.Read, out value);

    public bool TryGet(out AuthenticationPage value) => Read(MessageType.Authentication, AuthenticationPage.Read, out value);

    public bool TryGet(out SelfId value) => Read(MessageType.SelfId, SelfId.Read, out value);

    public bool TryGet(out SystemInfo value) => Read(MessageType.System, SystemInfo.Read, out value);

    public bool TryGet(out OperatorId value) => Read(MessageType.OperatorId, OperatorId.Read, out value);

    public static RemoteIdMessage From(in BasicId value, int protocolVersion = CurrentProtocolVersion) => Build(MessageType.BasicId, protocolVersion, value, static (in BasicId v, Span<byte> b) => v.Write(b));

    public static RemoteIdMessage From(in LocationVector value, int protocolVersion = CurrentProtocolVersion) => Build(MessageType.Location, protocolVersion, value, static (in LocationVector v, Span<byte> b) => v.Write(b));

    public static RemoteIdMessage From(in AuthenticationPage value, int protocolVersion = CurrentProtocolVersion) => Build(MessageType.Authentication, protocolVersion, value, static (in AuthenticationPage v, Span<byte> b) => v.Write(b));

    public static RemoteIdMessage From(in SelfId value, int protocolVersion = CurrentProtocolVersion) => Build(MessageType.SelfId, protocolVersion, value, static (in SelfId v, Span<byte> b) => v.Write(b));

    public static RemoteIdMessage From(in SystemInfo value, int protocolVersion = CurrentProtocolVersion) => Build(MessageType.System, protocolVersion, value, static (in SystemInfo v, Span<byte> b) => v.Write(b));

    public static RemoteIdMessage From(in OperatorId value, int protocolVersion = CurrentProtocolVersion) => Build(MessageType.OperatorId, protocolVersion, value, static (in OperatorId v, Span<byte> b) => v.Write(b));

    public bool Equals(RemoteIdMessage other) => Bytes.SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => obj is RemoteIdMessage other && Equals(other);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.AddBytes(Bytes);
        return h.ToHashCode();
    }

    public static bool operator ==(RemoteIdMessage left, RemoteIdMessage right) => left.Equals(right);

    public static bool operator !=(RemoteIdMessage left, RemoteIdMessage right) => !left.Equals(right);

    public override string ToString() => $"{Type} v{ProtocolVersion} {ToHex()}";

    private delegate T Reader<T>(ReadOnlySpan<byte> message);

    private delegate void Writer<T>(in T value, Span<byte> message);

    private bool Read<T>(MessageType type, Reader<T> read, out T value)
    {
        value = Type == type ? read(Bytes) : default!;
        return Type == type;
    }

    private static RemoteIdMessage Build<T>(MessageType type, int protocolVersion, in T value, Writer<T> write)
    {
        Span<byte> b = stackalloc byte[Size];
        b.Clear();
        b[0] = RemoteIdUnits.Nibbles((int)type, protocolVersion);
        write(value, b);
        return new RemoteIdMessage(b);
    }
}
