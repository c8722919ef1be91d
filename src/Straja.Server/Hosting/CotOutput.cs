using System.Net;
using Microsoft.Extensions.Hosting;
using Straja.Engine.Picture;
using Straja.Engine.Runtime;
using Straja.Ingest.Outputs;
using Straja.Protocols.Cot;

namespace Straja.Server.Hosting;

/// <summary>
/// The air picture to TAK clients as Cursor on Target: every confirmed track once per picture
/// period (stale after 10 s, so a track that stops being sent fades from the TAK map), and each
/// alert as it is raised or acknowledged and again every period while it is open. Over UDP (multicast or unicast) and/or a TAK server's TCP
/// port, as configured; off unless configured.
/// </summary>
internal sealed class CotOutput(EngineService engine, StrajaServerOptions options, TimeProvider clock) : BackgroundService
{
    private static readonly TimeSpan TrackStale = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AlertStale = TimeSpan.FromMinutes(10);
    private const int RepeatedAlerts = 50;
    private CotUdpSender? _udp;
    private CotTcpSender? _tcp;

    public CotOutputCounters? UdpCounters => _udp?.Counters;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.CotUdp is null && options.CotTcp is null)
            return;
        if (options.CotUdp is { } udpAt)
        {
            var ep = IPEndPoint.Parse(udpAt);
            _udp = new CotUdpSender(new CotUdpOptions
            {
                Address = ep.Address,
                Port = ep.Port,
                MulticastInterface = options.CotMulticastInterface is { } i ? IPAddress.Parse(i) : null,
            }, clock);
        }

        if (options.CotTcp is { } tcpAt)
        {
            int colon = tcpAt.LastIndexOf(':');
            _tcp = new CotTcpSender(new CotTcpOptions(tcpAt[..colon], int.Parse(tcpAt.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture)), clock);
            _tcp.Start();
        }

        engine.AlertChanged += OnAlert;
        try
        {
            using var timer = new PeriodicTimer(options.PicturePeriod);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                foreach (var t in engine.Picture.Tracks)
                {
                    if (CotPictureAdapter.ToCotTrack(t, TrackStale) is { } track)
                        await SendAsync(CotMapping.ToEvent(track), stoppingToken).ConfigureAwait(false);
                }

                // UDP may drop a datagram and a TAK client may join late: open alerts are repeated
                // with the picture, as tracks are, not sent once only.
                foreach (var a in engine.Alerts(RepeatedAlerts))
                {
                    if (!a.Acknowledged && CotPictureAdapter.ToCotAlert(a, AlertStale) is { } alert)
                        await SendAsync(CotMapping.ToEvent(alert), stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            engine.AlertChanged -= OnAlert;
            _udp?.Dispose();
            if (_tcp is not null)
                await _tcp.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void OnAlert(Alert alert)
    {
        if (CotPictureAdapter.ToCotAlert(alert, AlertStale) is { } a)
            _ = SendAsync(CotMapping.ToEvent(a), CancellationToken.None).AsTask();
    }

    private async ValueTask SendAsync(CotEvent e, CancellationToken ct)
    {
        if (_udp is not null)
            await _udp.SendAsync(e, ct).ConfigureAwait(false);
        _tcp?.Post(e);
    }
}
