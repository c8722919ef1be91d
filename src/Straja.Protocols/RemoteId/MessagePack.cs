using System.Diagnostics.CodeAnalysis;
using System.Buffers;
using System.Runtime.CompilerServices;

namespace Straja.Protocols.RemoteId;

[InlineArray(MessagePack.MaxMessages)]
internal struct InlineMessages
{
    private RemoteIdMessage _first;
}

/// <summary>
/// A Message Pack (type 0xF): header byte, single-message size (25), count (≤ 9), then the messages.
/// Bluetooth 5 long range and Wi-Fi carry one per frame; it is held by value so decoding allocates nothing.
/// </summary>
public readonly struct MessagePack : IEquatable<MessagePack>
{
    public const int MaxMessages = 9;
    public const int HeaderBytes = 3;
    public const int MaxBytes = HeaderBytes + MaxMessages * RemoteIdMessage.Size;

    private readonly InlineMessages _messages;

    /// <summary>A pack of <paramref name="messages"/> (1..9, none of them a pack).</summary>
    public MessagePack(ReadOnlySpan<RemoteIdMessage> messages, int protocolVersion = RemoteIdMessage.CurrentProtocolVersion)
    {
        if (messages.Length > MaxMessages)
        {
            throw new ArgumentOutOfRangeException(nameof(messages), messages.Length, "a message pack holds at most 9 messages");
        }

        messages.CopyTo(_messages);
        Count = messages.Length;
        ProtocolVersion = protocolVersion & 0xF;
    }

    public int Count { get; }

    /// <summary>The low nibble of the pack's own header byte.</summary>
    public int ProtocolVersion { get; }

    [UnscopedRef]
    public ReadOnlySpan<RemoteIdMessage> Messages => ((ReadOnlySpan<RemoteIdMessage>)_messages)[..Count];

    /// <summary>The message at <paramref name="index"/> (0..Count-1), by value.</summary>
    public RemoteIdMessage this[int index] => (uint)index < (uint)Count ? _messages[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public int EncodedLength => HeaderBytes + Count * RemoteIdMessage.Size;

    /// <summary>
    /// Decodes a pack. Bytes after the last message are ignored (some transmitters pad the frame);
    /// <paramref name="consumed"/> says where the pack ended.
    /// </summary>
    public static OperationStatus TryDecode(ReadOnlySpan<byte> data, out MessagePack pack, out int consumed, out RemoteIdDecodeError error)
    {
        pack = default;
        consumed = 0;
        if (data.Length < HeaderBytes)
        {
            return RemoteIdDecodeError.Fail(data.Length, RemoteIdErrorReason.Truncated, OperationStatus.NeedMoreData, out error);
        }

        if (data[0] >> 4 != (int)MessageType.MessagePack)
        {
            return RemoteIdDecodeError.Fail(0, RemoteIdErrorReason.NotAPack, OperationStatus.InvalidData, out error);
        }

        if (data[1] != RemoteIdMessage.Size)
        {
            return RemoteIdDecodeError.Fail(1, RemoteIdErrorReason.BadMessageSize, OperationStatus.InvalidData, out error);
        }

        int count = data[2];
        if (count > MaxMessages)
        {
            return RemoteIdDecodeError.Fail(2, RemoteIdErrorReason.TooManyMessages, OperationStatus.InvalidData, out error);
        }

        int length = HeaderBytes + count * RemoteIdMessage.Size;
        if (data.Length < length)
        {
            return RemoteIdDecodeError.Fail(data.Length, RemoteIdErrorReason.Truncated, OperationStatus.NeedMoreData, out error);
        }

        Span<RemoteIdMessage> messages = stackalloc RemoteIdMessage[MaxMessages];
        for (int i = 0; i < count; i++)
        {
            int at = HeaderBytes + i * RemoteIdMessage.Size;
            if (RemoteIdMessage.TryDecode(data.Slice(at, RemoteIdMessage.Size), out messages[i], out error) != OperationStatus.Done)
            {
                error = error.Shift(at);
                return OperationStatus.InvalidData;
            }
        }

        pack = new MessagePack(messages[..count], data[0] & 0xF);
        consumed = length;
        error = default;
        return OperationStatus.Done;
    }

    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < EncodedLength)
        {
            return false;
        }

        destination[0] = RemoteIdUnits.Nibbles((int)MessageType.MessagePack, ProtocolVersion);
        destination[1] = RemoteIdMessage.Size;
        destination[2] = (byte)Count;
        for (int i = 0; i < Count; i++)
        {
            _messages[i].CopyTo(destination[(HeaderBytes + i * RemoteIdMessage.Size)..]);
        }

        written = EncodedLength;
        return true;
    }

    public bool Equals(MessagePack other) => ProtocolVersion == other.ProtocolVersion && Messages.SequenceEqual(other.Messages);

    public override bool Equals(object? obj) => obj is MessagePack other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Count, ProtocolVersion, Count > 0 ? _messages[0].GetHashCode() : 0);

    public static bool operator ==(MessagePack left, MessagePack right) => left.Equals(right);

    public static bool operator !=(MessagePack left, MessagePack right) => !left.Equals(right);
}
