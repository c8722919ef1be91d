using System.Text;
using System.Text.Json;
using Straja.Protocols.Cot;

namespace Straja.Protocols.Tests.Cot;

public sealed class MappingTests
{
    private static readonly DateTimeOffset Noon = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    // What Straja's picture would say about each authored vector: identity, class, how, remarks.
    public static TheoryData<string, CotIdentity, TargetClass, string> Tracks => new()
    {
        { "CUAS-FUSION-TRK-000417", CotIdentity.Hostile, TargetClass.FixedWing, CotHow.Fused },
        { "CUAS-FUSION-TRK-000512", CotIdentity.Unknown, TargetClass.Multirotor, CotHow.Fused },
        { "RO-ISR-UAV-07", CotIdentity.Friendly, TargetClass.FixedWing, CotHow.Gps },
        { "RID-1581F4XFC21C0000ABCD", CotIdentity.Suspect, TargetClass.Multirotor, CotHow.Fused },
        { "RADAR-NORD-TRK-0091", CotIdentity.Unknown, TargetClass.Unknown, CotHow.Radio },
    };

    [Theory]
    [MemberData(nameof(Tracks))]
    public void Track_maps_to_the_vector_event_byte_for_byte(string uid, CotIdentity identity, TargetClass kind, string how)
    {
        JsonElement v = CotVectors.UavEvent(uid);
        JsonElement x = v.GetProperty("expected");
        DateTimeOffset stale = DateTimeOffset.Parse(x.GetProperty("stale").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        double le = x.GetProperty("le_m").GetDouble();
        var track = new CotTrack(uid, x.GetProperty("lat").GetDouble(), x.GetProperty("lon").GetDouble(), x.GetProperty("hae_m").GetDouble(),
            x.GetProperty("ce_m").GetDouble(), le == CotPoint.Unknown ? double.NaN : le,
            x.GetProperty("track_course_deg_true").GetDouble(), x.GetProperty("track_speed_mps").GetDouble(), identity, kind, Noon)
        {
            StaleAfter = stale - Noon,
            How = how,
            Callsign = x.GetProperty("callsign").GetString(),
            Remarks = RemarksOf(v),
        };

        Assert.Equal(v.GetProperty("cot_xml").GetString(), Encoding.UTF8.GetString(CotXml.Encode(CotMapping.ToEvent(track))));
    }

    private static string RemarksOf(JsonElement v)
    {
        string detail = v.GetProperty("tak_v1_decoded_check").GetProperty("xmlDetail").GetString()!;
        return detail["<remarks>".Length..^"</remarks>".Length];
    }

    [Theory]
    [InlineData(CotIdentity.Hostile, TargetClass.FixedWing, "a-h-A-M-F-Q")]
    [InlineData(CotIdentity.Unknown, TargetClass.Multirotor, "a-u-A-M-H-Q")]
    [InlineData(CotIdentity.Friendly, TargetClass.FixedWing, "a-f-A-M-F-Q")]
    [InlineData(CotIdentity.Suspect, TargetClass.Multirotor, "a-s-A-M-H-Q")]
    [InlineData(CotIdentity.Pending, TargetClass.Multirotor, "a-p-A-M-H-Q")]
    [InlineData(CotIdentity.Neutral, TargetClass.FixedWing, "a-n-A-C-F-q")]
    [InlineData(CotIdentity.Neutral, TargetClass.Manned, "a-n-A-C-F")]
    [InlineData(CotIdentity.Unknown, TargetClass.Manned, "a-u-A-C-F")]
    [InlineData(CotIdentity.Hostile, TargetClass.Manned, "a-h-A-M-F")]
    [InlineData(CotIdentity.Unknown, TargetClass.Unknown, "a-u-A")]
    [InlineData(CotIdentity.Neutral, TargetClass.Bird, "a-n-A")]
    public void Type_follows_identity_and_class(CotIdentity identity, TargetClass kind, string type) =>
        Assert.Equal(type, CotMapping.TypeFor(identity, kind));

    [Fact]
    public void Every_mapped_air_type_is_a_CoTtypes_air_entry_or_its_prefix()
    {
        string[] known = CotVectors.Root.GetProperty("cot_types_uas").GetProperty("types").EnumerateArray()
            .Select(t => t.GetProperty("cot").GetString()!).ToArray();
        foreach (CotIdentity identity in Enum.GetValues<CotIdentity>())
        {
            foreach (TargetClass kind in Enum.GetValues<TargetClass>())
            {
                string type = CotMapping.TypeFor(identity, kind);
                string generic = "a-." + type[3..];
                Assert.Contains(generic, known);
            }
        }
    }

    [Fact]
    public void Unknown_altitude_errors_and_motion_become_cot_unknowns()
    {
        var track = new CotTrack("T1", 45, 28, double.NaN, double.NaN, double.NaN, double.NaN, 3, CotIdentity.Unknown, TargetClass.Unknown, Noon);

        CotEvent ev = CotMapping.ToEvent(track);

        Assert.Equal(new CotPoint(45, 28, CotPoint.Unknown, CotPoint.Unknown, CotPoint.Unknown), ev.Point);
        Assert.Null(ev.Detail.Track);
        Assert.Equal(Noon + CotTrack.DefaultStaleAfter, ev.Stale);
        Assert.Equal("T1", ev.Detail.Contact?.Callsign);
    }

    [Fact]
    public void Course_is_normalised_and_speed_kept_in_metres_per_second()
    {
        var track = new CotTrack("T1", 45, 28, 100, 5, 5, -90, 12.5, CotIdentity.Hostile, TargetClass.Multirotor, Noon);

        Assert.Equal(new CotMotion(270, 12.5), CotMapping.ToEvent(track).Detail.Track);
    }

    [Fact]
    public void Track_without_a_position_is_refused_naming_the_track()
    {
        var track = new CotTrack("T9", double.NaN, 28, 0, 1, 1, 0, 0, CotIdentity.Unknown, TargetClass.Unknown, Noon);

        ArgumentException e = Assert.Throws<ArgumentException>(() => CotMapping.ToEvent(track));
        Assert.Contains("T9", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Marker_alert_is_a_spot_marker_linked_to_its_track_and_carrying_the_message()
    {
        var alert = new CotAlert("ALERT-1", 45.2, 28.4, Noon, "Border crossing", "Hostile multirotor crossed at Isaccea") { TrackUid = "TRK-7" };

        CotEvent ev = CotMapping.ToEvent(alert);
        Assert.True(CotXml.TryDecode(CotXml.Encode(ev), out CotEvent? back, out CotDecodeError error), error.ToString());

        Assert.Equal("b-m-p-s-m", back.Type);
        Assert.Equal("Border crossing", back.Detail.Contact?.Callsign);
        Assert.Equal("Hostile multirotor crossed at Isaccea", back.Detail.Remarks);
        Assert.Equal("<link uid=\"TRK-7\" relation=\"p-p\" />", back.Detail.XmlDetail);
        Assert.Equal(Noon + CotAlert.DefaultStaleAfter, back.Stale);
    }

    [Fact]
    public void Emergency_alert_raises_and_cancels_the_tak_911_alarm()
    {
        var alert = new CotAlert("ALERT-2", 44.36, 28.49, Noon, "Zone entry <MK>", "Unknown UAV inside the base perimeter");

        CotEvent raised = CotMapping.ToEvent(alert, CotAlertStyle.Emergency);
        CotEvent cancelled = CotMapping.ToEvent(alert with { Cleared = true }, CotAlertStyle.Emergency);

        Assert.Equal("b-a-o-tbl", raised.Type);
        Assert.Equal("<emergency type=\"911 Alert\">Zone entry &lt;MK&gt;</emergency>", raised.Detail.XmlDetail);
        Assert.Equal("b-a-o-can", cancelled.Type);
        Assert.Equal(cancelled.Time, cancelled.Stale);
    }
}
