using System.Globalization;
using System.Text.Json;
using Straja.Protocols.ModeS;

namespace Straja.Protocols.Tests.ModeS;

/// <summary>
/// Every "messages" entry of the vector file: each key of "expected" (upstream assertions) and of
/// "pymodes_v3_decode" (DERIVED cross-check) is checked against our decoder; the two places where we
/// deliberately disagree with pyModeS (DF11 and DF24 parity) assert the disagreement and say why.
/// An unknown key fails the test, so nothing is skipped silently.
/// </summary>
public sealed class GoldenMessageTests
{
    public static TheoryData<int> Messages => Vectors.Indices("messages");

    // Metadata keys, not decoded values.
    private static readonly HashSet<string> Metadata = ["known", "tol_deg", "pair_ref", "pair_times", "ref", "raw"];

    [Theory]
    [MemberData(nameof(Messages))]
    public void Message_vector_decodes_to_every_expected_field(int index)
    {
        JsonElement entry = Vectors.At(index, "messages");
        string hex = entry.GetProperty("hex").GetString()!;
        byte[] frame = Vectors.Bytes(hex);
        var ctx = new Context(entry, frame);

        Assert.Equal(Convert.ToUInt32(entry.GetProperty("crc_remainder_computed").GetString(), 16), ModeSCrc.Remainder(frame));

        foreach (JsonProperty p in entry.GetProperty("expected").EnumerateObject())
        {
            ctx.Check(p.Name, p.Value, derived: false);
        }

        foreach (JsonProperty p in entry.GetProperty("pymodes_v3_decode").EnumerateObject())
        {
            ctx.Check(p.Name, p.Value, derived: true);
        }
    }

    private sealed class Context
    {
        private readonly JsonElement _entry;
        private readonly byte[] _frame;
        private readonly bool _decoded;
        private readonly ModeSMessage _m;
        private readonly DecodeError _error;

        public Context(JsonElement entry, byte[] frame)
        {
            _entry = entry;
            _frame = frame;
            _decoded = ModeSDecoder.TryDecode(frame, out _m, out _error);
        }

        private ModeSMessage M
        {
            get
            {
                Assert.True(_decoded, $"decode failed: {_error}");
                return _m;
            }
        }

        private bool IsCommB => M.Df is 20 or 21;

        // The register whose fields pyModeS reported (its "bds"), or the single one our inference finds.
        private CommBRegister Register
        {
            get
            {
                string? bds = _entry.GetProperty("pymodes_v3_decode").TryGetProperty("bds", out var b) ? b.GetString() : null;
                return bds is null ? CommB.Infer(M.Payload) : ToRegister("BDS" + bds.Replace(",", "", StringComparison.Ordinal));
            }
        }

