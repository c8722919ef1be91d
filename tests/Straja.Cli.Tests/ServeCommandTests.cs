using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Straja.Protocols.ModeS;

namespace Straja.Cli.Tests;

public sealed class ServeCommandTests
{
    private const string Sensors = """
        {
          // A receiver and a radar near Constanța; the Beast feed reports as the receiver.
          "sensors": [
            { "id": "adsb-constanta", "kind": "cooperative", "lat": 44.20, "lon": 28.60, "altM": 40, "maxRangeM": 400000, "scanPeriodS": 1 },
            { "id": "radar-mk", "name": "MK surveillance radar", "kind": "radar", "lat": 44.36, "lon": 28.49, "maxRangeM": 60000, "scanPeriodS": 4,
              "noise": { "rangeM": 30, "azimuthDeg": 0.2, "elevationDeg": 0.5 }, "asterix": { "sac": 25, "sic": 1 } }
          ],
          "friendlyIds": ["ICAO:ae01c5"]
        }
        """;

    private static int FreeTcpPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static byte[] BeastFrame(ReadOnlySpan<byte> modeS)
    {
        Span<byte> buffer = stackalloc byte[BeastWriter.MaxFrameLength];
        Assert.True(BeastWriter.TryWrite(new FeedFrame(modeS, 0, 200), buffer, out int n));
        return buffer[..n].ToArray();
    }

    /// <summary>An even and an odd airborne position: the pair a receiver needs to place the aircraft.</summary>
    private static byte[] AircraftPositions(uint icao, double latDeg, double lonDeg)
    {
        var even = new byte[14];
        var odd = new byte[14];
        Assert.True(ModeSEncoder.TryAirbornePosition(even, icao, latDeg, lonDeg, 30_000, odd: false));
        Assert.True(ModeSEncoder.TryAirbornePosition(odd, icao, latDeg + 0.001, lonDeg, 30_000, odd: true));
        return [.. BeastFrame(even), .. BeastFrame(odd)];
    }

    private static async Task<JsonElement> StatusAsync(HttpClient http) =>
        JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/status", UriKind.Relative))).RootElement;

