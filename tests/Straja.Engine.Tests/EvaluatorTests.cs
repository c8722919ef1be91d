using Straja.Engine.Evaluation;
using Straja.Engine.Picture;
using Straja.Geo;

namespace Straja.Engine.Tests;

public class EvaluatorTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    // Isaccea: the Danube is the border here; Ukraine on the north bank.
    private static readonly GeoPoint InUkraine = new(45.300, 28.470, 150);
    private static readonly GeoPoint InRomania = new(45.240, 28.470, 150);

    private static AirTrack Track(string id, GeoPoint p, bool confirmed = true, Identity identity = Identity.Unknown,
        TargetClass cls = TargetClass.Multirotor, double vNorth = -20, double vEast = 0) =>
        new(id, confirmed, T, p, vEast, vNorth, 0, 30, cls, 0.8, identity, null, null, ["radar-isaccea"]);

    private static List<AlertProposal> Feed(IEvaluator e, params AirTrack[] snapshots)
    {
        var all = new List<AlertProposal>();
        foreach (var t in snapshots)
        {
            var proposals = new List<AlertProposal>();
            e.Evaluate(new PictureSnapshot(T, [t]), proposals);
            all.AddRange(proposals);
        }

        return all;
    }

    [Fact]
    public void Crossing_from_Ukraine_raises_one_proposal_naming_Ukraine()
    {
        Assert.Equal("UA", BorderMap.Embedded.CountryAt(InUkraine.LatDeg, InUkraine.LonDeg));
        Assert.Equal("RO", BorderMap.Embedded.CountryAt(InRomania.LatDeg, InRomania.LonDeg));
        var p = Feed(new BorderCrossingEvaluator(BorderMap.Embedded), Track("T1", InUkraine), Track("T1", InRomania), Track("T1", InRomania));

        var only = Assert.Single(p);
        Assert.Equal(AlertKind.BorderCrossing, only.Kind);
        Assert.Equal("T1", only.TrackId);
        Assert.Contains("from Ukraine", only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_crossing_made_while_tentative_is_raised_when_the_track_confirms()
    {
        var p = Feed(new BorderCrossingEvaluator(BorderMap.Embedded),
            Track("T1", InUkraine, confirmed: false), Track("T1", InRomania, confirmed: false), Track("T1", InRomania, confirmed: true));
        Assert.Single(p);
    }

    [Fact]
    public void A_track_first_seen_in_Romania_does_not_alert() =>
        Assert.Empty(Feed(new BorderCrossingEvaluator(BorderMap.Embedded), Track("T1", InRomania), Track("T1", InRomania)));

    [Fact]
    public void Friendly_and_bird_tracks_do_not_alert()
    {
        Assert.Empty(Feed(new BorderCrossingEvaluator(BorderMap.Embedded),
            Track("T1", InUkraine, identity: Identity.Friendly), Track("T1", InRomania, identity: Identity.Friendly)));
        Assert.Empty(Feed(new BorderCrossingEvaluator(BorderMap.Embedded),
            Track("T2", InUkraine, cls: TargetClass.Bird), Track("T2", InRomania, cls: TargetClass.Bird)));
    }

    [Fact]
    public void Jitter_on_the_border_line_does_not_count_as_a_crossing()
    {
        // A point within the hysteresis band on the Romanian side: it never establishes "in Romania".
        var e = new BorderCrossingEvaluator(BorderMap.Embedded, hysteresisM: 5_000);
        var nearLine = Enumerable.Range(0, 40).Select(i => new GeoPoint(45.2700 + 0.0005 * (i % 2), 28.4600, 100))
            .Where(p => BorderMap.Embedded.DistanceToRomaniaBoundaryM(p.LatDeg, p.LonDeg) < 5_000);
        var p = Feed(e, [Track("T1", InUkraine), .. nearLine.Select(g => Track("T1", g))]);
        Assert.Empty(p);
    }
}
