using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Straja.Ingest.Feeds;
using Straja.Ingest.Net;

namespace Straja.Ingest.Tests;

/// <summary>The Beast listener and client over real loopback sockets, with good and hostile peers.</summary>
public class TcpFeedTests
{
    private static TcpFeedServer Server(EngineFixture f, SensorCounters counters, TimeSpan? idle = null) =>
        new(new IPEndPoint(IPAddress.Loopback, 0),
            () => new ModeSFeedSession("adsb-mk", ModeSFeedFormat.Beast, counters, TimeProvider.System.GetUtcNow()),
            counters, f.Engine, TimeProvider.System, idle);

    private static async Task<TcpClient> Connect(IPEndPoint ep)
    {
        var c = new TcpClient();
        await c.ConnectAsync(ep.Address, ep.Port);
        return c;
    }

    [Fact]
    public async Task A_receiver_pushing_Beast_puts_the_aircraft_in_the_picture()
    {
        await using var f = new EngineFixture();
        var counters = new SensorCounters("adsb-mk");
        await using var server = Server(f, counters);
        server.Start();

        using var peer = await Connect(server.Endpoint);
        await peer.GetStream().WriteAsync(Beast.Aircraft(0x4B1812, "THY1AN", 44.70, 28.20, 36000));

        var track = await f.WaitForTrack("ICAO:4B1812", TimeSpan.FromSeconds(30));
        Assert.Equal("THY1AN", track.Callsign);
        Assert.True(counters.Accepted >= 3);
    }

    [Fact]
    public async Task A_peer_sending_no_frames_is_dropped_and_others_keep_flowing()
    {
        await using var f = new EngineFixture();
        var counters = new SensorCounters("adsb-mk");
        await using var server = Server(f, counters);
        server.Start();

        // A hostile peer: 2 MiB of bytes that never form a Beast frame (no 0x1a at all).
        using var hostile = await Connect(server.Endpoint);
        var junk = new byte[2 << 20];
        Array.Fill(junk, (byte)0x55);
        var flood = hostile.GetStream().WriteAsync(junk).AsTask();
        using var good = await Connect(server.Endpoint);
        await good.GetStream().WriteAsync(Beast.Aircraft(0x3A1282, "AFR1234", 44.50, 27.90, 34000));

        await f.WaitForTrack("ICAO:3A1282", TimeSpan.FromSeconds(30));
        try
        {
            await flood.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (IOException)
        {
            // The server closed the flooding connection under it: that is the point.
        }

        Assert.True(counters.Rejected > 0);
    }

    [Fact]
    public async Task A_peer_that_connects_and_sends_nothing_is_closed_after_the_idle_timeout()
    {
        await using var f = new EngineFixture();
        var counters = new SensorCounters("adsb-mk");
        await using var server = Server(f, counters, TimeSpan.FromMilliseconds(300));
        server.Start();

        using var silent = await Connect(server.Endpoint);
        var buffer = new byte[1];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int read = await silent.GetStream().ReadAsync(buffer, cts.Token);

        Assert.Equal(0, read); // the server closed it
        Assert.Contains("no data", counters.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_half_sent_frame_waits_for_its_rest()
    {
        await using var f = new EngineFixture();
        var counters = new SensorCounters("adsb-mk");
        await using var server = Server(f, counters);
        server.Start();

        var bytes = Beast.Aircraft(0x471F5A, "WZZ4471", 44.30, 28.00, 33000);
        using var peer = await Connect(server.Endpoint);
        await peer.GetStream().WriteAsync(bytes.AsMemory(0, bytes.Length - 5));
        await Task.Delay(300);
        Assert.DoesNotContain(f.Engine.Picture.Tracks, t => t.CooperativeId == "ICAO:471F5A");
        await peer.GetStream().WriteAsync(bytes.AsMemory(bytes.Length - 5));

        await f.WaitForTrack("ICAO:471F5A", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task The_client_keeps_retrying_until_the_receiver_appears()
    {
        await using var f = new EngineFixture();
        var counters = new SensorCounters("adsb-mk");
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using var client = new TcpFeedClient("127.0.0.1", port,
            () => new ModeSFeedSession("adsb-mk", ModeSFeedFormat.Beast, counters, TimeProvider.System.GetUtcNow()),
            counters, f.Engine, TimeProvider.System);
        client.Start();
        // Polled: a loaded machine may take longer than the back-off between attempts.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (client.Attempts < 2 && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.True(client.Attempts >= 2, $"{client.Attempts} attempts");
        Assert.Contains("failed", counters.LastError, StringComparison.Ordinal);

        // The receiver comes up and serves its feed.
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        try
        {
            using var served = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await served.GetStream().WriteAsync(Beast.Aircraft(0x0611E0, "SAS123", 44.80, 28.60, 35000));
            await f.WaitForTrack("ICAO:0611E0", TimeSpan.FromSeconds(30));
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void Back_off_doubles_up_to_a_minute() =>
        Assert.Equal(
            [1, 2, 4, 8, 16, 32, 60, 60],
            Enumerable.Range(0, 8).Select(i => TcpFeedClient.NextDelay(TimeSpan.FromSeconds(Math.Pow(2, i) / 2)).TotalSeconds));
}
