using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Straja.Geo;

namespace Straja.Server.Apis;

/// <summary>Map layers as GeoJSON: countries, the Romania–Ukraine border (zones: <see cref="ZonesApi"/>). No tile server needed.</summary>
internal static class GeoApi
{
    public static IEndpointRouteBuilder MapGeoApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/geo/countries", () => GeoJson(BorderMap.Embedded.CountriesGeoJson))
            .AllowAnonymous().WithTags("Geo").WithSummary("Country outlines (Natural Earth 1:10m) as GeoJSON; public data, no sign-in.");
        app.MapGet("/api/geo/border", () => GeoJson(BorderMap.Embedded.RoUaBorderGeoJson))
            .AllowAnonymous().WithTags("Geo").WithSummary("The Romania–Ukraine border line as GeoJSON; public data, no sign-in.");
        return app;
    }

    private static IResult GeoJson(string text) => Results.Text(text, "application/geo+json");
}
