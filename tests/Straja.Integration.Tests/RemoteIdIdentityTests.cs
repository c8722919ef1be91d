using Microsoft.Extensions.DependencyInjection;
using Straja.Engine.Picture;
using Straja.Engine.Runtime;
using Straja.Geo;
using Straja.Ingest;

namespace Straja.Integration.Tests;

/// <summary>
/// Identity end to end over the real network path: the simulator's drones broadcast Remote ID as receiver-feed
/// datagrams to the server's UDP listener; the registry (seeded from the scenario) and the signatures decide who
/// is friend. A signed friendly drone crossing from Ukraine raises nothing, a drone copying its serial without the
/// key raises a spoofing alert, and an unknown drone crossing the border raises a border alert.
/// </summary>
public sealed class RemoteIdIdentityTests : IAsyncLifetime
{
    private const string FriendSerial = "1596F350457A8C2E1234";

    private const string Scenario = """
        {
          "name": "remote-id-identity", "seed": 5,
          "registeredUnits": [
            { "serial": "RU-2026-0007", "remoteId": "1596F350457A8C2E1234", "recipient": "RO",
              "privateKey": "c63c3969f7d50c1b61f8212cb6c7c8482da497416ea9d81d543068c0e2908a01" }
          ],
          "sensors": [
            { "id": "radar-isaccea", "name": "Isaccea radar", "kind": "radar", "lat": 45.25, "lon": 28.44, "altM": 60,
              "maxRangeM": 30000, "scanPeriodS": 2, "noise": { "rangeM": 15, "azimuthDeg": 0.3, "elevationDeg": 0.5 },
              "pd": 0.9, "clutterPerScan": 0 },
            { "id": "coop-isaccea", "name": "Isaccea Remote ID receiver", "kind": "cooperative", "lat": 45.26, "lon": 28.45, "altM": 30,
              "maxRangeM": 60000, "scanPeriodS": 1, "noise": { "horizontalM": 8, "verticalM": 12 }, "pd": 0.95 }
          ],
          "targets": [
            { "id": "intruder", "class": "multirotor", "speedMps": 30,
              "waypoints": [ { "lat": 45.29, "lon": 28.47, "altM": 150 }, { "lat": 45.209, "lon": 28.47, "altM": 150 } ] },
            { "id": "friend", "class": "multirotor", "speedMps": 30, "remoteId": "1596F350457A8C2E1234", "signs": true,
              "operatorId": "ROU-MIL-UAS-0007",
              "waypoints": [ { "lat": 45.29, "lon": 28.5083, "altM": 120 }, { "lat": 45.209, "lon": 28.5083, "altM": 120 } ] },
            { "id": "spoofer", "class": "multirotor", "speedMps": 20, "remoteId": "1596F350457A8C2E1234",
              "waypoints": [ { "lat": 45.12, "lon": 28.70, "altM": 100 }, { "lat": 45.08, "lon": 28.74, "altM": 100 } ] }
          ]
        }
        """;

    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private readonly string _scenarioPath = Path.Combine(Path.GetTempPath(), $"straja-rid-{Guid.NewGuid():N}.json");
    private LoopbackServer? _server;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_scenarioPath, Scenario);
        _server = await LoopbackServer.StartAsync("remoteid", o => o with { Scenario = _scenarioPath, Speed = 3, StartTime = Start });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        File.Delete(_scenarioPath);
    }

    [Fact]
    public async Task Signed_friend_raises_nothing_its_spoofer_raises_spoofing_and_an_unknown_crossing_raises_a_border_alert()
    {
        var engine = _server!.Server.Services.GetRequiredService<EngineService>();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        IReadOnlyList<Alert> alerts = [];
        while (DateTime.UtcNow < deadline)
        {
            alerts = engine.Alerts(100);
            if (alerts.Any(a => a.Kind == AlertKind.IdentitySpoofing) && alerts.Any(a => a.Kind == AlertKind.BorderCrossing)
                && engine.Picture.Time - Start > TimeSpan.FromSeconds(100))
            {
                break;
            }

            await Task.Delay(250);
        }

        var picture = engine.Picture;
        var friend = Assert.Single(picture.Tracks, t => t.Identity == Identity.Friendly);
        Assert.Equal("RID:" + FriendSerial, friend.CooperativeId);
        Assert.Equal(("RU-2026-0007", "Sokil-4", "RO"), (friend.IdentityDetail!.UnitSerial, friend.IdentityDetail.Model, friend.IdentityDetail.Recipient));
        Assert.Equal("RO", BorderMap.Embedded.CountryAt(friend.Position.LatDeg, friend.Position.LonDeg));
        Assert.DoesNotContain(alerts, a => a.TrackId == friend.Id);

        string seen = string.Join("\n", alerts.Select(a => $"{a.Kind} {a.TrackId} {a.Position} {a.Message}")
            .Concat(picture.Tracks.Select(t => $"{t.Id} {t.Identity} {t.CooperativeId} {t.Position} {string.Join('+', t.Sensors)}")));
        var spoofing = Assert.Single(alerts, a => a.Kind == AlertKind.IdentitySpoofing);
        Assert.Contains("registered identity broadcast without proof — possible spoofing", spoofing.Message, StringComparison.Ordinal);
        Assert.True(spoofing.Position.LonDeg is > 28.68 and < 28.76, seen);

        var border = alerts.Where(a => a.Kind == AlertKind.BorderCrossing).ToList();
        Assert.True(border.Count == 1 && border[0].Position.LonDeg is > 28.44 and < 28.50, seen);

        // Everything Remote ID reached the engine through the UDP listener, not in-process.
        Assert.True(_server.Server.Services.GetRequiredService<IngestCounters>().For("coop-isaccea").Accepted > 50);
    }
}
