using System.Net;
using System.Net.Sockets;
using Straja.Protocols.Cot;

namespace Straja.Ingest.Outputs;

/// <summary>Where and how a <see cref="CotUdpSender"/> sends.</summary>
public sealed record CotUdpOptions
{
    public static readonly CotUdpOptions Default = new();

    /// <summary>ATAK's default situational-awareness mesh group; any unicast address works too.</summary>
    public IPAddress Address { get; init; } = IPAddress.Parse("239.2.3.1");
    public int Port { get; init; } = 6969;

    /// <summary>Multicast hops: 1 keeps the picture on the local network unless a deployment routes it on purpose.</summary>
    public int MulticastTtl { get; init; } = 1;

    /// <summary>The local interface address to send multicast from; null lets the routing table choose.</summary>
    public IPAddress? MulticastInterface { get; init; }

    public CotWireFormat Format { get; init; } = CotWireFormat.Xml;
}

/// <summary>
/// Sends each event as one UDP datagram, to the SA multicast group by default. UDP has no back-pressure:
/// a send that fails is counted and the event is gone, which suits positions that the next update replaces.
/// </summary>
public sealed class CotUdpSender : IDisposable
{
    private readonly Socket _socket;
    private readonly IPEndPoint _target;
    private readonly CotUdpOptions _options;
    private readonly TimeProvider _clock;

    public CotUdpSender(CotUdpOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _clock = clock;
        _target = new IPEndPoint(options.Address, options.Port);
        _socket = new Socket(options.Address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (IsMulticast(options.Address))
        {
            bool v6 = options.Address.AddressFamily == AddressFamily.InterNetworkV6;
            SocketOptionLevel level = v6 ? SocketOptionLevel.IPv6 : SocketOptionLevel.IP;
            _socket.SetSocketOption(level, SocketOptionName.MulticastTimeToLive, options.MulticastTtl);
            if (options.MulticastInterface is { } nic)
            {
                _socket.SetSocketOption(level, SocketOptionName.MulticastInterface, v6 ? (int)nic.ScopeId : BitConverter.ToInt32(nic.GetAddressBytes()));
            }
        }
    }

    public CotOutputCounters Counters { get; } = new();

    private static bool IsMulticast(IPAddress a) =>
        a.AddressFamily == AddressFamily.InterNetworkV6 ? a.IsIPv6Multicast : (a.GetAddressBytes()[0] & 0xF0) == 0xE0;

    /// <summary>Encodes and sends one event; returns false (and counts the error) if the send failed.</summary>
    public ValueTask<bool> SendAsync(CotEvent ev, CancellationToken ct = default) =>
        SendAsync(CotFormat.Encode(ev, _options.Format, stream: false), ct);

    /// <summary>Sends an already encoded datagram.</summary>
    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken ct = default)
    {
        try
        {
            int sent = await _socket.SendToAsync(datagram, SocketFlags.None, _target, ct).ConfigureAwait(false);
            Counters.AddSent(sent);
            return true;
        }
        catch (SocketException e)
        {
            Counters.Fail($"send to {_target} failed: {e.SocketErrorCode}", _clock.GetUtcNow());
            return false;
        }
    }

    public void Dispose() => _socket.Dispose();
}
