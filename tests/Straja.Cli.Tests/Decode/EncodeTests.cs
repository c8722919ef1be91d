using System.Text.Json;
using Straja.Protocols.Asterix;
using Straja.Protocols.ModeS;

namespace Straja.Cli.Tests.Decode;

/// <summary><c>straja encode</c>: what decode prints encodes back to the same bytes, and what cannot be encoded is named.</summary>
public sealed class EncodeTests
{
    [Fact]
    public void Random_squitters_survive_decode_then_encode_byte_for_byte()
    {
        var random = new Random(4242);
        var frames = new List<string>();
        var frame = new byte[14];
        while (frames.Count < 300)
        {
            uint icao = (uint)random.Next(1, 0x1000000);
            bool built = (frames.Count % 3) switch
            {
                0 => Callsign.TryCreate(RandomCallsign(random), out var cs) && ModeSEncoder.TryIdentification(frame, icao, cs, random.Next(1, 5), random.Next(8)),
                1 => ModeSEncoder.TryAirbornePosition(frame, icao, (random.NextDouble() * 170) - 85, (random.NextDouble() * 360) - 180, random.Next(-40, 2000) * 25, random.Next(2) == 1, random.Next(9, 19)),
                _ => ModeSEncoder.TryAirborneVelocity(frame, icao, random.Next(-1000, 1001), random.Next(-1000, 1001), random.Next(-500, 501) * 64, random.Next(2) == 1 ? VerticalRateSource.Gnss : VerticalRateSource.Baro),
            };
            Assert.True(built);
            frame[0] = (byte)((17 << 3) | random.Next(8));
            ModeSCrc.Seal(frame);
            frames.Add(Convert.ToHexString(frame));
        }

        var again = CliRun.DecodeThenEncode("modes", string.Join('\n', frames));

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(frames, again.Lines);
    }

    [Fact]
    public void A_position_given_in_degrees_comes_back_from_its_even_odd_pair()
    {
        string json = """
            {"icao":"4B1A2C","typecode":11,"altitude_ft":12350,"cpr_format":0,"lat":45.2134,"lon":28.4711}
            {"icao":"4B1A2C","typecode":11,"altitude_ft":12350,"cpr_format":1,"lat":45.2134,"lon":28.4711}
            """;

        var encoded = CliRun.Encode(json, "modes", "-");
        var decoded = CliRun.Decode(encoded.Stdout, "modes", "-").Messages;

        Assert.Equal(12350, decoded[0].GetProperty("altitude_ft").GetInt32());
        Assert.Equal(45.2134, decoded[1].GetProperty("lat").GetDouble(), 1e-4);
        Assert.Equal(28.4711, decoded[1].GetProperty("lon").GetDouble(), 1e-4);
    }

    [Fact]
    public void Beast_and_avr_framing_keep_the_timestamp_and_signal()
    {
        string json = """{"df":17,"icao":"406B90","capability":5,"typecode":4,"category":0,"callsign":"EZY85MH","timestamp_12mhz":439041101,"signal":128}""";

        var beast = CliRun.Encode(json, "beast", "-");
        var avr = CliRun.Encode(json, "avr", "-");

        Assert.Equal("1A3300001A1A2B3C4D808D406B902015A678D4D220AA4BDA", Assert.Single(beast.Lines));
        Assert.Equal("<00001A2B3C4D808D406B902015A678D4D220AA4BDA;", Assert.Single(avr.Lines));
        foreach (var (protocol, text) in new[] { ("beast", beast.Stdout), ("avr", avr.Stdout) })
        {
            var back = Assert.Single(CliRun.Decode(text, protocol, "-").Objects);
            Assert.Equal("EZY85MH", back.GetProperty("callsign").GetString());
            Assert.Equal(439041101, back.GetProperty("timestamp_12mhz").GetInt64());
            Assert.Equal(128, back.GetProperty("signal").GetInt32());
        }
    }

    [Fact]
    public void Every_cat048_and_cat034_vector_record_encodes_back_to_the_same_values()
    {
        var blocks = new List<string>();
        foreach (var v in VectorFiles.Load("asterix.json").GetProperty("vectors").EnumerateArray())
        {
            int category = v.GetProperty("category").ValueKind == JsonValueKind.Number ? v.GetProperty("category").GetInt32() : 0;
            if (category is 48 or 34 && v.TryGetProperty("record_hex", out var records))
            {
                foreach (var r in records.EnumerateArray())
                {
                    byte[] record = Convert.FromHexString(r.GetString()!);
                    blocks.Add(Convert.ToHexString([(byte)category, (byte)((record.Length + 3) >> 8), (byte)(record.Length + 3), .. record]));
                }
            }
        }

        var decoded = CliRun.Decode(string.Join('\n', blocks), "asterix", "-");
        var encoded = CliRun.Encode(decoded.Stdout, "asterix", "-");
        var again = CliRun.Decode(encoded.Stdout, "asterix", "-");

        // Byte equality is too strong here: an FX extension sent as all zeros carries nothing the JSON can hold,
        // so it is not sent again. Every printed value must survive.
        Assert.True(blocks.Count >= 20);
        Assert.Equal(0, decoded.ExitCode + encoded.ExitCode + again.ExitCode);
        Assert.Equal(decoded.Objects.Select(Values), again.Objects.Select(Values));
    }

    private static string Values(JsonElement record) =>
        string.Join(',', record.EnumerateObject().Where(p => p.Name.StartsWith('I')).Select(p => p.ToString()));