    private static async Task<T> WaitFor<T>(Func<Task<T?>> probe, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                if (await probe() is { } value)
                    return value;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Serve_answers_status_takes_a_Beast_feed_on_its_listener_and_stops_cleanly()
    {
        using var dir = new TempDirectory();
        string sensors = dir.File("sensors.json", Sensors), data = Path.Combine(dir.Path, "data");
        int http = FreeTcpPort(), beast = FreeTcpPort();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var stop = new CancellationTokenSource();
        var serve = Task.Run(() => ServeCommand.Run(
            ["--sensors", sensors, "--data", data, "--urls", $"http://127.0.0.1:{http}", "--beast-listen", $"127.0.0.1:{beast}"],
            stdout, stderr, stop.Token));

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{http}"), Timeout = TimeSpan.FromSeconds(30) };
        var status = await WaitFor<JsonElement?>(async () => serve.IsCompleted ? throw new InvalidOperationException(stderr.ToString()) : await StatusAsync(client), "/api/status");
        Assert.Equal("live", status!.Value.GetProperty("scenario").GetString());
        Assert.Equal(0, status.Value.GetProperty("journaled").GetInt64());

        using (var receiver = new TcpClient())
        {
            await receiver.ConnectAsync(IPAddress.Loopback, beast);
            await receiver.GetStream().WriteAsync(AircraftPositions(0x4B1812, 44.40, 28.40));
            await WaitFor<JsonElement?>(async () => await StatusAsync(client) is var s && s.GetProperty("journaled").GetInt64() > 0 ? s : null, "the Beast detection in the journal");
        }

        long journaled = (await StatusAsync(client)).GetProperty("journaled").GetInt64();

        await stop.CancelAsync();
        Assert.Equal(0, await serve.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains($"Straja console: http://127.0.0.1:{http}   (2 sensors from {sensors}", stdout.ToString(), StringComparison.Ordinal);
        // No simulator ran: it would have written its ground truth beside the store.
        Assert.Empty(Directory.GetFiles(data, "truth-*.csv"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        // What serve recorded replays with the same sensors file.
        var replayErr = new StringWriter();
        Assert.Equal(0, ReplayCommand.Run(["--data", data, "--sensors", sensors], TextWriter.Null, replayErr));
        Assert.Contains($"sensors from {sensors}", replayErr.ToString(), StringComparison.Ordinal);
        Assert.Contains($"straja replay: {journaled} detections from ", replayErr.ToString(), StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Theory]
    [InlineData("{ \"sensors\": [] }", "sensors.json: sensors: needs at least one sensor")]
    [InlineData("{ \"sensors\": [ { \"id\": \"r\", \"kind\": \"lidar\", \"lat\": 44, \"lon\": 28, \"maxRangeM\": 1, \"scanPeriodS\": 1 } ] }", "sensors.json: sensors[0].kind: unknown sensor kind \"lidar\"")]
    [InlineData("{ \"sensors\": [ { \"id\": \"r\", \"kind\": \"radar\", \"lat\": 44, \"lon\": 28, \"maxRangeM\": -5, \"scanPeriodS\": 1 } ] }", "sensors.json: sensors[0].maxRangeM: must be > 0 (got -5)")]
    [InlineData("{ \"sensors\": [ { \"id\": \"r\", \"kind\": \"radar\", \"lat\": 44, \"lon\": 28, \"scanPeriodS\": 1 } ] }", "sensors.json: sensors[0]: required field \"maxRangeM\" is missing")]
    [InlineData("{ \"sensors\": [ { \"id\": \"r\", \"kind\": \"radar\", \"lat\": 44, \"lon\": 28, \"maxRangeM\": 1, \"scanPeriodS\": 1, \"scanPeriod\": 2 } ] }", "sensors.json: sensors[0]: unknown field \"scanPeriod\"")]
    [InlineData("{ \"sensors\": [ { \"id\": \"rf\", \"kind\": \"passive-rf\", \"lat\": 44, \"lon\": 28, \"maxRangeM\": 1, \"scanPeriodS\": 1, \"asterix\": { \"sac\": 1, \"sic\": 2 } } ] }", "sensors.json: sensors[0].asterix: only radars speak ASTERIX")]
    [InlineData("{ \"sensors\": [ { \"id\": \"a\", \"kind\": \"camera\", \"lat\": 44, \"lon\": 28, \"maxRangeM\": 1, \"scanPeriodS\": 1 }, { \"id\": \"a\", \"kind\": \"camera\", \"lat\": 44, \"lon\": 28, \"maxRangeM\": 1, \"scanPeriodS\": 1 } ] }", "sensors.json: sensors[1].id: duplicate sensor id \"a\"")]
    [InlineData("{ \"sensors\": [ { \"id\": \"a\", \"kind\": \"camera\", \"lat\": 94, \"lon\": 28, \"maxRangeM\": 1, \"scanPeriodS\": 1 } ] }", "sensors.json: sensors[0].lat: must be a number in -90..90 (got 94)")]
    [InlineData("{ \"sensors\": [ { \"id\": \"a\", \"kind\": \"camera\", \"lat\": 44, \"lon\": 28, \"maxRangeM\": 1, \"scanPeriodS\": 1 } ], \"friendlyIds\": [\"4B1812\"] }", "sensors.json: friendlyIds[0]: a friendly id is \"ICAO:\"")]
    [InlineData("{ \"sensors\": [\n  { \"id\": \"a\",, } ] }", "sensors.json: line 2: malformed JSON")]
    public void A_bad_sensors_file_is_refused_naming_the_file_and_the_field(string json, string expected)
    {
        var e = Assert.Throws<UsageException>(() => DeploymentFile.Parse("sensors.json", json));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sensors_file_gives_the_sensors_their_protocol_identities_and_the_friendly_ids()
    {
        var file = DeploymentFile.Parse("sensors.json", Sensors);

        Assert.Equal(["adsb-constanta", "radar-mk"], file.Sensors.Select(s => s.Id));
        var radar = file.Sensors[1];
        Assert.Equal(((byte)25, (byte)1), radar.AsterixSource);
        Assert.Equal(0.2 * Math.PI / 180, radar.Noise!.AzimuthRad, 1e-12);
        Assert.Equal("MK surveillance radar", radar.Name);
        Assert.Equal(["ICAO:AE01C5"], file.FriendlyIds);
    }

    [Theory]
    [InlineData("--beast-listen", "everywhere", "option '--beast-listen': 'everywhere' is not an address:port")]
    [InlineData("--asterix-listen", "0.0.0.0", "option '--asterix-listen': '0.0.0.0' is not an address:port")]
    [InlineData("--beast-connect", "192.0.2.7:30005,receiver", "option '--beast-connect': 'receiver' is not host:port")]
    [InlineData("--beast-connect", "192.0.2.7:99999", "option '--beast-connect': '192.0.2.7:99999' is not host:port")]
    public void A_listener_or_feed_address_that_is_not_one_is_a_usage_error_naming_the_option(string option, string value, string expected)
    {
        using var dir = new TempDirectory();
        var stderr = new StringWriter();
        int exit = ServeCommand.Run(["--sensors", dir.File("s.json", Sensors), "--data", dir.Path, option, value], TextWriter.Null, stderr, CancellationToken.None);
        Assert.Equal(2, exit);
        Assert.Contains(expected, stderr.ToString(), StringComparison.Ordinal);
    }
}
