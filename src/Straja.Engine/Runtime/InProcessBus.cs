using System.Threading.Channels;

namespace Straja.Engine.Runtime;

/// <summary>A batch of journaled detections and the ingest clock's time when it was accepted.</summary>
public sealed record DetectionBatch(IReadOnlyList<Detection> Detections, DateTimeOffset Now)
{
    /// <summary>Field reports already stored and triaged, for the picture's observations.</summary>
    public IReadOnlyList<FieldReports.TriagedReport> Reports { get; init; } = [];
}

/// <summary>
/// Carries journaled detections to a sector's fusion loop. In-process by default; a NATS JetStream
/// implementation (issue 6's scaled deployment) fits the same two calls.
/// </summary>
public interface IDetectionBus
{
    ValueTask PublishAsync(DetectionBatch batch, CancellationToken cancellationToken);
    IAsyncEnumerable<DetectionBatch> ReadAllAsync(CancellationToken cancellationToken);
}

/// <summary>
/// A bounded channel with one reader: when fusion falls behind, ingest waits instead of memory
/// growing without bound (the journal already holds what was accepted).
/// </summary>
public sealed class InProcessBus(int capacity = 1024) : IDetectionBus
{
    private readonly Channel<DetectionBatch> _channel = Channel.CreateBounded<DetectionBatch>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ValueTask PublishAsync(DetectionBatch batch, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(batch, cancellationToken);

    public IAsyncEnumerable<DetectionBatch> ReadAllAsync(CancellationToken cancellationToken) =>
        _channel.Reader.ReadAllAsync(cancellationToken);

    public void Complete() => _channel.Writer.TryComplete();
}
