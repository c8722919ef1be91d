using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Straja.Ingest.Feeds;
using Straja.Ingest.Net;

namespace Straja.Ingest.Tests;

/// <summary>
/// Interoperability with a real receiver program: Debian's dump1090-mutability in network-only
/// mode. Frames go into its Beast input port; Straja connects to its Beast output port as it would
/// to a receiver on a mast, and the aircraft must appear in the picture.
/// </summary>
public class Dump1090Tests
{
    private const string Program = "/usr/bin/dump1090-mutability";

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Straja_reads_aircraft_from_dump1090s_Beast_output()
    {
        Assert.True(File.Exists(Program), $"{Program} is missing (./test.sh installs Debian's dump1090-mutability)");
        int beastIn = FreePort(), beastOut = FreePort();
        var psi = new ProcessStartInfo(Program)
        {
            ArgumentList =
            {
                "--net-only", "--net-bind-address", "127.0.0.1", "--net-bi-port", beastIn.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--net-bo-port", beastOut.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--net-ri-port", "0", "--net-ro-port", "0", "--net-sbs-port", "0", "--quiet",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var dump1090 = Process.Start(psi)!;
        try
        {
            await using var f = new EngineFixture();
            var counters = new SensorCounters("adsb-mk");
            await using var client = new TcpFeedClient("127.0.0.1", beastOut,
                () => new ModeSFeedSession("adsb-mk", ModeSFeedFormat.Beast, counters, TimeProvider.System.GetUtcNow()),
                counters, f.Engine, TimeProvider.System);
            client.Start();

            // Feed dump1090 until it has been listening long enough to accept us; it forwards every
            // frame with a good CRC to its Beast output clients.
            using var feeder = new TcpClient();
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (true)
            {
                try
                {
                    await feeder.ConnectAsync(IPAddress.Loopback, beastIn);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100);
                }
            }

            while (counters.Connections == 0 && DateTime.UtcNow < deadline)
                await Task.Delay(50);
            for (int i = 0; i < 5; i++)
            {
                await feeder.GetStream().WriteAsync(Beast.Aircraft(0x4B1812, "THY1AN", 44.70, 28.20, 36000));
                await Task.Delay(200);
            }

            var track = await f.WaitForTrack("ICAO:4B1812", TimeSpan.FromSeconds(30));
            Assert.Equal(44.70, track.Position.LatDeg, 2);
            Assert.Equal("THY1AN", track.Callsign);
        }
        finally
        {
            dump1090.Kill();
            await dump1090.WaitForExitAsync();
        }
    }
}
