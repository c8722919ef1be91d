using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Straja.Server;

namespace Straja.Integration.Tests;

/// <summary>The registry's REST API on the real server over loopback, sharing straja.db with the engine.</summary>
public sealed class RegistryApiTests : IAsyncLifetime
{
    private LoopbackServer? _server;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync("registry-api");
        // A registrar's console session: changes carry the anti-forgery header, the audit names the account.
        _http = await _server.NewUserAsync("registrar.ana", "registrar");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }

    private static Uri At(string path) => new(path, UriKind.Relative);

    private async Task<JsonElement> Read(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<JsonElement> Post(string path, object? body, HttpStatusCode expected)
    {
        using var response = await _http.PostAsJsonAsync(At(path), body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    private async Task<JsonElement> Get(string path) => JsonDocument.Parse(await _http.GetStringAsync(At(path))).RootElement;

    /// <summary>A site, a model and a batch of <paramref name="quantity"/> named after <paramref name="tag"/>.</summary>
    private async Task<string> SetUpBatch(string tag, int quantity = 5)
    {
        await Post("/api/registry/sites", new { id = $"site-{tag}", name = "Brasov line 1", country = "RO", @operator = "JV" }, HttpStatusCode.Created);
        await Post("/api/registry/models", new
        {
            id = $"hawk-{tag}", name = "Hawk 4", kind = "multirotor", massKg = 6.5, enduranceMin = 45,
            radioBands = new[] { new { minMHz = 2400, maxMHz = 2483.5 } }, broadcastsRemoteId = true,
        }, HttpStatusCode.Created);
        await Post("/api/registry/batches", new { id = $"B-{tag}", modelId = $"hawk-{tag}", siteId = $"site-{tag}", producedOn = "2026-01-15", quantity },
            HttpStatusCode.Created);
        return $"B-{tag}";
    }

    private Task<JsonElement> Register(string batch, string serial, string remoteId) =>
        Post("/api/registry/units", new { serial, batchId = batch, remoteIdSerial = remoteId }, HttpStatusCode.Created);

    [Fact]
    public async Task A_unit_goes_from_registration_to_service_and_its_private_key_is_returned_only_at_acceptance()
    {
        string batch = await SetUpBatch("life");
        for (int i = 1; i <= 3; i++)
            await Register(batch, $"L{i}", $"STRJ8L000000{i}");

        var accepted = await Post("/api/registry/units/L1/accept", new { inspector = "qa.ion" }, HttpStatusCode.OK);
        string privateKey = accepted.GetProperty("privateKeyBase64").GetString()!;
        Assert.Equal(32, Convert.FromBase64String(privateKey).Length);
        Assert.Contains("once", accepted.GetProperty("warning").GetString(), StringComparison.Ordinal);
        Assert.Equal("accepted", accepted.GetProperty("unit").GetProperty("state").GetString());

        string unitJson = await _http.GetStringAsync(At("/api/registry/units/L1"));
        Assert.DoesNotContain(privateKey, unitJson, StringComparison.Ordinal);
        Assert.DoesNotContain(accepted.GetProperty("privateKeyHex").GetString()!, unitJson, StringComparison.Ordinal);
        Assert.DoesNotContain("private", unitJson, StringComparison.OrdinalIgnoreCase);

        await Post("/api/registry/units/L1/allocate", new { recipient = "RO" }, HttpStatusCode.OK);
        await Post("/api/registry/units/L1/deliver", null, HttpStatusCode.OK);
        var inService = await Post("/api/registry/units/L1/in-service", null, HttpStatusCode.OK);
        Assert.Equal("in-service", inService.GetProperty("state").GetString());
        Assert.Equal("RO", inService.GetProperty("recipient").GetString());

        var produced = await Get($"/api/registry/units?batch={batch}&state=produced");
        Assert.Equal(["L2", "L3"], produced.EnumerateArray().Select(u => u.GetProperty("serial").GetString()));
        var reconciliation = await Get($"/api/registry/batches/{batch}/reconciliation");
        Assert.Equal(3, reconciliation.GetProperty("registered").GetInt32());
        Assert.Equal(1, reconciliation.GetProperty("delivered").GetInt32());

        var audit = await Get("/api/registry/audit?after=0&max=10000");
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("action").GetString() == "unit.in-service"
            && a.GetProperty("actor").GetString() == "registrar.ana");
        Assert.DoesNotContain(privateKey, audit.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_illegal_transition_is_409_naming_the_unit_and_both_states()
    {
        string batch = await SetUpBatch("illegal");
        await Register(batch, "X1", "STRJ8X0000001");

        var problem = await Post("/api/registry/units/X1/deliver", null, HttpStatusCode.Conflict);
        Assert.Equal("illegal transition", problem.GetProperty("title").GetString());
        Assert.Equal("unit X1 cannot go from produced to delivered (allowed from produced: accepted)", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_recipient_outside_the_alliance_is_refused_and_a_member_added_is_then_accepted()
    {
        string batch = await SetUpBatch("member");
        await Register(batch, "M1", "STRJ8M0000001");
        await Post("/api/registry/units/M1/accept", new { inspector = "qa.ion" }, HttpStatusCode.OK);
        var papers = new { recipient = "UA", exportLicence = "EXP-1", licenceExpiresOn = "2099-12-31", endUserCertificate = "EUC-1" };

        var refused = await Post("/api/registry/units/M1/allocate", papers, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("M1", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("UA", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("accepted", (await Get("/api/registry/units/M1")).GetProperty("state").GetString());

        var members = await Post("/api/registry/members/UA", null, HttpStatusCode.OK);
        Assert.Contains(members.EnumerateArray(), m => m.GetString() == "UA");
        await Post("/api/registry/units/M1/allocate", papers, HttpStatusCode.OK);
        using var removed = await _http.DeleteAsync(At("/api/registry/members/UA"));
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
    }

    [Fact]
    public async Task A_csv_with_a_bad_row_is_400_naming_line_and_field_and_imports_nothing()
    {
        string batch = await SetUpBatch("csv");
        string csv = "serial,model,batch,remoteIdSerial,radioIds,state,inspector,acceptedUtc,recipient,exportLicence,licenceExpiresOn,endUserCertificate,allocatedUtc,deliveredUtc,publicKey\n"
            + $"C1,hawk-csv,{batch},STRJ8C0000001,,produced,,,,,,,,,\n"
            + $"C2,hawk-csv,{batch},NOT-A-REMOTE-ID,,produced,,,,,,,,,\n";
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await _http.PostAsync(At("/api/registry/units/import"), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await Read(response)).GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Equal("remoteIdSerial", error.GetProperty("field").GetString());
        Assert.Equal(0, (await Get($"/api/registry/units?batch={batch}")).GetArrayLength());

        using var good = new StringContent(csv.Replace("NOT-A-REMOTE-ID", "STRJ8C0000002", StringComparison.Ordinal), Encoding.UTF8, "text/csv");
        using var imported = await _http.PostAsync(At("/api/registry/units/import"), good);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(2, (await Read(imported)).GetProperty("imported").GetInt32());
        string exported = await _http.GetStringAsync(At("/api/registry/units/export"));
        Assert.Contains($"C2,hawk-csv,{batch},STRJ8C0000002,", exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_chain_verifies_after_changes()
    {
        await SetUpBatch("audit");
        var verification = await Get("/api/registry/audit/verify");
        Assert.True(verification.GetProperty("ok").GetBoolean());
        Assert.Equal(3, verification.GetProperty("count").GetInt64());
        Assert.Matches("^[0-9a-f]{64}$", verification.GetProperty("headHash").GetString());
    }

    [Fact]
    public async Task Unknown_units_and_duplicate_ids_are_404_and_409()
    {
        string batch = await SetUpBatch("dup");
        using var missing = await _http.GetAsync(At("/api/registry/units/NOPE"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("NOPE", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await Register(batch, "D1", "STRJ8D0000001");
        var dup = await Post("/api/registry/units", new { serial = "D1", batchId = batch, remoteIdSerial = "STRJ8D0000002" }, HttpStatusCode.Conflict);
        Assert.Contains("D1", dup.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var bad = await Post("/api/registry/units", new { serial = "D2", batchId = batch }, HttpStatusCode.BadRequest);
        Assert.Contains("remoteIdSerial", bad.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_registry()
    {
        var paths = (await Get("/openapi/v1.json")).GetProperty("paths");
        foreach (var p in new[] { "/api/registry/units", "/api/registry/units/{serial}", "/api/registry/units/{serial}/accept", "/api/registry/units/import",
                     "/api/registry/audit/verify", "/api/registry/members/{code}", "/api/registry/summary", "/api/registry/units/{serial}/history", "/api/registry/batches/reconciliation" })
            Assert.True(paths.TryGetProperty(p, out _), $"OpenAPI has no path {p}");
        // The actor is the signed-in account now, never a header the client could set.
        string post = paths.GetProperty("/api/registry/units").GetProperty("post").GetRawText();
        Assert.DoesNotContain("X-Straja-Actor", post, StringComparison.Ordinal);
        var accept = paths.GetProperty("/api/registry/units/{serial}/allocate").GetProperty("post").GetProperty("responses");
        foreach (var status in new[] { "200", "400", "404", "409", "422" })
            Assert.True(accept.TryGetProperty(status, out _), $"allocate does not document {status}");
    }

    [Fact]
    public async Task A_units_history_is_its_own_audit_records_oldest_first_with_who_made_each_move()
    {
        string batch = await SetUpBatch("hist");
        await Register(batch, "H1", "STRJ8H0000001");
        await Register(batch, "H2", "STRJ8H0000002");
        await Post("/api/registry/units/H1/accept", new { inspector = "qa.ion" }, HttpStatusCode.OK);
        await Post("/api/registry/units/H2/accept", new { inspector = "qa.ion" }, HttpStatusCode.OK);
        await Post("/api/registry/units/H1/allocate", new { recipient = "RO" }, HttpStatusCode.OK);

        var history = (await Get("/api/registry/units/H1/history")).EnumerateArray().ToArray();
        Assert.Equal(["unit.registered", "unit.accepted", "unit.allocated"], history.Select(r => r.GetProperty("action").GetString()));
        Assert.All(history, r => Assert.Equal("unit:H1", r.GetProperty("entity").GetString()));
        Assert.All(history, r => Assert.Equal("registrar.ana", r.GetProperty("actor").GetString()));
        var ids = history.Select(r => r.GetProperty("id").GetInt64()).ToArray();
        Assert.Equal(ids.Order(), ids);

        using var missing = await _http.GetAsync(At("/api/registry/units/NOPE/history"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_units_public_key_fingerprint_is_the_sha256_of_its_key_and_absent_before_acceptance()
    {
        string batch = await SetUpBatch("fp");
        var produced = await Register(batch, "F1", "STRJ8F0000001");
        Assert.Equal(JsonValueKind.Null, produced.GetProperty("publicKeyFingerprint").ValueKind);

        await Post("/api/registry/units/F1/accept", new { inspector = "qa.ion" }, HttpStatusCode.OK);
        var unit = await Get("/api/registry/units/F1");
        byte[] key = Convert.FromBase64String(unit.GetProperty("publicKey").GetString()!);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(key)), unit.GetProperty("publicKeyFingerprint").GetString());
    }

    [Fact]
    public async Task Every_batchs_reconciliation_comes_in_one_call_and_matches_the_per_batch_answer()
    {
        string first = await SetUpBatch("rec1", quantity: 4);
        await Register(first, "R1", "STRJ8R0000001");
        await Post("/api/registry/units/R1/accept", new { inspector = "qa.ion" }, HttpStatusCode.OK);

        var all = (await Get("/api/registry/batches/reconciliation")).EnumerateArray().ToArray();
        var batches = (await Get("/api/registry/batches")).EnumerateArray().Select(b => b.GetProperty("id").GetString()).ToArray();
        Assert.Equal(batches, all.Select(r => r.GetProperty("batchId").GetString()));
        foreach (var rec in all)
        {
            var one = await Get($"/api/registry/batches/{rec.GetProperty("batchId").GetString()}/reconciliation");
            Assert.Equal(one.GetRawText(), rec.GetRawText());
        }

        var mine = all.Single(r => r.GetProperty("batchId").GetString() == first);
        Assert.Equal((4, 1, 1, 0), (mine.GetProperty("quantity").GetInt32(), mine.GetProperty("registered").GetInt32(),
            mine.GetProperty("accepted").GetInt32(), mine.GetProperty("allocated").GetInt32()));
    }

    [Fact]
    public async Task Malformed_JSON_is_refused_with_the_path_and_position_of_the_fault()
    {
        using var content = new StringContent("""{ "id": "site-bad", "name": "x", "country": 7 }""", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(At("/api/registry/sites"), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Read(response);
        Assert.Equal("invalid request body", body.GetProperty("title").GetString());
        string detail = body.GetProperty("detail").GetString()!;
        Assert.Contains("$.country", detail, StringComparison.Ordinal);
        Assert.Contains("BytePositionInLine", detail, StringComparison.Ordinal);
    }
}
