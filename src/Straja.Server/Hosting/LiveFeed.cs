using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Straja.Engine.Picture;
using Straja.Engine.Runtime;
using Straja.Server.Apis;

namespace Straja.Server.Hosting;

/// <summary>
/// The console's live feed over a WebSocket at /api/live: the whole picture every period, and each
/// alert the moment it is raised or acknowledged. A message is serialised once for all clients; a
/// client that cannot keep up loses old pictures (the next one replaces them anyway), never the
/// connection of the others.
/// </summary>
internal sealed class LiveFeed : BackgroundService
{
    private readonly EngineService _engine;
    private readonly StrajaServerOptions _options;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<long, Channel<ReadOnlyMemory<byte>>> _clients = new();
    private readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);
    private long _nextClient;

    public LiveFeed(EngineService engine, StrajaServerOptions options, TimeProvider clock)
    {
        _engine = engine;
        _options = options;
        _clock = clock;
        _engine.AlertChanged += OnAlert;
    }

    public int Clients => _clients.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.PicturePeriod, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (!_clients.IsEmpty)
                    Broadcast(PictureMessage(_engine.Picture));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public ReadOnlyMemory<byte> PictureMessage(PictureSnapshot picture) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = "picture",
            time = picture.Time,
            tracks = picture.Tracks.Select(TrackDto.From),
            observations = picture.Observations.Select(ObservationDto.From),
        }, _json);

    private void OnAlert(Alert alert) =>
        Broadcast(JsonSerializer.SerializeToUtf8Bytes(new { type = "alert", alert = AlertDto.From(alert) }, _json));

    private void Broadcast(ReadOnlyMemory<byte> message)
    {
        foreach (var channel in _clients.Values)
            channel.Writer.TryWrite(message);
    }

    public async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("expected a WebSocket upgrade", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var channel = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(16)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        long id = Interlocked.Increment(ref _nextClient);
        _clients[id] = channel;
        var ct = context.RequestAborted;
        try
        {
            // The first picture goes out at once so a new console is not blank for a period.
            channel.Writer.TryWrite(PictureMessage(_engine.Picture));
            var receive = DrainAsync(socket, channel, ct);
            await foreach (var message in channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (socket.State != WebSocketState.Open)
                    break;
                await socket.SendAsync(message, WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
            }

            await receive.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            _clients.TryRemove(id, out _);
        }
    }

    /// <summary>Reads (and ignores) what the client sends, so a close from the browser is seen.</summary>
    private static async Task DrainAsync(WebSocket socket, Channel<ReadOnlyMemory<byte>> outbox, CancellationToken ct)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var r = await socket.ReceiveAsync(buffer, ct).ConfigureAwait(false);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", ct).ConfigureAwait(false);
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            // Ends the send loop too: nothing more should go to a socket the browser closed.
            outbox.Writer.TryComplete();
        }
    }

    public override void Dispose()
    {
        _engine.AlertChanged -= OnAlert;
        base.Dispose();
    }
}