        public void Check(string key, JsonElement v, bool derived)
        {
            if (Metadata.Contains(key))
            {
                return;
            }

            switch (key)
            {
                case "df":
                    if (!_decoded)
                    {
                        // DF19 (military), DF22 and the like: we refuse them with a typed error, pyModeS only reports the number.
                        Assert.Equal(DecodeErrorReason.UnsupportedDownlinkFormat, _error.Reason);
                        Assert.Equal(v.GetInt32(), _frame[0] >> 3);
                        return;
                    }

                    // DF24 is "11" in the first two bits only: pyModeS reports the 5-bit number (e.g. 25).
                    Assert.Equal(Math.Min(v.GetInt32(), 24), M.Df);
                    return;
                case "icao" or "icao_from_parity":
                    Assert.Equal(v.GetString(), _decoded ? M.IcaoHex : ModeSCrc.Remainder(_frame).ToString("X6", CultureInfo.InvariantCulture));
                    return;
                case "crc_valid":
                    if (!_decoded)
                    {
                        return; // unsupported DF: nothing to compare but the remainder, checked above
                    }

                    if (M.Df == 11 && v.GetBoolean() && M.Parity == ParityStatus.Invalid)
                    {
                        // Deliberate disagreement: pyModeS does not check DF11 parity; these synthetic frames have
                        // zero parity, so their remainder is neither 0 nor a bare interrogator code.
                        Assert.True(M.CrcRemainder > 0x7F);
                        return;
                    }

                    if (M.Df == 24 && !v.GetBoolean())
                    {
                        // Deliberate disagreement: Comm-D (DF24) uses address/parity like DF20/21, so we report
                        // AddressParity (unverifiable) where pyModeS reports "invalid".
                        Assert.Equal(ParityStatus.AddressParity, M.Parity);
                        return;
                    }

                    Assert.Equal(v.GetBoolean(), M.Parity != ParityStatus.Invalid);
                    return;
                case "icao_verified":
                    Assert.Equal(v.GetBoolean(), M.Parity != ParityStatus.AddressParity);
                    return;
                case "typecode":
                    Assert.Equal(v.GetInt32(), M.TypeCode);
                    return;
                case "bds":
                    if (IsCommB)
                    {
                        Assert.True(CommB.Infer(M.Payload).HasFlag(Register), $"inference {CommB.Infer(M.Payload)} lacks {v}");
                    }
                    else
                    {
                        Assert.Equal(v.GetString(), ModeSText.ExtendedSquitterBds(M.TypeCode));
                    }

                    return;
                case "bds_candidates":
                    {
                        var expected = CommBRegister.None;
                        foreach (var c in v.EnumerateArray())
                        {
                            expected |= ToRegister("BDS" + c.GetString()!.Replace(",", "", StringComparison.Ordinal));
                        }

                        Assert.Equal(expected, CommB.Infer(M.Payload));
                        return;
                    }

                case "bds_infer":
                    if (IsCommB)
                    {
                        Assert.Equal(ToRegister(v.GetString()!), CommB.Infer(M.Payload));
                    }
                    else
                    {
                        Assert.Equal(v.GetString(), "BDS" + ModeSText.ExtendedSquitterBds(M.TypeCode)!.Replace(",", "", StringComparison.Ordinal));
                    }

                    return;
                case "is50or60":
                    {
                        JsonElement known = _entry.GetProperty("expected").GetProperty("known");
                        var chosen = CommB.Disambiguate50Or60(M.Payload, known.GetProperty("spd").GetDouble(), known.GetProperty("trk").GetDouble(), known.GetProperty("alt").GetDouble());
                        Assert.Equal(ToRegister(v.GetString()!), chosen);
                        return;
                    }

                case "supported_bds":
                    Assert.Equal(v.EnumerateArray().Select(e => e.GetString()!), CommB.DecodeGicbCapability(M.Payload));
                    return;
                case "callsign":
                    {
                        Callsign cs;
                        if (IsCommB)
                        {
                            Assert.True(CommB.TryDecodeIdentification(M.Payload, out cs));
                        }
                        else
                        {
                            Assert.Equal(MessageContent.Identification, M.Content);
                            cs = M.Identification.Callsign;
                        }

                        Assert.Equal(v.GetString(), cs.ToString());
                        return;
                    }

                case "category":
                    Assert.Equal(v.GetInt32(), M.Identification.Category);
                    return;
                case "wake_vortex":
                    Assert.Equal(v.GetString(), M.Identification.CategoryText);
                    return;
                case "altitude_ft" or "altitude":
                    Assert.Equal(Int(v), M.AltitudeFt);
                    return;
                case "no_altitude_field":
                    Assert.True(M.Position.Surface);
                    Assert.Null(M.AltitudeFt);
                    return;
                case "cpr_format":
                    Assert.Equal(v.GetInt32() == 1, M.Position.OddFormat);
                    return;
                case "cpr_lat":
                    Assert.Equal(v.GetInt32(), M.Position.LatCpr);
                    return;
                case "cpr_lon":
                    Assert.Equal(v.GetInt32(), M.Position.LonCpr);
                    return;
                case "nuc_p":
                    Assert.Equal(v.GetInt32(), M.Position.NucP);
                    return;
                case "surveillance_status":
                    Assert.Equal(v.GetInt32(), M.Position.SurveillanceStatus);
                    return;
                case "nic_b":
                    Assert.Equal(v.GetInt32(), M.Position.NicB);
                    return;
                case "movement":
                    Assert.Equal(v.GetInt32(), M.Position.Movement);
                    return;
                case "track_status":
                    Assert.Equal(v.GetInt32() == 1, M.Position.TrackDeg.HasValue);
                    return;
                case "local_decode_with_ref":
                    CheckLocal(v);
                    return;
                case "pair_with" or "odd_is_newer" or "even_is_newer" or "expected_result" or "result_within_deg_of_ref" or "pair_result":
                    if (key == "pair_with")
                    {
                        CheckPair(_entry.GetProperty("expected"));
                    }

                    return;
                case "surface_velocity":
                    Assert.Equal(v.GetProperty("groundspeed_kt").GetDouble(), M.Position.GroundSpeedKt);
                    Assert.Equal(v.GetProperty("track_deg").GetDouble(), M.Position.TrackDeg!.Value, 0.1);
                    Assert.Equal("GS", v.GetProperty("type").GetString());
                    Assert.Equal(0, v.GetProperty("vertical_rate").GetInt32());
                    return;
                case "groundspeed_kt" or "groundspeed":
                    AssertClose(v, M.Content switch
                    {
                        MessageContent.SurfacePosition => M.Position.GroundSpeedKt,
                        MessageContent.AirborneVelocity => M.Velocity.GroundSpeedKt,
                        _ => CommB.DecodeTrackAndTurn(M.Payload).GroundSpeedKt,
                    }, 1.0); // pyModeS truncates the vector sum to whole knots
                    return;
                case "track_deg" or "track":
                    AssertClose(v, M.Content == MessageContent.SurfacePosition ? M.Position.TrackDeg : M.Velocity.TrackDeg, 0.01);
                    return;
                case "subtype":
                    Assert.Equal(v.GetInt32(), M.Content switch
                    {
                        MessageContent.AirborneVelocity => M.Velocity.Subtype,
                        MessageContent.AircraftStatus => M.Status.Subtype,
                        MessageContent.TargetState => 1,
                        _ => -1,
                    });
                    return;
                case "nac_v":
                    Assert.Equal(v.GetInt32(), M.Velocity.NacV);
                    return;
                case "vr_source":
                    Assert.Equal(v.GetString(), ModeSText.VerticalRateSource(M.Velocity.VerticalRateSource));
                    return;
                case "vertical_rate_fpm" or "vertical_rate":
                    Assert.Equal(Int(v), M.Velocity.VerticalRateFpm);
                    return;
                case "geo_minus_baro_ft" or "geo_minus_baro":
                    Assert.Equal(Int(v), M.Velocity.GeoMinusBaroFt);
                    return;
                case "airspeed_kt" or "airspeed":
                    AssertClose(v, M.Velocity.AirspeedKt, 0.0);
                    return;
                case "airspeed_type":
                    Assert.Equal(v.GetString(), ModeSText.AirspeedType(M.Velocity.AirspeedType));
                    return;
                case "heading_deg" or "heading":
                    AssertClose(v, M.Velocity.HeadingDeg, 0.01);
                    return;
                case "is_emergency":
                    Assert.Equal(v.GetBoolean(), M.Status.IsEmergency);
                    return;
                case "emergency_state":
                    Assert.Equal(v.GetInt32(), M.Status.EmergencyState);
                    return;
                case "squawk":
                    Assert.Equal(v.GetString(), M.Squawk.ToString());
                    return;
                case "selected_altitude_ft" or "selected_altitude":
                    Assert.Equal(Int(v), M.TargetState.SelectedAltitudeFt);
                    return;
                case "selected_altitude_source":
                    Assert.Equal(v.GetString() == "FMS", M.TargetState.SelectedAltitudeFromFms);
                    return;
                case "baro_setting_hpa" or "baro_pressure_setting":
                    AssertClose(v, M.Content == MessageContent.TargetState ? M.TargetState.BaroSettingHpa : CommB.DecodeSelectedVerticalIntention(M.Payload).BaroSettingHpa, 0.01);
                    return;
                case "selected_heading_deg" or "selected_heading":
                    AssertClose(v, M.TargetState.SelectedHeadingDeg, 0.01);
                    return;
                case "nac_p":
                    Assert.Equal(v.GetInt32(), M.TargetState.NacP);
                    return;
                case "nic_baro":
                    Assert.Equal(v.GetInt32(), M.TargetState.NicBaro);
                    return;
                case "sil":
                    Assert.Equal(v.GetInt32(), M.TargetState.Sil);
                    return;
                case "autopilot":
                    Assert.Equal(v.GetBoolean(), M.TargetState.Autopilot);
                    return;
                case "vnav" or "vnav_mode":
                    Assert.Equal(v.GetBoolean(), M.TargetState.Vnav);
                    return;
                case "alt_hold" or "altitude_hold_mode":
                    Assert.Equal(v.GetBoolean(), M.TargetState.AltitudeHold);
                    return;
                case "approach" or "approach_mode":
                    Assert.Equal(v.GetBoolean(), M.TargetState.Approach);
                    return;
                case "tcas_operational":
                    Assert.Equal(v.GetBoolean(), M.TargetState.TcasOperational);
                    return;
                case "lnav" or "lnav_mode":
                    Assert.Equal(v.GetBoolean(), M.TargetState.Lnav);
                    return;
                case "flight_status":
                    Assert.Equal(v.GetInt32(), M.Capability);
                    return;
                case "flight_status_text":
                    Assert.Equal(v.GetString(), ModeSText.FlightStatus(M.Capability));
                    return;
                case "downlink_request":
                    Assert.Equal(v.GetInt32(), M.DownlinkRequest);
                    return;
                case "utility_message":
                    Assert.Equal(v.GetInt32(), M.UtilityMessage);
                    return;
                case "um_iis":
                    Assert.Equal(v.GetInt32(), M.UtilityMessage >> 2);
                    return;
                case "um_ids":
                    Assert.Equal(v.GetInt32(), M.UtilityMessage & 3);
                    return;
                case "capability":
                    Assert.Equal(v.GetInt32(), M.Capability);
                    return;
                case "capability_text":
                    Assert.Equal(v.GetString(), ModeSText.Capability(M.Capability));
                    return;
                case "interrogator_v2":
                    Assert.True(M.InterrogatorIsSurveillance);
                    Assert.Equal(v.GetString(), "SI" + M.InterrogatorCode.ToString(CultureInfo.InvariantCulture));
                    return;
                case "roll_deg" or "roll":
                    AssertClose(v, CommB.DecodeTrackAndTurn(M.Payload).RollDeg, 0.01);
                    return;
                case "true_track_deg" or "true_track":
                    AssertClose(v, CommB.DecodeTrackAndTurn(M.Payload).TrueTrackDeg, 0.001);
                    return;
                case "track_rate_deg_s" or "track_rate":
                    AssertClose(v, CommB.DecodeTrackAndTurn(M.Payload).TrackRateDegS, 1e-6);
                    return;
                case "tas_kt" or "true_airspeed":
                    AssertClose(v, CommB.DecodeTrackAndTurn(M.Payload).TrueAirspeedKt, 0.0);
                    return;
                case "magnetic_heading_deg" or "magnetic_heading":
                    AssertClose(v, CommB.DecodeHeadingAndSpeed(M.Payload).MagneticHeadingDeg, 1e-4);
                    return;
                case "ias_kt" or "indicated_airspeed":
                    AssertClose(v, CommB.DecodeHeadingAndSpeed(M.Payload).IndicatedAirspeedKt, 0.0);
                    return;
                case "mach":
                    AssertClose(v, CommB.DecodeHeadingAndSpeed(M.Payload).Mach, 1e-6);
                    return;
                case "baro_vertical_rate_fpm" or "baro_vertical_rate":
                    AssertClose(v, CommB.DecodeHeadingAndSpeed(M.Payload).BaroVerticalRateFpm, 0.0);
                    return;
                case "inertial_vertical_rate_fpm" or "inertial_vertical_rate":
                    AssertClose(v, CommB.DecodeHeadingAndSpeed(M.Payload).InertialVerticalRateFpm, 0.0);
                    return;
                case "selected_altitude_mcp_ft" or "selected_altitude_mcp":
                    AssertClose(v, CommB.DecodeSelectedVerticalIntention(M.Payload).McpAltitudeFt, 0.0);
                    return;
                case "selected_altitude_fms_ft" or "selected_altitude_fms":
                    AssertClose(v, CommB.DecodeSelectedVerticalIntention(M.Payload).FmsAltitudeFt, 0.0);
                    return;
                case "config" or "overlay_command_capability" or "acas_operational" or "mode_s_subnetwork_version" or "transponder_level5"
                    or "mode_s_specific_services" or "uplink_elm_throughput" or "downlink_elm_throughput" or "aircraft_identification_capability"
                    or "squitter_capability" or "surveillance_identifier_code" or "common_usage_gicb_capability" or "acas_hybrid_surveillance"
                    or "acas_resolution_advisory" or "acas_rtca_version" or "dte_status":
                    CheckDataLink(key, v);
                    return;
                case "crc_remainder":
                    Assert.Equal(v.GetUInt32(), ModeSCrc.Remainder(_frame));
                    return;
                case "crc_remainder_hex":
                    Assert.Equal(Convert.ToUInt32(v.GetString(), 16), ModeSCrc.Remainder(_frame));
                    return;
                case "parity":
                    Assert.Equal(v.GetUInt32(), ModeSCrc.Parity(_frame.AsSpan(0, _frame.Length - 3)));
                    return;
                case "parity_hex":
                    Assert.Equal(Convert.ToUInt32(v.GetString(), 16), ModeSCrc.Parity(_frame.AsSpan(0, _frame.Length - 3)));
                    return;
                default:
                    if (key.StartsWith("pair_with_even_", StringComparison.Ordinal))
                    {
                        CheckSurfacePairWithRefs(key["pair_with_even_".Length..], v);
                        return;
                    }

                    Assert.Fail($"vector key '{key}' ({(derived ? "DERIVED" : "expected")}) is not checked by this test");
                    return;
            }
        }

