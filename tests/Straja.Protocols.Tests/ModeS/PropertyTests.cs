using System.Buffers;
using CsCheck;
using Straja.Protocols.ModeS;

namespace Straja.Protocols.Tests.ModeS;

public sealed class PropertyTests
{
    // Bytes with 0x1A (the Beast escape) and the Beast type bytes heavily over-represented.
    private static readonly Gen<byte> FeedByte = Gen.Frequency(
        (3, Gen.Byte),
        (2, Gen.Const((byte)0x1A)),
        (1, Gen.Int[1, 3].Select(i => (byte)('0' + i))));

    private static readonly Gen<FeedFrame> Frames =
        from len in Gen.Int[0, 2].Select(i => i == 0 ? 2 : i == 1 ? 7 : 14)
        from data in FeedByte.Array[len]
        from ts in FeedByte.Array[6]
        from signal in FeedByte
        select new FeedFrame(data, ts.Aggregate(0UL, (a, b) => (a << 8) | b), signal);

    [Fact]
    public void Beast_write_then_read_is_the_identity_even_with_many_escape_bytes() =>
        Frames.Sample(f =>
        {
            var buf = new byte[BeastWriter.MaxFrameLength];
            Assert.True(BeastWriter.TryWrite(f, buf, out int written));
            Assert.Equal(OperationStatus.Done, BeastReader.TryRead(buf.AsSpan(0, written), out var back, out int consumed));
            Assert.Equal(written, consumed);
            Assert.Equal(f, back);
        }, iter: 20_000);

    [Fact]
    public void Beast_stream_split_anywhere_yields_the_same_frames_when_partial_frames_are_kept() =>
        Gen.Select(Frames.Array[1, 8], Gen.Int[1, 30]).Sample(t =>
        {
            var (frames, chunk) = t;
            byte[] stream = Concat(frames, BeastWriter.MaxFrameLength, (in FeedFrame f, Span<byte> d, out int n) => BeastWriter.TryWrite(f, d, out n));
            Assert.Equal(frames, ReadInChunks(stream, chunk, BeastReader.TryRead));
        }, iter: 5_000);

    [Fact]
    public void Avr_write_then_read_is_the_identity_for_every_line_form() =>
        Gen.Select(Frames, Gen.Int[0, 2].Select(i => (AvrFormat)i)).Sample(t =>
        {
            var (f, format) = t;
            var expected = new FeedFrame(
                f.Data,
                format == AvrFormat.Plain ? 0 : f.Timestamp12MHz,
                format == AvrFormat.TimestampAndSignal ? f.Signal : (byte)0,
                hasTimestamp: format != AvrFormat.Plain,
                hasSignal: format == AvrFormat.TimestampAndSignal);
            var buf = new byte[AvrWriter.MaxLineLength];
            Assert.True(AvrWriter.TryWrite(f, format, buf, out int written));
            Assert.Equal(OperationStatus.Done, AvrReader.TryRead(buf.AsSpan(0, written), out var back, out int consumed));
            Assert.Equal(written - 1, consumed); // the newline is left for the next call to skip
            Assert.Equal(expected, back);
        }, iter: 10_000);

    [Fact]
    public void Avr_stream_split_anywhere_yields_the_same_frames() =>
        Gen.Select(Frames.Array[1, 8], Gen.Int[1, 50]).Sample(t =>
        {
            var (frames, chunk) = t;
            byte[] stream = Concat(frames, AvrWriter.MaxLineLength, (in FeedFrame f, Span<byte> d, out int n) => AvrWriter.TryWrite(f, AvrFormat.TimestampAndSignal, d, out n));
            Assert.Equal(frames, ReadInChunks(stream, chunk, AvrReader.TryRead));
        }, iter: 3_000);

    private delegate bool Writer(in FeedFrame frame, Span<byte> destination, out int written);

    private static byte[] Concat(FeedFrame[] frames, int maxLength, Writer write)
    {
        var stream = new List<byte>();
        var buf = new byte[maxLength];
        foreach (var f in frames)
        {
            Assert.True(write(f, buf, out int n));
            stream.AddRange(buf[..n]);
        }

        return stream.ToArray();
    }

