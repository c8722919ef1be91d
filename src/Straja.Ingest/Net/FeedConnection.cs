using System.IO.Pipelines;
using System.Net.Sockets;
using Straja.Engine.Runtime;
using Straja.Ingest.Feeds;

namespace Straja.Ingest.Net;

/// <summary>
/// Reads one TCP connection through a pipe into a feed session and hands what it completes to the
/// engine. One connection never holds up another: each has its own loop, and a peer that sends
/// bytes without a single frame (or nothing at all for too long) is dropped, not waited on.
/// </summary>
internal static class FeedConnection
{
    /// <summary>More unconsumed bytes than this without one frame is not a feed.</summary>
    public const int MaxUnframedBytes = 1 << 20;

    public static async Task RunAsync(Socket socket, IFeedSession session, SensorCounters counters, EngineService engine,
        TimeProvider clock, TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: false));
        var detections = new List<Detection>();
        var replies = new System.Buffers.ArrayBufferWriter<byte>();
        // Replies from the read loop and pushes from elsewhere (a task) share the stream: one writer at a time.
        using var writeLock = new SemaphoreSlim(1, 1);
        using var pushStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? pushLoop = null;
        if (session is IPushingFeedSession pushing)
        {
            var wake = new SemaphoreSlim(0);
            pushing.Attach(() => wake.Release());
            pushLoop = PushLoopAsync(stream, pushing, wake, writeLock, pushStop.Token);
        }

        counters.Connected();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                ReadResult result;
                using (var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    idle.CancelAfter(idleTimeout);
                    try
                    {
                        result = await reader.ReadAsync(idle.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        counters.Reject($"no data for {idleTimeout.TotalSeconds:F0} s: connection closed", clock.GetUtcNow());
                        return;
                    }
                }

                var buffer = result.Buffer;
                counters.AddBytes(buffer.Length);
                var now = clock.GetUtcNow();
                detections.Clear();
                var consumed = session.Consume(buffer, now, detections);
                if (detections.Count > 0)
                    await engine.IngestAsync(detections.ToArray(), now, cancellationToken).ConfigureAwait(false);
                if (session is IReplyingFeedSession replying)
                {
                    await SendRepliesAsync(stream, replying, replies, writeLock, cancellationToken).ConfigureAwait(false);
                    if (replying.Closed)
                        return;
                }

                long left = buffer.Slice(consumed).Length;
                if (left > MaxUnframedBytes)
                {
                    counters.Reject($"{left} bytes without a complete frame: connection closed", now);
                    return;
                }

                reader.AdvanceTo(consumed, buffer.End);
                if (result.IsCompleted)
                    return;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            counters.Reject($"connection lost: {e.Message}", clock.GetUtcNow());
        }
        finally
        {
            counters.Disconnected();
            if (session is IPushingFeedSession pushed)
                pushed.Detach(clock.GetUtcNow());
            await pushStop.CancelAsync().ConfigureAwait(false);
            if (pushLoop is not null)
                await pushLoop.ConfigureAwait(false);
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static async Task SendRepliesAsync(NetworkStream stream, IReplyingFeedSession session, System.Buffers.ArrayBufferWriter<byte> buffer,
        SemaphoreSlim writeLock, CancellationToken ct)
    {
        await writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            buffer.Clear();
            session.TakeReplies(buffer);
            if (buffer.WrittenCount > 0)
                await stream.WriteAsync(buffer.WrittenMemory, ct).ConfigureAwait(false);
        }
        finally
        {
            writeLock.Release();
        }
    }

    private static async Task PushLoopAsync(NetworkStream stream, IPushingFeedSession session, SemaphoreSlim wake, SemaphoreSlim writeLock, CancellationToken ct)
    {
        var pending = new System.Buffers.ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                await wake.WaitAsync(ct).ConfigureAwait(false);
                await SendRepliesAsync(stream, session, pending, writeLock, ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The read loop owns the connection's fate; a failed push just ends pushing.
        }
    }
}