    [Fact]
    public void Random_cat048_and_cat034_records_survive_decode_then_encode()
    {
        var random = new Random(1127);
        var blocks = new List<string>();
        var buffer = new byte[512];
        for (int k = 0; k < 300; k++)
        {
            var w = new AsterixWriter(buffer);
            if (k % 4 == 0)
            {
                w.BeginBlock(34);
                Cat034.Write(ref w, new Cat034Record
                {
                    Source = new DataSource((byte)random.Next(256), (byte)random.Next(256)),
                    MessageType = (Cat034MessageType)random.Next(1, 8),
                    TimeOfDay128 = (uint)random.Next(86400 * 128),
                    SectorDeg = random.Next(256) * 360.0 / 256,
                    AntennaRotationPeriodS = random.Next(65536) / 128.0,
                });
            }
            else
            {
                w.BeginBlock(48);
                Cat048.Write(ref w, RandomPlot(random));
            }

            blocks.Add(Convert.ToHexString(buffer.AsSpan(0, w.EndBlock())));
        }

        var again = CliRun.DecodeThenEncode("asterix", string.Join('\n', blocks));

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(blocks, again.Lines);
    }

    [Fact]
    public void What_cannot_be_encoded_is_reported_by_line_and_field_and_the_rest_is_written()
    {
        string input = string.Join('\n',
            """{"df":4,"icao":"4891A6"}""",
            """{"icao":"406B90","typecode":4,"callsign":"EZY85MH"}""",
            """{"icao":"XYZ","typecode":4,"callsign":"A"}""",
            "not json",
            """{"icao":"406B90","typecode":19,"subtype":3,"ground_speed_kt":100,"track_deg":10}""",
            """{"error":"downlink format not supported","offset":0,"line":9}""");

        var result = CliRun.Encode(input, "modes", "-");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("8D406B902015A678D4D220AA4BDA", Assert.Single(result.Lines));
        var problems = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(4, problems.Length);
        Assert.Equal("straja encode: stdin:1: field 'df': only DF17 extended squitters can be encoded, not DF4", problems[0]);
        Assert.Equal("straja encode: stdin:3: field 'icao': 'XYZ' is not a hexadecimal number of up to 6 digits", problems[1]);
        Assert.StartsWith("straja encode: stdin:4: field '(line)': not JSON: ", problems[2], StringComparison.Ordinal);
        Assert.Equal("straja encode: stdin:5: field 'subtype': only subtype 1 (ground speed, subsonic) can be encoded", problems[3]);
    }

    [Fact]
    public void Asterix_items_without_typed_encoding_must_be_given_raw()
    {
        string input = string.Join('\n',
            """{"category":62,"I062/010":{"SAC":25,"SIC":100}}""",
            """{"category":62,"I062/010":{"raw":"1964"},"I062/040":{"raw":"0C8E"}}""",
            """{"category":48,"I048/010":{"SAC":25,"SIC":201},"I048/140":{"raw":"35"}}""",
            """{"category":99,"I099/010":{"raw":"0102"}}""");

        var result = CliRun.Encode(input, "asterix", "-");

        // FSPEC 81 08: FRN 1 (I062/010) and FRN 12 (I062/040).
        Assert.Equal("3E0009810819640C8E", Assert.Single(result.Lines));
        Assert.Equal(
            [
                "straja encode: stdin:1: field 'I062/010': can only be given as {\"raw\": hex} (typed encoding covers CAT048 and CAT034 items)",
                "straja encode: stdin:3: field 'I048/140.raw': the record does not read back: item runs past the end of the record",
                "straja encode: stdin:4: field 'category': category 99 has no UAP here",
            ],
            result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static string RandomCallsign(Random random)
    {
        const string letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        return new string([.. Enumerable.Range(0, random.Next(1, 9)).Select(_ => letters[random.Next(letters.Length)])]);
    }

    private static Cat048Record RandomPlot(Random random)
    {
        const string letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        Callsign.TryCreate(new string([.. Enumerable.Range(0, 8).Select(_ => letters[random.Next(letters.Length)])]), out var callsign);
        bool extended = random.Next(2) == 1;
        return new Cat048Record
        {
            Source = new DataSource((byte)random.Next(256), (byte)random.Next(256)),
            TimeOfDay128 = (uint)random.Next(86400 * 128),
            Descriptor = new Cat048Descriptor(random.Next(8), random.Next(2) == 1, Spi: random.Next(2) == 1, Err: extended, FoeFri: extended ? random.Next(4) : 0),
            MeasuredPosition = new PolarPosition(random.Next(65536) / 256.0, random.Next(65536) * 360.0 / 65536),
            Mode3A = new Mode3A((ushort)random.Next(4096), random.Next(2) == 1, random.Next(2) == 1),
            FlightLevel = new FlightLevel(random.Next(-48, 5000) / 4.0),
            PlotCharacteristics = new RadarPlotCharacteristics(SsrReplies: random.Next(256), SsrAmplitudeDbm: random.Next(-100, 0)),
            AircraftAddress = (uint)random.Next(0x1000000),
            AircraftId = callsign,
            TrackNumber = random.Next(4096),
            CalculatedPosition = new CartesianPositionNm(random.Next(-32768, 32768) / 128.0, random.Next(-32768, 32768) / 128.0),
            Velocity = new PolarVelocity(random.Next(65536) * 3600.0 / 16384, random.Next(65536) * 360.0 / 65536),
            TrackStatus = new Cat048TrackStatus(random.Next(2) == 1, random.Next(4), Tre: extended),
            Height3DFt = random.Next(-8192, 8192) * 25,
        };
    }
}