    private delegate OperationStatus Reader(ReadOnlySpan<byte> buffer, out FeedFrame frame, out int consumed);

    // Feeds the stream 'chunk' bytes at a time, keeping unconsumed bytes, as a socket loop would.
    private static List<FeedFrame> ReadInChunks(byte[] stream, int chunk, Reader read)
    {
        var got = new List<FeedFrame>();
        var pending = new List<byte>();
        for (int pos = 0; pos < stream.Length; pos += chunk)
        {
            pending.AddRange(stream.AsSpan(pos, Math.Min(chunk, stream.Length - pos)).ToArray());
            while (true)
            {
                var status = read(pending.ToArray(), out var f, out int consumed);
                pending.RemoveRange(0, consumed);
                if (status == OperationStatus.Done)
                {
                    got.Add(f);
                }
                else if (status == OperationStatus.NeedMoreData)
                {
                    break;
                }
            }
        }

        return got;
    }

    [Fact]
    public void Frame_decoder_never_throws_on_random_bytes_of_any_length() =>
        Gen.Byte.Array[0, 20].Sample(bytes =>
        {
            bool ok = ModeSDecoder.TryDecode(bytes, out var m, out var e);
            Assert.True(ok ? m.Length == bytes.Length : e.Reason != DecodeErrorReason.None);
            Assert.InRange(e.Offset, 0, bytes.Length);
        }, iter: 50_000);

