using Straja.Protocols.ModeS;

namespace Straja.Protocols.Tests.ModeS;

public sealed class TrackerTests
{
    private const string Even = "8D40058B58C901375147EFD09357";
    private const string Odd = "8D40058B58C904A87F402D3B8C59";
    private const uint Icao = 0x40058B;

    private static ModeSMessage Decode(string hex)
    {
        Assert.True(ModeSDecoder.TryDecode(Convert.FromHexString(hex), out var m, out var e), e.ToString());
        return m;
    }

    private static ModeSMessage Encoded(uint icao, double lat, double lon, bool odd, int altFt = 30000)
    {
        var f = new byte[14];
        Assert.True(ModeSEncoder.TryAirbornePosition(f, icao, lat, lon, altFt, odd));
        return Decode(Convert.ToHexString(f));
    }

    [Fact]
    public void Even_then_odd_within_ten_seconds_gives_the_global_position_of_the_newer_frame()
    {
        var t = new AircraftTracker();
        Assert.Equal(TrackerOutcome.PositionPending, t.Update(Decode(Even), 100.0));
        Assert.Equal(TrackerOutcome.PositionUpdated, t.Update(Decode(Odd), 105.0));
        Assert.True(t.TryGet(Icao, out var s));
        Assert.Equal(49.81755, s.LatDeg!.Value, 0.001);
        Assert.Equal(6.08442, s.LonDeg!.Value, 0.001);
        Assert.Equal(39000, s.BaroAltitudeFt);
        Assert.Equal(105.0, s.PositionTimeS);
    }

    [Fact]
    public void A_pair_more_than_ten_seconds_apart_gives_no_position_without_a_reference()
    {
        var t = new AircraftTracker();
        t.Update(Decode(Even), 100.0);
        Assert.Equal(TrackerOutcome.PositionPending, t.Update(Decode(Odd), 110.5));
        Assert.True(t.TryGet(Icao, out var s));
        Assert.Null(s.LatDeg);
    }

    [Fact]
    public void After_a_fix_a_single_frame_decodes_locally_against_the_last_position()
    {
        var t = new AircraftTracker();
        t.Update(Encoded(0xABCDEF, 45.0, 27.0, odd: false), 0);
        t.Update(Encoded(0xABCDEF, 45.0, 27.0, odd: true), 1);

        // 60 s later, only an even frame: the pair is stale, so the last fix is the reference.
        Assert.Equal(TrackerOutcome.PositionUpdated, t.Update(Encoded(0xABCDEF, 45.1, 27.1, odd: false), 61));
        Assert.True(t.TryGet(0xABCDEF, out var s));
        Assert.Equal(45.1, s.LatDeg!.Value, 0.0001);
        Assert.Equal(27.1, s.LonDeg!.Value, 0.0001);
    }

    [Fact]
    public void A_jump_faster_than_the_speed_limit_is_rejected_and_counted()
    {
        var t = new AircraftTracker(new AircraftTrackerOptions { MaxSpeedKt = 1000 });
        t.Update(Encoded(0x111111, 45.0, 27.0, odd: false), 0);
        t.Update(Encoded(0x111111, 45.0, 27.0, odd: true), 1);
        t.Update(Encoded(0x111111, 45.0, 27.0, odd: false), 2); // a second fix confirms the first

        // 1.5 degrees of latitude (about 167 km) in 5 s is about 65,000 kt.
        // (The odd frame at t=5 pairs with the old even one: whatever that mixed pair gives is not accepted either.)
        Assert.NotEqual(TrackerOutcome.PositionUpdated, t.Update(Encoded(0x111111, 46.5, 27.0, odd: true), 5));
        Assert.Equal(TrackerOutcome.PositionRejected, t.Update(Encoded(0x111111, 46.5, 27.0, odd: false), 6));
        Assert.True(t.TryGet(0x111111, out var s));
        Assert.InRange(s.RejectedPositions, 1, 2);
        Assert.Equal(s.RejectedPositions, t.RejectedPositions);
        Assert.Equal(45.0, s.LatDeg!.Value, 0.0001);

        // A plausible move (about 11 km in 60 s, 360 kt) is accepted.
        Assert.Equal(TrackerOutcome.PositionUpdated, t.Update(Encoded(0x111111, 45.1, 27.0, odd: false), 61));
    }

    [Fact]
    public void A_surface_frame_never_pairs_with_an_airborne_frame()
    {
        // The vector file's real-data trap: TC7 surface "even" and TC11 airborne "odd" from 485A33.
        var t = new AircraftTracker();
        t.Update(Decode("8F485A33397C737A27D1B18072CD"), 0);
        Assert.Equal(TrackerOutcome.PositionPending, t.Update(Decode("8D485A33581D663872E86A3BBFFF"), 2));
        Assert.True(t.TryGet(0x485A33, out var s));
        Assert.Null(s.LatDeg);
    }

