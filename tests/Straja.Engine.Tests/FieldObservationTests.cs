using CsCheck;
using Straja.Engine.FieldReports;
using Straja.Engine.Fusion;
using Straja.Engine.Picture;
using Straja.Geo;

namespace Straja.Engine.Tests;

/// <summary>Field reports as observations in the picture: ageing, trust, linking, never a track.</summary>
public sealed class FieldObservationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly GeoPoint Isaccea = new(45.27, 28.46, 20);
    private static readonly SensorDescriptor Coop = new("coop", "coop", SensorKind.Cooperative, new GeoPoint(45.2, 28.5, 10), 200_000, 1);

    private static TriagedReport Unmatched(string id, DateTimeOffset time, ReporterTrust trust = ReporterTrust.Anonymous, double? bearingDeg = null)
    {
        var report = new FieldReport(id, time, Isaccea, ReportSense.Heard, BearingDeg: bearingDeg, HeadingDeg: 200, Count: 2, Description: "buzzing, moving south");
        return new TriagedReport(report, trust, FieldReportTriage.Triage(report, []));
    }

    private static FusionEngine Engine(ObservationOptions? observations = null) =>
        new(Coop.Position, [Coop], T0, FusionOptions.Default with { Observations = observations ?? ObservationOptions.Default });

    [Fact]
    public void A_report_stays_in_the_picture_for_its_live_time_and_then_ages_out()
    {
        var engine = Engine(ObservationOptions.Default with { LiveFor = TimeSpan.FromMinutes(15) });
        engine.Observe(Unmatched("R1", T0));

        Assert.Equal("R1", Assert.Single(engine.Process([], T0.AddSeconds(1)).Picture.Observations).ReportId);
        Assert.Single(engine.Process([], T0.AddMinutes(14.9)).Picture.Observations);
        Assert.Empty(engine.Process([], T0.AddMinutes(15)).Picture.Observations);
        Assert.Empty(engine.Process([], T0.AddMinutes(16)).Picture.Observations);
    }

    [Fact]
    public void A_report_filed_late_beyond_its_live_time_never_shows()
    {
        var engine = Engine();
        engine.Observe(Unmatched("R1", T0.AddMinutes(-20)));
        Assert.Empty(engine.Process([], T0).Picture.Observations);
    }

    [Fact]
    public void A_report_from_a_clock_far_ahead_waits_until_the_picture_reaches_its_time()
    {
        var engine = Engine();
        engine.Observe(Unmatched("R1", T0.AddMinutes(5)));
        Assert.Empty(engine.Process([], T0).Picture.Observations);
        Assert.Single(engine.Process([], T0.AddMinutes(4.5)).Picture.Observations);
    }

    [Fact]
    public void Confidence_rises_with_the_reporters_trust_and_stays_low()
    {
        var options = ObservationOptions.Default;
        double Of(ReporterTrust trust) => FieldObservation.From(Unmatched("R1", T0, trust), options).Confidence;

        Assert.True(Of(ReporterTrust.Anonymous) < Of(ReporterTrust.SignedIn));
        Assert.True(Of(ReporterTrust.SignedIn) < Of(ReporterTrust.Trusted));
        Assert.InRange(Of(ReporterTrust.Trusted), 0.01, 0.99);
        Assert.Equal(options.AnonymousConfidence, Of(ReporterTrust.Anonymous));
    }

    [Fact]
    public void An_unmatched_report_stays_an_observation_and_never_becomes_a_track()
    {
        var engine = Engine();
        engine.Observe(Unmatched("R7", T0, ReporterTrust.Trusted, bearingDeg: 120));
        PictureSnapshot picture = PictureSnapshot.Empty(T0);
        for (int s = 1; s <= 60; s++)
            picture = engine.Process([], T0.AddSeconds(s)).Picture;

        Assert.Empty(picture.Tracks);
        var o = Assert.Single(picture.Observations);
        Assert.Null(o.BestMatch);
        Assert.Null(o.LinkedTrackId);
        Assert.StartsWith("no match", o.Verdict, StringComparison.Ordinal);
        Assert.Equal(ReportSense.Heard, o.Sense);
        Assert.Equal(2, o.Count);
        Assert.Equal(200, o.HeadingDeg);
        Assert.Equal(ObservationOptions.Default.HeardRangeM, o.UncertaintyRadiusM);
        Assert.NotNull(o.Sight);
    }

    [Fact]
    public void A_report_matched_to_a_live_track_is_linked_to_it_while_the_track_lives()
    {
        var engine = Engine();
        var aircraft = Geodesic.Direct(Isaccea, 90, 4_000) with { AltM = 1_500 };
        PictureSnapshot picture = PictureSnapshot.Empty(T0);
        for (int s = 0; s < 10; s++)
        {
            var d = new Detection
            {
                SensorId = "coop", Time = T0.AddSeconds(s), Kind = DetectionKind.Position, Position = aircraft,
                SigmaHorizontalM = 30, SigmaVerticalM = 15, CooperativeId = "RID:1596F0000000001",
            };
            picture = engine.Process([d], T0.AddSeconds(s + 1)).Picture;
        }

        var track = Assert.Single(picture.Tracks, t => t.Confirmed);
        var report = new FieldReport("R9", T0.AddSeconds(10), Isaccea, ReportSense.Seen, BearingDeg: 92);
        var sightings = picture.Tracks.Select(t => new TrackSighting(t.Id, t.LastUpdate, t.Position, t.Identity, t.CooperativeId, t.Callsign, Live: true)).ToList();
        var triage = FieldReportTriage.Triage(report, sightings);
        Assert.Equal(track.Id, triage.Best!.TrackId); // the premise

        engine.Observe(new TriagedReport(report, ReporterTrust.Trusted, triage));
        var linked = Assert.Single(engine.Process([], T0.AddSeconds(11)).Picture.Observations);
        Assert.Equal(track.Id, linked.LinkedTrackId);
        Assert.Equal(track.Id, linked.BestMatch!.TrackId);

        // Once the track has gone from the picture, the report still names it but no longer corroborates a live track.
        var later = engine.Process([], T0.AddMinutes(10));
        Assert.DoesNotContain(later.Picture.Tracks, t => t.Id == track.Id);
        var unlinked = Assert.Single(later.Picture.Observations);
        Assert.Null(unlinked.LinkedTrackId);
        Assert.Equal(track.Id, unlinked.BestMatch!.TrackId);
    }

    [Fact]
    public void A_sky_match_is_never_linked_to_a_track()
    {
        var report = new FieldReport("R3", T0, Isaccea, ReportSense.Seen, BearingDeg: 10);
        var venus = new TriageMatch(TriageMatchKind.Planet, "Venus", 0.8, 2, null, "low in the west");
        var book = new ObservationBook(ObservationOptions.Default);
        book.Add(new TriagedReport(report, ReporterTrust.Anonymous, new TriageResult("R3", "probably Venus", [venus])));

        var o = Assert.Single(book.Current(T0, []));
        Assert.Null(o.LinkedTrackId);
        Assert.Equal(TriageMatchKind.Planet, o.BestMatch!.Kind);
    }

    [Fact]
    public void The_same_report_added_twice_is_one_observation()
    {
        var book = new ObservationBook(ObservationOptions.Default);
        book.Add(Unmatched("R1", T0));
        book.Add(Unmatched("R1", T0));
        Assert.Single(book.Current(T0, []));
    }

    [Fact]
    public void Observations_come_newest_first_and_the_oldest_go_beyond_the_cap()
    {
        var book = new ObservationBook(ObservationOptions.Default with { MaxLive = 3 });
        for (int i = 1; i <= 5; i++)
            book.Add(Unmatched($"R{i}", T0.AddSeconds(i)));
        Assert.Equal(["R5", "R4", "R3"], book.Current(T0.AddSeconds(10), []).Select(o => o.ReportId));
    }

    [Fact]
    public void The_sight_line_runs_the_sense_range_along_the_reported_bearing()
    {
        Gen.Select(Gen.Double[0, 359.99], Gen.Bool).Sample((bearing, heard) =>
        {
            var report = new FieldReport("R1", T0, Isaccea, heard ? ReportSense.Heard : ReportSense.Seen, BearingDeg: bearing);
            var o = FieldObservation.From(new TriagedReport(report, ReporterTrust.Anonymous, new TriageResult("R1", "no match", [])), ObservationOptions.Default);
            var g = Geodesic.Inverse(Isaccea, o.Sight!.End);
            double expected = heard ? ObservationOptions.Default.HeardRangeM : ObservationOptions.Default.SeenRangeM;
            Assert.Equal(expected, g.DistanceM, 0.5);
            Assert.Equal(0, Math.Abs(((g.InitialAzimuthDeg - bearing + 540) % 360) - 180), 0.01);
            Assert.Equal(expected, o.UncertaintyRadiusM);
        });
    }
}
