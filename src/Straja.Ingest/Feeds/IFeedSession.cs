using System.Buffers;

namespace Straja.Ingest.Feeds;

/// <summary>
/// Turns one connection's bytes into detections. Sessions are pure state machines (no sockets, no
/// clock: the listener passes the time of receipt): the listener owns the I/O, the session the
/// protocol. Partial frames stay in the caller's buffer: a session reports how far it consumed.
/// </summary>
public interface IFeedSession
{
    /// <summary>
    /// Consumes whole frames from <paramref name="buffer"/>, appends the detections they complete to
    /// <paramref name="detections"/>, and returns the position up to which the bytes are used.
    /// </summary>
    SequencePosition Consume(ReadOnlySequence<byte> buffer, DateTimeOffset receivedAt, List<Detection> detections);
}

/// <summary>A session of a protocol that answers its peer (SAPIENT acknowledges and reports errors).</summary>
public interface IReplyingFeedSession : IFeedSession
{
    /// <summary>Moves the replies produced by the last <see cref="IFeedSession.Consume"/> into <paramref name="writer"/>.</summary>
    void TakeReplies(System.Buffers.IBufferWriter<byte> writer);

    /// <summary>True once the peer sent something after which its stream cannot be trusted: send the replies, then close.</summary>
    bool Closed { get; }
}

/// <summary>
/// A session that also speaks first: the fusion node may send its peer a message between reads (a SAPIENT
/// Task). The connection gives it a way to wake the writer, and says when the connection has ended.
/// </summary>
public interface IPushingFeedSession : IReplyingFeedSession
{
    /// <summary>Called once when the connection starts; <paramref name="wake"/> makes it send whatever <see cref="IReplyingFeedSession.TakeReplies"/> now holds.</summary>
    void Attach(Action wake);

    /// <summary>The connection has ended (at the time given): nothing sent from now on reaches the peer.</summary>
    void Detach(DateTimeOffset at);
}
