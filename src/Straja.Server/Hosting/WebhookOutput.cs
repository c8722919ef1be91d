using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Straja.Engine.Picture;
using Straja.Engine.Runtime;
using Straja.Ingest.Outputs;
using Straja.Server.Apis;

namespace Straja.Server.Hosting;

/// <summary>
/// Every alert change (raised, acknowledged, escalated) as a signed JSON POST to the configured webhook:
/// <c>{"event":"alert.raised","alert":{…the API's alert…}}</c>. Off unless configured.
/// </summary>
internal sealed class WebhookOutput(EngineService engine, StrajaServerOptions options, TimeProvider clock, IOptions<JsonOptions> json) : BackgroundService
{
    private WebhookSender? _sender;

    public WebhookCounters? Counters => _sender?.Counters;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Webhook is null)
            return;
        _sender = new WebhookSender(new WebhookOptions(new Uri(options.Webhook), options.WebhookSecret!), clock);
        engine.AlertChanged += OnAlert;
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            engine.AlertChanged -= OnAlert;
            await _sender.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void OnAlert(Alert alert)
    {
        string what = alert.Acknowledged ? "acknowledged" : alert.EscalatedAt is not null ? "escalated" : "raised";
        string ev = $"alert.{what}";
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(new WebhookEvent(ev, AlertDto.From(alert)), json.Value.SerializerOptions);
        _sender?.Enqueue(ev, $"{alert.Id}.{what}", body);
    }

    private sealed record WebhookEvent(string Event, AlertDto Alert);
}