    [Fact]
    public void Frame_decoder_never_throws_on_mutated_real_frames()
    {
        byte[][] seeds = Vectors.Root.GetProperty("messages").EnumerateArray()
            .Select(m => Vectors.Bytes(m.GetProperty("hex").GetString()!)).ToArray();
        Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Int[0, 111].Array[1, 6], Gen.Int[0, 2]).Sample(t =>
        {
            var (which, flips, cut) = t;
            byte[] f = (byte[])seeds[which].Clone();
            foreach (int bit in flips)
            {
                f[(bit / 8) % f.Length] ^= (byte)(1 << (bit % 8));
            }

            var frame = f.AsSpan(0, f.Length - cut);
            if (ModeSDecoder.TryDecode(frame, out var m, out _) && m.Content is MessageContent.AirbornePosition or MessageContent.SurfacePosition)
            {
                var p = m.Position;
                Cpr.DecodeLocal(p.LatCpr, p.LonCpr, p.OddFormat, p.Surface, 45, 25, out _, out _);
            }

            if (m.IsCommB)
            {
                CommB.Infer(m.Payload);
            }

            // Every lazily decoded part and the JSON line must cope with whatever the bits say.
            _ = m.Identification.Callsign.ToString();
            _ = m.Velocity.TrackDeg;
            _ = m.TargetState.BaroSettingHpa;
            _ = m.Status.Squawk.ToString();
            using var w = new System.Text.Json.Utf8JsonWriter(Stream.Null);
            ModeSJson.Write(w, m);
        }, iter: 30_000);
    }

    [Fact]
    public void Feed_readers_always_make_progress_and_never_throw_on_random_bytes() =>
        FeedByte.Array[0, 120].Sample(bytes =>
        {
            foreach (Reader read in new Reader[] { BeastReader.TryRead, AvrReader.TryRead })
            {
                ReadOnlySpan<byte> rest = bytes;
                while (true)
                {
                    var status = read(rest, out _, out int consumed);
                    Assert.InRange(consumed, 0, rest.Length);
                    if (status == OperationStatus.NeedMoreData)
                    {
                        break;
                    }

                    Assert.True(consumed > 0, "a Done or InvalidData result must consume bytes");
                    rest = rest[consumed..];
                }
            }
        }, iter: 20_000);

    [Fact]
    public void Avr_reader_never_throws_on_random_text() =>
        Gen.Char["*@<%:;0123456789ABCDEFabcdefXZ \r\n"].Array[0, 100].Sample(chars =>
        {
            ReadOnlySpan<byte> rest = System.Text.Encoding.ASCII.GetBytes(chars);
            while (AvrReader.TryRead(rest, out _, out int consumed) != OperationStatus.NeedMoreData)
            {
                Assert.True(consumed > 0);
                rest = rest[consumed..];
            }
        }, iter: 20_000);

    private static readonly Gen<(double Lat, double Lon)> Positions =
        Gen.Select(Gen.Double[-87.5, 87.5], Gen.Double[-180, 179.999999]);

    [Fact]
    public void Cpr_even_odd_pair_decodes_globally_to_within_five_metres() =>
        Gen.Select(Positions, Gen.Bool).Sample(t =>
        {
            var ((lat, lon), oddNewer) = t;
            var (yz0, xz0) = Cpr.Encode(lat, lon, odd: false, surface: false);
            var (yz1, xz1) = Cpr.Encode(lat, lon, odd: true, surface: false);
            var st = Cpr.DecodeAirborneGlobal(yz0, xz0, yz1, xz1, oddNewer, out double dLat, out double dLon);
            if (st == CprStatus.ZoneMismatch)
            {
                // Only possible when the two quantised latitudes sit either side of an NL band edge.
                Assert.NotEqual(Cpr.NL(lat - 0.0001), Cpr.NL(lat + 0.0001));
                return;
            }

            Assert.Equal(CprStatus.Ok, st);
            AssertWithinHalfStep(lat, lon, dLat, dLon, oddNewer, surface: false);
        }, iter: 20_000);

    [Fact]
    public void Cpr_single_frame_decodes_locally_near_a_reference_airborne_and_surface() =>
        Gen.Select(Positions, Gen.Bool, Gen.Bool, Gen.Double[-1, 1], Gen.Double[-1, 1]).Sample(t =>
        {
            var ((lat, lon), odd, surface, dy, dx) = t;

            // References within 100 km airborne and 20 km on the surface: well inside half a zone.
            double reach = surface ? 0.18 : 0.9;
            double refLat = Math.Clamp(lat + (dy * reach), -89.9, 89.9);
            double refLon = lon + (dx * reach / Math.Max(Math.Cos(lat * Math.PI / 180), 0.05) / 4);
            var (yz, xz) = Cpr.Encode(lat, lon, odd, surface);
            Assert.Equal(CprStatus.Ok, Cpr.DecodeLocal(yz, xz, odd, surface, refLat, refLon, out double dLat, out double dLon));
            AssertWithinHalfStep(lat, lon, dLat, dLon, odd, surface);
        }, iter: 20_000);

    [Fact]
    public void Surface_pair_decodes_globally_with_a_nearby_reference() =>
        Positions.Sample(p =>
        {
            var (yz0, xz0) = Cpr.Encode(p.Lat, p.Lon, odd: false, surface: true);
            var (yz1, xz1) = Cpr.Encode(p.Lat, p.Lon, odd: true, surface: true);
            var st = Cpr.DecodeSurfaceGlobal(yz0, xz0, yz1, xz1, true, p.Lat + 0.3, p.Lon - 0.3, out double lat, out double lon);
            if (st == CprStatus.ZoneMismatch)
            {
                Assert.NotEqual(Cpr.NL(p.Lat - 0.0001), Cpr.NL(p.Lat + 0.0001));
                return;
            }

            Assert.Equal(CprStatus.Ok, st);
            AssertWithinHalfStep(p.Lat, p.Lon, lat, lon, odd: true, surface: true);
        }, iter: 10_000);

    // The CPR quantum is one 2^-17 step of a zone: a decode is exact to half a step on each axis. Up to
    // 75° latitude that is within 5 m airborne (1.3 m surface); zones widen in metres towards the poles.
    private static void AssertWithinHalfStep(double lat, double lon, double dLat, double dLon, bool odd, bool surface)
    {
        double span = surface ? 90.0 : 360.0;
        int i = odd ? 1 : 0;
        double halfLat = span / (60 - i) / 262144.0;
        double halfLon = span / Math.Max(Cpr.NL(dLat) - i, 1) / 262144.0;
        Assert.InRange(Math.Abs(dLat - lat), 0, halfLat + 1e-9);
        Assert.InRange(Math.Abs(((dLon - lon + 540.0) % 360.0) - 180.0), 0, halfLon + 1e-9);
        if (Math.Abs(lat) <= 75)
        {
            Assert.InRange(AircraftTracker.GreatCircleM(lat, lon, dLat, dLon), 0, surface ? 1.3 : 5.0);
        }
    }

    [Fact]
    public void NL_agrees_with_the_closed_form_away_from_band_edges() =>
        Gen.Double[-89.999, 89.999].Sample(lat =>
        {
            double a = 1 - Math.Cos(Math.PI / 30);
            double c = Math.Cos(lat * Math.PI / 180);
            double x = 2 * Math.PI / Math.Acos(1 - (a / (c * c)));
            if (Math.Abs(x - Math.Round(x)) < 1e-9 || Math.Abs(lat) >= 87)
            {
                return;
            }

            Assert.Equal((int)Math.Floor(x), Cpr.NL(lat));
        }, iter: 20_000);

    [Fact]
    public void Encoded_squitters_decode_back_to_their_values() =>
        Gen.Select(Gen.UInt[0, 0xFFFFFF], Positions, Gen.Int[-1000, 50000], Gen.Bool, Gen.Double[-600, 600], Gen.Double[-600, 600], Gen.Int[-6000, 6000])
        .Sample(t =>
        {
            var (icao, (lat, lon), altFt, odd, east, north, vr) = t;
            var f = new byte[14];
            Assert.True(ModeSEncoder.TryAirbornePosition(f, icao, lat, lon, altFt, odd));
            Assert.True(ModeSDecoder.TryDecode(f, out var m, out _));
            Assert.Equal(ParityStatus.Valid, m.Parity);
            Assert.Equal(icao, m.Icao);
            Assert.Equal(MessageContent.AirbornePosition, m.Content);
            Assert.InRange(m.AltitudeFt!.Value - altFt, -13, 13);
            Assert.Equal(odd, m.Position.OddFormat);

            Assert.True(ModeSEncoder.TryAirborneVelocity(f, icao, east, north, vr));
            Assert.True(ModeSDecoder.TryDecode(f, out m, out _));
            Assert.Equal(MessageContent.AirborneVelocity, m.Content);
            Assert.Equal(east, m.Velocity.EastKt!.Value, 0.5);
            Assert.Equal(north, m.Velocity.NorthKt!.Value, 0.5);
            Assert.InRange(m.Velocity.VerticalRateFpm!.Value - vr, -32, 32);
        }, iter: 10_000);

    [Fact]
    public void Encoded_identification_and_surface_squitters_decode_back() =>
        Gen.Select(Gen.UInt[0, 0xFFFFFF], Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"].Array[1, 8], Gen.Int[0, 7], Positions, Gen.Double[0, 200], Gen.Double[0, 359.9])
        .Sample(t =>
        {
            var (icao, chars, category, (lat, lon), speed, track) = t;
            var f = new byte[14];
            Assert.True(Callsign.TryCreate(chars, out var cs));
            Assert.True(ModeSEncoder.TryIdentification(f, icao, cs, 4, category));
            Assert.True(ModeSDecoder.TryDecode(f, out var m, out _));
            Assert.Equal(ParityStatus.Valid, m.Parity);
            Assert.Equal(new string(chars), m.Identification.Callsign.ToString());
            Assert.Equal(category, m.Identification.Category);

            Assert.True(ModeSEncoder.TrySurfacePosition(f, icao, lat, lon, odd: true, speed, track));
            Assert.True(ModeSDecoder.TryDecode(f, out m, out _));
            var p = m.Position;
            Assert.True(p.Surface);
            Assert.InRange(speed - p.GroundSpeedKt!.Value, 0, speed >= 175 ? double.MaxValue : 5.0); // coarser steps at speed
            Assert.InRange(Math.Abs(((p.TrackDeg!.Value - track + 540) % 360) - 180), 0, 360.0 / 256 + 1e-9);
            Assert.Equal(CprStatus.Ok, Cpr.DecodeLocal(p.LatCpr, p.LonCpr, true, true, lat, lon, out double dLat, out double dLon));
            AssertWithinHalfStep(lat, lon, dLat, dLon, odd: true, surface: true);
        }, iter: 10_000);
}
