using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;

namespace Straja.Ingest.Outputs;

/// <summary>Where and how to POST events.</summary>
/// <param name="Secret">Shared with the receiver: the body's HMAC-SHA256 under it goes in <c>X-Straja-Signature</c>.</param>
/// <param name="MaxAttempts">Deliveries are tried this many times with doubling delays before they are dropped and counted.</param>
public sealed record WebhookOptions(Uri Url, string Secret, int MaxAttempts = 6, TimeSpan? FirstRetryDelay = null, int QueueCapacity = 1_000)
{
    public TimeSpan FirstRetry => FirstRetryDelay ?? TimeSpan.FromSeconds(1);
}

/// <summary>What the sender has done, for the API.</summary>
public sealed class WebhookCounters
{
    private long _delivered, _retries, _dropped;
    public long Delivered => Interlocked.Read(ref _delivered);
    public long Retries => Interlocked.Read(ref _retries);
    /// <summary>Events given up after every attempt failed, or refused because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);
    public string? LastError { get; internal set; }

    internal void OnDelivered() => Interlocked.Increment(ref _delivered);
    internal void OnRetry() => Interlocked.Increment(ref _retries);
    internal void OnDropped() => Interlocked.Increment(ref _dropped);
}

/// <summary>
/// POSTs JSON events to one webhook URL, in order, from a bounded queue: a slow or dead receiver never
/// blocks the engine (a full queue drops and counts). Each delivery carries
/// <c>X-Straja-Event</c>, a unique <c>X-Straja-Delivery</c> id (the same on every retry, so a receiver
/// can discard duplicates), <c>X-Straja-Timestamp</c> (Unix seconds) and
/// <c>X-Straja-Signature: sha256=&lt;hex HMAC-SHA256 of "timestamp.body"&gt;</c>: binding the timestamp
/// stops a captured request being replayed later. A 2xx answer is delivery; anything else or no answer
/// is retried with doubling delays.
/// </summary>
public sealed class WebhookSender : IAsyncDisposable
{
    private readonly WebhookOptions _options;
    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private readonly Channel<(string Event, string Id, byte[] Body)> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _worker;

    public WebhookSender(WebhookOptions options, TimeProvider clock, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.Secret))
            throw new ArgumentException("a webhook needs a secret to sign its deliveries", nameof(options));
        _options = options;
        _clock = clock;
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = TimeSpan.FromSeconds(10);
        _queue = Channel.CreateBounded<(string, string, byte[])>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropWrite,
        });
        _worker = Task.Run(RunAsync);
    }

    public WebhookCounters Counters { get; } = new();

    /// <summary>Queues one event; false (and counted as dropped) when the queue is full.</summary>
    public bool Enqueue(string eventName, string deliveryId, byte[] jsonBody)
    {
        if (_queue.Writer.TryWrite((eventName, deliveryId, jsonBody)))
            return true;
        Counters.OnDropped();
        return false;
    }

    /// <summary>The signature header value for <paramref name="body"/> sent at <paramref name="unixSeconds"/>.</summary>
    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        byte[] prefix = Encoding.ASCII.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        byte[] signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    private async Task RunAsync()
    {
        var ct = _stop.Token;
        try
        {
            await foreach (var (ev, id, body) in _queue.Reader.ReadAllAsync(ct).ConfigureAwait(false))
                await DeliverAsync(ev, id, body, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(string ev, string id, byte[] body, CancellationToken ct)
    {
        var delay = _options.FirstRetry;
        for (int attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            long now = _clock.GetUtcNow().ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, _options.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add("X-Straja-Event", ev);
            request.Headers.Add("X-Straja-Delivery", id);
            request.Headers.Add("X-Straja-Timestamp", now.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Straja-Signature", Sign(_options.Secret, now, body));
            try
            {
                using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    Counters.OnDelivered();
                    return;
                }

                Counters.LastError = $"{_options.Url}: HTTP {(int)response.StatusCode} for delivery {id} (attempt {attempt})";
            }
            catch (HttpRequestException e)
            {
                Counters.LastError = $"{_options.Url}: {e.Message} (delivery {id}, attempt {attempt})";
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                Counters.LastError = $"{_options.Url}: no answer within {_http.Timeout.TotalSeconds:0} s (delivery {id}, attempt {attempt})";
            }

            if (attempt == _options.MaxAttempts)
                break;
            Counters.OnRetry();
            await Task.Delay(delay, _clock, ct).ConfigureAwait(false);
            delay *= 2;
        }

        Counters.OnDropped();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _worker.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _http.Dispose();
        _stop.Dispose();
    }
}
