using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Straja.Ingest.Feeds;
using Straja.Ingest.Net;
using Straja.Protocols.Sapient;
using Straja.Protocols.Sapient.Wire;
using Straja.Sim.Emitters;
using Task = System.Threading.Tasks.Task;

namespace Straja.Ingest.Tests.Sapient;

/// <summary>A clock that moves only when told: the fusion node's time of receipt and the silence checks read it.</summary>
internal sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>A real engine and SAPIENT listener on loopback, with the node book and a fake clock; sensors speak through simulated node emitters.</summary>
internal sealed class SapientLoopback : IAsyncDisposable
{
    public const string FusionNodeId = "0b7e6a52-5d1c-4f8e-8c3a-2f9b1e4d7a60";
    public static readonly DateTimeOffset Start = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly SensorDescriptor Rf = new("rf-isaccea", "Isaccea RF", SensorKind.PassiveRf, new GeoPoint(45.27, 28.46, 30), 10_000, 1)
    {
        SapientNodeId = SapientNodeEmitter.NodeIdFor("rf-isaccea"),
    };

    public static readonly SensorDescriptor Camera = new("eo-isaccea", "Isaccea EO/IR", SensorKind.Camera, new GeoPoint(45.269, 28.465, 25), 4_000, 1)
    {
        SapientNodeId = SapientNodeEmitter.NodeIdFor("eo-isaccea"),
    };

    private SapientLoopback(EngineFixture f, TcpFeedServer server, SapientNodes nodes, FakeClock clock)
    {
        Fixture = f;
        Server = server;
        Nodes = nodes;
        Clock = clock;
        Watch = new SapientSilenceWatch(nodes, f.Engine, clock);
    }

    public EngineFixture Fixture { get; }
    public TcpFeedServer Server { get; }
    public SapientNodes Nodes { get; }
    public FakeClock Clock { get; }
    public SapientSilenceWatch Watch { get; }
    public IngestCounters Counters { get; } = new();

    public static SapientLoopback Open()
    {
        SensorDescriptor[] sensors = [Rf, Camera];
        var f = new EngineFixture(sensors);
        var nodes = new SapientNodes(sensors, FusionNodeId, seed: 7);
        var clock = new FakeClock(Start);
        var counters = new IngestCounters();
        var server = new TcpFeedServer(new IPEndPoint(IPAddress.Loopback, 0), () => new SapientSession(sensors, FusionNodeId, counters, nodes: nodes),
            counters.For("sapient"), f.Engine, clock);
        server.Start();
        return new SapientLoopback(f, server, nodes, clock);
    }

    /// <summary>Connects a simulated node, registers it and waits for the acceptance.</summary>
    public async Task<(TcpClient Client, NetworkStream Stream, SapientNodeEmitter Node)> Register(SensorDescriptor sensor, double statusIntervalS)
    {
        var node = new SapientNodeEmitter(sensor, seed: 1, statusIntervalS);
        var client = new TcpClient();
        await client.ConnectAsync(Server.Endpoint);
        var s = client.GetStream();
        await Send(s, node.Registration(Clock.GetUtcNow()));
        var ack = await Receive(s);
        Assert.True(ack.RegistrationAck?.Acceptance, ack.ToString());
        return (client, s, node);
    }

    public static async Task Send(NetworkStream s, SapientMessage m) => await s.WriteAsync(SapientNodeEmitter.Frame([m]));

    public static async Task<SapientMessage> Receive(NetworkStream s)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var header = new byte[4];
        await s.ReadExactlyAsync(header, cts.Token);
        var payload = new byte[BinaryPrimitives.ReadUInt32LittleEndian(header)];
        await s.ReadExactlyAsync(payload, cts.Token);
        return SapientMessage.Parser.ParseFrom(payload);
    }

    /// <summary>Waits (bounded, in real time) until the listener has acted on what was sent.</summary>
    public static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException(what);
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Watch.DisposeAsync();
        await Server.DisposeAsync();
        await Fixture.DisposeAsync();
    }
}