        private void CheckDataLink(string key, JsonElement v)
        {
            var d = CommB.DecodeDataLinkCapability(M.Payload);
            object actual = key switch
            {
                "config" => d.Continuation,
                "overlay_command_capability" => d.OverlayCommandCapability,
                "acas_operational" => d.AcasOperational,
                "mode_s_subnetwork_version" => d.SubnetworkVersion,
                "transponder_level5" => d.Level5,
                "mode_s_specific_services" => d.SpecificServices,
                "uplink_elm_throughput" => d.UplinkElmThroughput,
                "downlink_elm_throughput" => d.DownlinkElmThroughput,
                "aircraft_identification_capability" => d.AircraftIdentification,
                "squitter_capability" => d.SquitterCapability,
                "surveillance_identifier_code" => d.SurveillanceIdentifierCode,
                "common_usage_gicb_capability" => d.CommonUsageGicb,
                "acas_hybrid_surveillance" => d.AcasHybridSurveillance,
                "acas_resolution_advisory" => d.AcasResolutionAdvisory,
                "acas_rtca_version" => d.AcasRtcaVersion,
                _ => d.DteStatus,
            };
            object expected = v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : v.GetInt32();
            Assert.Equal(expected, actual);
        }

        private void CheckLocal(JsonElement v)
        {
            JsonElement r = v.GetProperty("ref");
            var p = M.Position;
            var st = Cpr.DecodeLocal(p.LatCpr, p.LonCpr, p.OddFormat, p.Surface, r[0].GetDouble(), r[1].GetDouble(), out double lat, out double lon);
            Assert.Equal(CprStatus.Ok, st);
            double tol = v.GetProperty("tol_deg").GetDouble();
            Assert.Equal(v.GetProperty("lat").GetDouble(), lat, tol);
            Assert.Equal(v.GetProperty("lon").GetDouble(), lon, tol);
        }

