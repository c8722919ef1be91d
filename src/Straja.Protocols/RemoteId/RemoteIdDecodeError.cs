using System.Buffers;

namespace Straja.Protocols.RemoteId;

/// <summary>Why Remote ID bytes were not accepted.</summary>
public enum RemoteIdErrorReason
{
    None = 0,
    /// <summary>Fewer bytes than the structure needs (a 25-byte message, a pack's messages, a carrier header).</summary>
    Truncated,
    /// <summary>A single message that is not exactly 25 bytes.</summary>
    BadLength,
    /// <summary>A message pack whose single-message size byte is not 25.</summary>
    BadMessageSize,
    /// <summary>A message pack claiming more than 9 messages.</summary>
    TooManyMessages,
    /// <summary>A message pack (type 0xF) where a single message was required, or inside a pack.</summary>
    NestedPack,
    /// <summary>Bytes expected to be a message pack that do not start with message type 0xF.</summary>
    NotAPack,
    /// <summary>No Open Drone ID service data / vendor element / NAN service descriptor in the carrier payload.</summary>
    NoRemoteIdContent,
    /// <summary>An advertising structure, information element or NAN attribute whose length runs past its container.</summary>
    BadStructureLength,
    /// <summary>A carrier kind this decoder does not know.</summary>
    UnknownCarrier,
    /// <summary>A feed record that does not start with "SRID".</summary>
    BadMagic,
    /// <summary>A feed record version this reader does not know.</summary>
    UnsupportedVersion,
    /// <summary>A feed receiver id that is empty, too long or not printable ASCII.</summary>
    BadReceiverId,
}

/// <summary>A decode failure: the byte offset (into the span given to the decoder) and the reason.</summary>
public readonly record struct RemoteIdDecodeError(int Offset, RemoteIdErrorReason Reason)
{
    public bool IsError => Reason != RemoteIdErrorReason.None;

    /// <summary>The same error with its offset moved by <paramref name="delta"/> (inner span → outer span).</summary>
    public RemoteIdDecodeError Shift(int delta) => this with { Offset = Offset + delta };

    /// <summary>A fixed English description of <see cref="Reason"/>.</summary>
    public string Description => Reason switch
    {
        RemoteIdErrorReason.None => "no error",
        RemoteIdErrorReason.Truncated => "data ends before the structure does",
        RemoteIdErrorReason.BadLength => "a Remote ID message is exactly 25 bytes",
        RemoteIdErrorReason.BadMessageSize => "message pack single-message size is not 25",
        RemoteIdErrorReason.TooManyMessages => "message pack holds more than 9 messages",
        RemoteIdErrorReason.NestedPack => "message pack where a single message is required",
        RemoteIdErrorReason.NotAPack => "message type is not 0xF (message pack)",
        RemoteIdErrorReason.NoRemoteIdContent => "no Open Drone ID content in the carrier payload",
        RemoteIdErrorReason.BadStructureLength => "structure length runs past its container",
        RemoteIdErrorReason.UnknownCarrier => "unknown carrier kind",
        RemoteIdErrorReason.BadMagic => "feed record does not start with \"SRID\"",
        RemoteIdErrorReason.UnsupportedVersion => "feed record version not supported",
        RemoteIdErrorReason.BadReceiverId => "receiver id empty, longer than 64 bytes or not printable ASCII",
        _ => "unknown error",
    };

    public override string ToString() => $"offset {Offset}: {Description}";

    /// <summary>Sets <paramref name="error"/> and returns <paramref name="status"/>: the one-line failure of every decoder here.</summary>
    internal static OperationStatus Fail(int offset, RemoteIdErrorReason reason, OperationStatus status, out RemoteIdDecodeError error)
    {
        error = new RemoteIdDecodeError(offset, reason);
        return status;
    }
}