    [Fact]
    public void Surface_pair_uses_the_receiver_position_as_reference()
    {
        var t = new AircraftTracker(new AircraftTrackerOptions { ReceiverPosition = new GeoPoint(43.63, 1.37) });
        t.Update(Decode("903A23FF426A38565950432EBF95"), 0);
        Assert.Equal(TrackerOutcome.PositionUpdated, t.Update(Decode("903A23FF426A4E65F7487A775D17"), 1));
        Assert.True(t.TryGet(0x3A23FF, out var s));
        Assert.Equal(43.62646, s.LatDeg!.Value, 0.001);
        Assert.Equal(1.37476, s.LonDeg!.Value, 0.001);
        Assert.True(s.OnGround);
        Assert.Equal(14.5, s.GroundSpeedKt);
    }

    [Fact]
    public void Identification_velocity_and_squawk_are_kept_per_aircraft()
    {
        var t = new AircraftTracker();
        t.Update(Decode("8D406B902015A678D4D220AA4BDA"), 0);
        Assert.True(t.TryGet(0x406B90, out var s));
        Assert.Equal("EZY85MH", s.Callsign.ToString());
        Assert.Equal(4, s.EmitterTypeCode);

        t.Update(Decode("8D485020994409940838175B284F"), 0);
        Assert.True(t.TryGet(0x485020, out var v));
        Assert.Equal(159.0, v.GroundSpeedKt!.Value, 1.0);
        Assert.Equal(-832, v.VerticalRateFpm);
        Assert.Equal(2, t.Count);
    }

    [Fact]
    public void Address_parity_replies_count_only_for_addresses_announced_by_a_squitter()
    {
        // DF5 from 510AF9 squawking 0356: ignored until 510AF9 has been heard in a parity-checked squitter.
        var t = new AircraftTracker();
        Assert.Equal(TrackerOutcome.Ignored, t.Update(Decode("2A00516D492B80"), 0));
        Assert.Equal(0, t.Count);

        var f = new byte[14];
        Callsign.TryCreate("ROT123", out var cs);
        ModeSEncoder.TryIdentification(f, 0x510AF9, cs);
        t.Update(Decode(Convert.ToHexString(f)), 1);
        Assert.Equal(TrackerOutcome.Updated, t.Update(Decode("2A00516D492B80"), 2));
        Assert.True(t.TryGet(0x510AF9, out var s));
        Assert.Equal("0356", s.Squawk.ToString());
        Assert.Equal(1, t.IgnoredMessages);
    }

    [Fact]
    public void Frames_failing_parity_are_ignored()
    {
        var t = new AircraftTracker();
        Assert.Equal(TrackerOutcome.Ignored, t.Update(Decode("8D4CA251204994B1C36E60A5343D"), 0));
        Assert.Equal(0, t.Count);
    }

    [Fact]
    public void Prune_forgets_aircraft_not_heard_for_longer_than_the_age()
    {
        var t = new AircraftTracker();
        t.Update(Decode("8D406B902015A678D4D220AA4BDA"), 0);
        t.Update(Decode("8D485020994409940838175B284F"), 50);
        Assert.Equal(1, t.Prune(nowS: 70, maxAgeS: 60));
        Assert.False(t.TryGet(0x406B90, out _));
        Assert.True(t.TryGet(0x485020, out _));
    }

    [Fact]
    public void A_wrong_first_fix_gives_way_to_two_positions_that_agree()
    {
        var t = new AircraftTracker(new AircraftTrackerOptions { MaxSpeedKt = 1000 });
        // The first pair puts the aircraft 280 km north of where it really is.
        t.Update(Encoded(0x222222, 47.5, 27.0, odd: false), 0);
        Assert.Equal(TrackerOutcome.PositionUpdated, t.Update(Encoded(0x222222, 47.5, 27.0, odd: true), 1));

        // Its true positions then arrive; once two of them agree the false fix is dropped.
        for (int i = 0; i < 4; i++)
            t.Update(Encoded(0x222222, 45.0 + (i * 0.001), 27.0, odd: i % 2 == 1), 2 + i);

        Assert.True(t.TryGet(0x222222, out var s));
        Assert.Equal(45.003, s.LatDeg!.Value, 0.0005);
        Assert.Equal(TrackerOutcome.PositionUpdated, t.Update(Encoded(0x222222, 45.004, 27.0, odd: false), 6));
    }

    [Fact]
    public void A_confirmed_track_does_not_follow_a_run_of_impossible_jumps()
    {
        var t = new AircraftTracker(new AircraftTrackerOptions { MaxSpeedKt = 1000 });
        t.Update(Encoded(0x333333, 45.0, 27.0, odd: false), 0);
        t.Update(Encoded(0x333333, 45.0, 27.0, odd: true), 1);
        Assert.Equal(TrackerOutcome.PositionUpdated, t.Update(Encoded(0x333333, 45.001, 27.0, odd: false), 2));

        for (int i = 0; i < 4; i++)
            t.Update(Encoded(0x333333, 46.5, 27.0, odd: i % 2 == 1), 5 + i);

        Assert.True(t.TryGet(0x333333, out var s));
        Assert.Equal(45.001, s.LatDeg!.Value, 0.0005);
        Assert.True(s.RejectedPositions >= 3);
    }
}