        private static ModeSMessage DecodeHex(string hex)
        {
            Assert.True(ModeSDecoder.TryDecode(Vectors.Bytes(hex), out var m, out var e), e.ToString());
            return m;
        }

        private (PositionReport Even, PositionReport Odd, PositionReport Other) Pair(string otherHex)
        {
            var other = DecodeHex(otherHex).Position;
            var self = M.Position;
            Assert.NotEqual(self.OddFormat, other.OddFormat);
            return self.OddFormat ? (other, self, other) : (self, other, other);
        }

        private void CheckPair(JsonElement exp)
        {
            var (even, odd, other) = Pair(exp.GetProperty("pair_with").GetString()!);
            double tol = exp.TryGetProperty("tol_deg", out var t) ? t.GetDouble() : 0.001;

            if (exp.TryGetProperty("raw", out var raw))
            {
                Assert.Equal(raw.GetProperty("even_cpr_lat").GetInt32(), even.LatCpr);
                Assert.Equal(raw.GetProperty("even_cpr_lon").GetInt32(), even.LonCpr);
                Assert.Equal(raw.GetProperty("odd_cpr_lat").GetInt32(), odd.LatCpr);
                Assert.Equal(raw.GetProperty("odd_cpr_lon").GetInt32(), odd.LonCpr);
            }

            if (exp.TryGetProperty("ref", out var refEl) && exp.TryGetProperty("result_within_deg_of_ref", out var within))
            {
                // Surface pair judged against a reference (São Paulo).
                foreach (bool oddNewer in (bool[])[false, true])
                {
                    var st = Cpr.DecodeSurfaceGlobal(even.LatCpr, even.LonCpr, odd.LatCpr, odd.LonCpr, oddNewer, refEl[0].GetDouble(), refEl[1].GetDouble(), out double lat, out double lon);
                    Assert.Equal(CprStatus.Ok, st);
                    Assert.InRange(Math.Abs(lat - refEl[0].GetDouble()), 0, within.GetDouble());
                    Assert.InRange(Math.Abs(lon - refEl[1].GetDouble()), 0, within.GetDouble());
                }

                return;
            }

            if (exp.TryGetProperty("pair_result", out var pr))
            {
                // Surface pair with times: the later message's format decides which latitude is reported.
                JsonElement pref = exp.GetProperty("pair_ref");
                JsonElement times = exp.GetProperty("pair_times");
                bool otherIsNewer = times[1].GetDouble() > times[0].GetDouble();
                bool oddNewer = otherIsNewer ? other.OddFormat : M.Position.OddFormat;
                var st = Cpr.DecodeSurfaceGlobal(even.LatCpr, even.LonCpr, odd.LatCpr, odd.LonCpr, oddNewer, pref[0].GetDouble(), pref[1].GetDouble(), out double lat, out double lon);
                Assert.Equal(CprStatus.Ok, st);
                Assert.Equal(pr.GetProperty("lat").GetDouble(), lat, 0.001);
                Assert.Equal(pr.GetProperty("lon").GetDouble(), lon, 0.001);
                return;
            }

            foreach (var (name, oddNewer) in (ReadOnlySpan<(string, bool)>)[("odd_is_newer", true), ("even_is_newer", false)])
            {
                if (!exp.TryGetProperty(name, out var want))
                {
                    continue;
                }

                // Airborne pairs decode globally; a surface frame paired with an airborne one must not.
                CprStatus st = even.Surface != odd.Surface
                    ? CprStatus.BadInput
                    : Cpr.DecodeAirborneGlobal(even.LatCpr, even.LonCpr, odd.LatCpr, odd.LonCpr, oddNewer, out double lat, out double lon);
                if (want.ValueKind == JsonValueKind.Null)
                {
                    Assert.NotEqual(CprStatus.Ok, st);

                    // The raw numbers alone, decoded as if both were airborne, resolve beyond the pole and are refused too.
                    Assert.Equal(CprStatus.LatitudeOutOfRange, Cpr.DecodeAirborneGlobal(even.LatCpr, even.LonCpr, odd.LatCpr, odd.LonCpr, oddNewer, out _, out _));
                    continue;
                }

                Assert.Equal(CprStatus.Ok, st);
                Cpr.DecodeAirborneGlobal(even.LatCpr, even.LonCpr, odd.LatCpr, odd.LonCpr, oddNewer, out lat, out lon);
                Assert.Equal(want.GetProperty("lat").GetDouble(), lat, tol);
                Assert.Equal(want.GetProperty("lon").GetDouble(), lon, tol);
            }
        }

