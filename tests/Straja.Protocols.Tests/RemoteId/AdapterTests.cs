using Straja.Protocols.RemoteId;

namespace Straja.Protocols.Tests.RemoteId;

public sealed class AdapterTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 27, 10, 15, 30, TimeSpan.Zero);

    [Fact]
    public void Serial_number_drone_becomes_a_position_detection_with_its_upper_case_serial_and_declared_class()
    {
        var drone = Drone(BasicId.Ascii(IdType.SerialNumber, UaType.HelicopterOrMultirotor, "1596f3a1b2c3"), Location());

        var d = RemoteIdAdapter.ToDetection(drone, "rid-siret", Received)!;

        Assert.Equal(DetectionKind.Position, d.Kind);
        Assert.Equal("rid-siret", d.SensorId);
        Assert.Equal("RID:1596F3A1B2C3", d.CooperativeId);
        Assert.Equal(new GeoPoint(47.95, 26.06, 412.5), d.Position);
        Assert.Equal(TargetClass.Multirotor, d.ClassHint);
        Assert.Equal(0.9, d.ClassConfidence);
        Assert.Equal(10 / 2.45, d.SigmaHorizontalM, 1e-12);
        Assert.Equal(25 / 1.96, d.SigmaVerticalM, 1e-12);
    }

    [Theory]
    [InlineData(IdType.CaaRegistration, "rou-op-42", "RID:CAA:ROU-OP-42")]
    [InlineData(IdType.UtmUuid, "\u0012\u0034", "RID:UUID:1234")]
    [InlineData(IdType.SpecificSessionId, "\u0001\u00AB", "RID:SESSION:01AB")]
    public void Other_id_types_are_prefixed_with_their_type_so_they_cannot_collide_with_a_serial(IdType type, string id, string expected)
    {
        var basic = new BasicId(type, UaType.Aeroplane, new RemoteIdBytes(System.Text.Encoding.Latin1.GetBytes(id.PadRight(20, '\0'))));
        Assert.Equal(expected, RemoteIdAdapter.CooperativeId(basic));
    }

    [Fact]
    public void Serial_is_preferred_when_a_transmitter_also_sends_a_session_id()
    {
        var agg = new RemoteIdAggregator();
        var key = TransmitterKey.FromAddress(7);
        agg.Update(key, RemoteIdMessage.From(BasicId.Ascii(IdType.SpecificSessionId, UaType.Aeroplane, "x")), 0);
        agg.Update(key, RemoteIdMessage.From(BasicId.Ascii(IdType.SerialNumber, UaType.Aeroplane, "ABC123")), 0);
        var drone = agg.Update(key, RemoteIdMessage.From(Location()), 0);

        var d = RemoteIdAdapter.ToDetection(drone, "s", Received)!;

        Assert.Equal("RID:ABC123", d.CooperativeId);
        Assert.Equal(TargetClass.FixedWing, d.ClassHint);
    }

    [Fact]
    public void No_detection_without_a_valid_position()
    {
        var drone = Drone(BasicId.Ascii(IdType.SerialNumber, UaType.HelicopterOrMultirotor, "A"), Location() with { LatitudeDeg = null, LongitudeDeg = null });
        Assert.Null(RemoteIdAdapter.ToDetection(drone, "s", Received));
    }

    [Fact]
    public void Pressure_altitude_is_used_when_there_is_no_geodetic_altitude_and_unknown_accuracy_gets_the_defaults()
    {
        var loc = Location() with { GeodeticAltitudeM = null, PressureAltitudeM = 390, BaroAccuracy = VerticalAccuracy.Unknown, HorizontalAccuracy = HorizontalAccuracy.Unknown };
        var d = RemoteIdAdapter.ToDetection(Drone(BasicId.Ascii(IdType.SerialNumber, UaType.Other, "A"), loc), "s", Received)!;

        Assert.Equal(390, d.Position.AltM);
        Assert.Equal(RemoteIdAdapter.DefaultSigmaVerticalM, d.SigmaVerticalM);
        Assert.Equal(RemoteIdAdapter.DefaultSigmaHorizontalM, d.SigmaHorizontalM);
        Assert.Equal(TargetClass.Unknown, d.ClassHint);
    }

    [Theory]
    [InlineData(928.0, "2026-11-27T10:15:28Z")]  // 2 s before receipt: the measurement time
    [InlineData(0.0, "2026-11-27T10:15:30Z")]    // a module that sends 0: receipt time
    public void Detection_time_is_the_location_timestamp_when_it_agrees_with_the_receive_time(double secondsAfterHour, string expected)
    {
        var drone = Drone(BasicId.Ascii(IdType.SerialNumber, UaType.Other, "A"), Location() with { TimestampS = secondsAfterHour });
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), RemoteIdAdapter.ToDetection(drone, "s", Received)!.Time);
    }

    [Fact]
    public void Timestamp_just_before_the_hour_heard_just_after_it_belongs_to_the_previous_hour()
    {
        var heard = new DateTimeOffset(2026, 11, 27, 12, 0, 1, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 11, 59, 59, 500, TimeSpan.Zero), RemoteIdTime.ResolveAfterHour(3599.5, heard));
    }

    private static LocationVector Location() => new()
    {
        Status = OperationalStatus.Airborne,
        LatitudeDeg = 47.95,
        LongitudeDeg = 26.06,
        GeodeticAltitudeM = 412.5,
        HorizontalAccuracy = HorizontalAccuracy.Under10m,
        VerticalAccuracy = VerticalAccuracy.Under25m,
    };

    private static DroneState Drone(BasicId id, LocationVector location)
    {
        var agg = new RemoteIdAggregator();
        var key = TransmitterKey.FromAddress(1);
        agg.Update(key, RemoteIdMessage.From(id), 0);
        return agg.Update(key, RemoteIdMessage.From(location), 0);
    }
}
