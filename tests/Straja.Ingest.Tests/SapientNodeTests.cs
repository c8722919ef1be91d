using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Straja.Ingest.Feeds;
using Straja.Ingest.Net;
using Straja.Protocols.Sapient;
using Straja.Protocols.Sapient.Wire;
using Task = System.Threading.Tasks.Task;

namespace Straja.Ingest.Tests;

/// <summary>Straja as a SAPIENT fusion node over a real TCP connection, driven by the standard's sample messages.</summary>
public class SapientNodeTests
{
    private const string NodeId = "6f1c2a9e-3b7d-4c1e-9a2b-1d2e3f4a5b6c";
    private const string FusionNodeId = "0b7e6a52-5d1c-4f8e-8c3a-2f9b1e4d7a60";
    private static readonly SensorDescriptor RfNode = new("rf-isaccea", "Isaccea RF", SensorKind.PassiveRf, new GeoPoint(45.27, 28.46, 30), 10_000, 1)
    {
        SapientNodeId = NodeId,
    };

    private static SapientMessage Vector(string name, string? nodeId = NodeId)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "sapient_bsi_flex_335_v2.json")));
        var entry = doc.RootElement.GetProperty("valid_messages").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);
        Assert.True(SapientCodec.TryParseJson(entry.GetProperty("message_json").GetRawText(), out var m, out var error), error);
        if (nodeId is not null)
            m!.NodeId = nodeId;
        m!.Timestamp = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(TimeProvider.System.GetUtcNow());
        return m;
    }

    private static Task Send(NetworkStream s, SapientMessage m) => Sapient.SapientLoopback.Send(s, m);

    private static Task<SapientMessage> Receive(NetworkStream s) => Sapient.SapientLoopback.Receive(s);

    private static async Task<(EngineFixture F, TcpFeedServer Server, IngestCounters Counters)> Start()
    {
        var f = new EngineFixture([RfNode]);
        var counters = new IngestCounters();
        var server = new TcpFeedServer(new IPEndPoint(IPAddress.Loopback, 0), () => new SapientSession([RfNode], FusionNodeId, counters),
            counters.For("sapient"), f.Engine, TimeProvider.System);
        server.Start();
        await Task.Yield();
        return (f, server, counters);
    }

    [Fact]
    public async Task A_configured_node_registers_and_its_detections_reach_the_engine()
    {
        var (f, server, counters) = await Start();
        await using (f)
        await using (server)
        {
            using var node = new TcpClient();
            await node.ConnectAsync(server.Endpoint);
            var s = node.GetStream();

            await Send(s, Vector("Registration.FullMesssage.Bearing.json"));
            var ack = await Receive(s);
            Assert.Equal(SapientMessage.ContentOneofCase.RegistrationAck, ack.ContentCase);
            Assert.True(ack.RegistrationAck.Acceptance);
            Assert.Equal(NodeId, ack.DestinationId);

            await Send(s, Vector("StatusReport.FullMessage.json"));
            // The sample's location is degrees labelled UTM (see docs/protocols/sapient.md): put a real
            // drone position near Isaccea in the coordinate system it should have used.
            var report = Vector("DetectionReport.FullMessage.json");
            report.DetectionReport.Location.X = 28.47;
            report.DetectionReport.Location.Y = 45.27;
            report.DetectionReport.Location.Z = 150;
            report.DetectionReport.Location.CoordinateSystem = LocationCoordinateSystem.LatLngDegM;
            report.DetectionReport.Location.Datum = LocationDatum.Wgs84E;
            await Send(s, report);
            await Send(s, Vector("Alert.FullMessage.json"));
            var alertAck = await Receive(s);
            Assert.True(alertAck.ContentCase == SapientMessage.ContentOneofCase.AlertAck, alertAck.ToString());
            Assert.Equal(AlertAck.Types.AlertAckStatus.Accepted, alertAck.AlertAck.AlertAckStatus);

            Assert.True(counters.For(RfNode.Id).Accepted >= 4, counters.For(RfNode.Id).LastError);
            Assert.True(f.Engine.Journaled >= 1);
        }
    }

    [Fact]
    public async Task An_unconfigured_node_is_refused_and_its_reports_get_errors()
    {
        var (f, server, _) = await Start();
        await using (f)
        await using (server)
        {
            using var node = new TcpClient();
            await node.ConnectAsync(server.Endpoint);
            var s = node.GetStream();
            const string Stranger = "11111111-2222-4333-8444-555555555555";

            await Send(s, Vector("Registration.Small.Messsage.json", Stranger));
            var ack = await Receive(s);
            Assert.False(ack.RegistrationAck.Acceptance);
            Assert.Contains(Stranger, ack.RegistrationAck.AckResponseReason[0], StringComparison.Ordinal);

            await Send(s, Vector("DetectionReport.FullMessage.json", Stranger));
            var error = await Receive(s);
            Assert.Equal(SapientMessage.ContentOneofCase.Error, error.ContentCase);
            Assert.Contains("not registered", error.Error.ErrorMessage[0], StringComparison.Ordinal);
            Assert.Equal(0, f.Engine.Journaled);
        }
    }

    [Fact]
    public async Task An_invalid_message_gets_an_error_naming_the_field()
    {
        var (f, server, _) = await Start();
        await using (f)
        await using (server)
        {
            using var node = new TcpClient();
            await node.ConnectAsync(server.Endpoint);
            var s = node.GetStream();
            var bad = Vector("Registration.Small.Messsage.json");
            bad.NodeId = "not-a-uuid";

            await Send(s, bad);
            var error = await Receive(s);

            Assert.Equal(SapientMessage.ContentOneofCase.Error, error.ContentCase);
            Assert.Contains("node_id", string.Join(" ", error.Error.ErrorMessage), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_two_gigabyte_length_prefix_is_refused_before_allocating_and_the_connection_closed()
    {
        var (f, server, counters) = await Start();
        await using (f)
        await using (server)
        {
            using var node = new TcpClient();
            await node.ConnectAsync(server.Endpoint);
            var s = node.GetStream();
            await s.WriteAsync(new byte[] { 0x00, 0x00, 0x00, 0x80, 1, 2, 3 });

            var error = await Receive(s);
            Assert.Equal(SapientMessage.ContentOneofCase.Error, error.ContentCase);
            var buffer = new byte[16];
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            Assert.Equal(0, await s.ReadAsync(buffer, cts.Token));
            Assert.Contains("framing", counters.For("sapient").LastError, StringComparison.Ordinal);
        }
    }
}
