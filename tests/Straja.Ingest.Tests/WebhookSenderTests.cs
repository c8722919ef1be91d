using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Straja.Ingest.Outputs;

namespace Straja.Ingest.Tests;

/// <summary>The webhook sender against a real HTTP listener on loopback.</summary>
public sealed class WebhookSenderTests : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<(Dictionary<string, string> Headers, byte[] Body)> _received = Channel.CreateUnbounded<(Dictionary<string, string>, byte[])>();
    private readonly Uri _url;
    private readonly Task _serve;
    private int _failFirst;

    public WebhookSenderTests()
    {
        int port = FreePort();
        _url = new Uri($"http://127.0.0.1:{port}/hook/");
        _listener.Prefixes.Add(_url.ToString());
        _listener.Start();
        _serve = Task.Run(ServeAsync);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var ms = new MemoryStream();
            await ctx.Request.InputStream.CopyToAsync(ms);
            if (Interlocked.Decrement(ref _failFirst) >= 0)
            {
                ctx.Response.StatusCode = 503;
            }
            else
            {
                var headers = ctx.Request.Headers.AllKeys.ToDictionary(k => k!, k => ctx.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
                await _received.Writer.WriteAsync((headers, ms.ToArray()));
                ctx.Response.StatusCode = 204;
            }

            ctx.Response.Close();
        }
    }

    private async Task<(Dictionary<string, string> Headers, byte[] Body)> NextAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await _received.Reader.ReadAsync(cts.Token);
    }

    [Fact]
    public async Task A_delivery_carries_a_signature_the_receiver_can_check_over_timestamp_and_body()
    {
        await using var sender = new WebhookSender(new WebhookOptions(_url, "s3cret"), TimeProvider.System);
        byte[] body = Encoding.UTF8.GetBytes("""{"event":"alert.raised","alert":{"id":"A1"}}""");
        Assert.True(sender.Enqueue("alert.raised", "A1.raised", body));

        var (headers, received) = await NextAsync();
        Assert.Equal(body, received);
        Assert.Equal("alert.raised", headers["X-Straja-Event"]);
        Assert.Equal("A1.raised", headers["X-Straja-Delivery"]);
        long ts = long.Parse(headers["X-Straja-Timestamp"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(WebhookSender.Sign("s3cret", ts, received), headers["X-Straja-Signature"]);
        Assert.NotEqual(WebhookSender.Sign("other", ts, received), headers["X-Straja-Signature"]);
        Assert.NotEqual(WebhookSender.Sign("s3cret", ts + 1, received), headers["X-Straja-Signature"]);
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_the_event_on_the_third_try_with_the_same_delivery_id_and_order_is_kept()
    {
        _failFirst = 2;
        await using var sender = new WebhookSender(new WebhookOptions(_url, "k", FirstRetryDelay: TimeSpan.FromMilliseconds(50)), TimeProvider.System);
        sender.Enqueue("alert.raised", "A1.raised", "1"u8.ToArray());
        sender.Enqueue("alert.raised", "A2.raised", "2"u8.ToArray());

        Assert.Equal("A1.raised", (await NextAsync()).Headers["X-Straja-Delivery"]);
        Assert.Equal("A2.raised", (await NextAsync()).Headers["X-Straja-Delivery"]);
        Assert.Equal(2, sender.Counters.Retries);
        // The receiver has the body before the sender has read the answer: wait for the count.
        for (int i = 0; i < 200 && sender.Counters.Delivered < 2; i++)
            await Task.Delay(10);
        Assert.Equal(2, sender.Counters.Delivered);
        Assert.Contains("HTTP 503", sender.Counters.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_that_never_gets_through_is_dropped_and_counted_and_the_next_still_goes()
    {
        _failFirst = 3;
        await using var sender = new WebhookSender(new WebhookOptions(_url, "k", MaxAttempts: 3, FirstRetryDelay: TimeSpan.FromMilliseconds(20)), TimeProvider.System);
        sender.Enqueue("alert.raised", "A1.raised", "1"u8.ToArray());
        sender.Enqueue("alert.raised", "A2.raised", "2"u8.ToArray());
        Assert.Equal("A2.raised", (await NextAsync()).Headers["X-Straja-Delivery"]);
        Assert.Equal(1, sender.Counters.Dropped);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serve;
    }
}