        private void CheckSurfacePairWithRefs(string otherHex, JsonElement v)
        {
            var (even, odd, _) = Pair(otherHex);
            JsonElement r = v.GetProperty("ref");
            foreach (JsonProperty p in v.EnumerateObject())
            {
                double refLat, refLon;
                bool oddNewer;
                if (p.Name is "odd_is_newer" or "even_is_newer")
                {
                    (refLat, refLon, oddNewer) = (r[0].GetDouble(), r[1].GetDouble(), p.Name == "odd_is_newer");
                }
                else if (p.Name.StartsWith("odd_newer_ref_", StringComparison.Ordinal))
                {
                    string[] parts = p.Name["odd_newer_ref_".Length..].Split('_');
                    (refLat, refLon, oddNewer) = (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture), true);
                }
                else
                {
                    Assert.Equal("ref", p.Name);
                    continue;
                }

                var st = Cpr.DecodeSurfaceGlobal(even.LatCpr, even.LonCpr, odd.LatCpr, odd.LonCpr, oddNewer, refLat, refLon, out double lat, out double lon);
                Assert.Equal(CprStatus.Ok, st);
                Assert.Equal(p.Value.GetProperty("lat").GetDouble(), lat, 0.001);
                Assert.Equal(p.Value.GetProperty("lon").GetDouble(), lon, 0.001);
            }
        }

        private static int? Int(JsonElement v) => v.ValueKind == JsonValueKind.Null ? null : (int)Math.Round(v.GetDouble());

        private static void AssertClose(JsonElement v, double? actual, double tol)
        {
            if (v.ValueKind == JsonValueKind.Null)
            {
                Assert.Null(actual);
                return;
            }

            Assert.NotNull(actual);
            Assert.Equal(v.GetDouble(), actual!.Value, tol);
        }
    }

    private static CommBRegister ToRegister(string name) =>
        Enum.Parse<CommBRegister>(name.Replace("BDS", "Bds", StringComparison.Ordinal));
}
