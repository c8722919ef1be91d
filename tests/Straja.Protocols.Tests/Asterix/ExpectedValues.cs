using System.Globalization;
using System.Text.RegularExpressions;
using Straja.Protocols.Asterix;

namespace Straja.Protocols.Tests.Asterix;

/// <summary>
/// Maps a vector's field names (three upstream spellings: CroatiaControl JSON and text, jASTERIX) to the typed
/// value this library decodes for that field. Names are compared lower-case, letters and digits only.
/// A field that is not mapped is an item this library only frames; the golden test then checks the item's presence (and bytes, where given).
/// </summary>
internal static partial class ExpectedValues
{
    public static string Norm(string s) => NonAlnum().Replace(s.ToLowerInvariant(), string.Empty);

    /// <summary>The decoded value for (item, field), or null when the field is not one this library types.</summary>
    public static object? Lookup(DecodedRecord rec, int item, string field) => rec.Typed switch
    {
        Cat048Record r => Cat048(r, item, Norm(field)),
        Cat034Record r => Cat034(r, item, Norm(field)),
        Cat062Record r => Cat062(r, item, Norm(field)),
        Cat021Record r => Cat021(r, item, Norm(field)),
        _ => null,
    };

    private static double B(bool b) => b ? 1 : 0;

    private static object? Source(DataSource? s, string f) => f switch
    {
        "sac" or "systemareacode" => (double?)s?.Sac,
        "sic" or "systemidentificationcode" => s?.Sic,
        _ => null,
    };

    private static object? Cat048(Cat048Record r, int item, string f) => item switch
    {
        10 => Source(r.Source, f),
        140 when f is "tod" or "timeofday" => r.TimeOfDay128 / 128.0,
        20 => f switch
        {
            "typ" => (double?)r.Descriptor?.Typ,
            "sim" => B(r.Descriptor!.Value.Sim),
            "rdp" => B(r.Descriptor!.Value.Rdp),
            "spi" => B(r.Descriptor!.Value.Spi),
            "rab" => B(r.Descriptor!.Value.Rab),
            "err" => B(r.Descriptor!.Value.Err),
            "mi" => B(r.Descriptor!.Value.Mi),
            _ => null,
        },
        40 => f switch
        {
            "rho" => r.MeasuredPosition?.RhoNm,
            "theta" => r.MeasuredPosition?.ThetaDeg,
            _ => null,
        },
        70 => f switch
        {
            "mode3areplycode" or "mode3a" or "mode3areply" => (double?)r.Mode3A?.Octal,
            "v" => B(r.Mode3A!.Value.NotValidated),
            "g" => B(r.Mode3A!.Value.Garbled),
            "l" => B(r.Mode3A!.Value.Smoothed),
            _ => null,
        },
        90 => f switch
        {
            "fl" or "flightlevel" => r.FlightLevel?.Fl,
            "v" => B(r.FlightLevel!.Value.NotValidated),
            "g" => B(r.FlightLevel!.Value.Garbled),
            _ => null,
        },
        130 => f switch
        {
            "ssrplotrunlength" => r.PlotCharacteristics?.SsrRunLengthDeg,
            "ssrnumberofreceivedreply" => r.PlotCharacteristics?.SsrReplies,
            "ssrreplyamplitude" or "samvalue" => r.PlotCharacteristics?.SsrAmplitudeDbm,
            _ => null,
        },
        220 when f is "acaddr" or "aircraftaddress" => r.AircraftAddress,
        240 when f is "tid" or "aircraftidentification" or "characters18codedon6bitseachdefiningtargetidentification" => r.AircraftId?.ToString(),
        161 when f is "tn" or "tracknumber" => (double?)r.TrackNumber,
        42 => f switch
        {
            "xcomponent" => r.CalculatedPosition?.XNm,
            "ycomponent" => r.CalculatedPosition?.YNm,
            _ => null,
        },
        200 => f switch
        {
            "cgs" or "calculatedgroundspeed" => r.Velocity?.GroundSpeedKt,
            "chdg" or "calculatedheading" => r.Velocity?.HeadingDeg,
            _ => null,
        },
        170 => f switch
        {
            "cnf" => B(r.TrackStatus!.Value.Cnf),
            "rad" => r.TrackStatus?.Rad,
            "dou" => B(r.TrackStatus!.Value.Dou),
            "mah" => B(r.TrackStatus!.Value.Mah),
            "cdm" => r.TrackStatus?.Cdm,
            "tre" => B(r.TrackStatus!.Value.Tre),
            "gho" => B(r.TrackStatus!.Value.Gho),
            "sup" => B(r.TrackStatus!.Value.Sup),
            "tcc" => B(r.TrackStatus!.Value.Tcc),
            _ => null,
        },
        110 when f is "3dheight" => r.Height3DFt,
        _ => null,
    };

    private static object? Cat034(Cat034Record r, int item, string f) => item switch
    {
        10 => Source(r.Source, f),
        0 when f is "messagetype" => (double?)(int?)r.MessageType,
        30 when f is "timeofday" => r.TimeOfDay128 / 128.0,
        20 when f is "sectornumber" or "antennaazimuth" => r.SectorDeg,
        41 when f is "antennarotationspeed" => r.AntennaRotationPeriodS,
        50 => f switch
        {
            "comnogo" => Bit(r.SystemConfiguration?.Com, 8, 1),
            "comrdpc" => Bit(r.SystemConfiguration?.Com, 7, 1),
            "comrdpr" => Bit(r.SystemConfiguration?.Com, 6, 1),
            "comovlrdp" => Bit(r.SystemConfiguration?.Com, 5, 1),
            "comovlxmt" => Bit(r.SystemConfiguration?.Com, 4, 1),
            "commsc" => Bit(r.SystemConfiguration?.Com, 3, 1),
            "comtsv" => Bit(r.SystemConfiguration?.Com, 2, 1),
            "psrant" => Bit(r.SystemConfiguration?.Psr, 8, 1),
            "psrchab" => Bit(r.SystemConfiguration?.Psr, 7, 2),
            "psrovl" => Bit(r.SystemConfiguration?.Psr, 5, 1),
            "psrmsc" => Bit(r.SystemConfiguration?.Psr, 4, 1),
            "mdsant" => Bit(r.SystemConfiguration?.Mds, 16, 1),
            "mdschab" => Bit(r.SystemConfiguration?.Mds, 15, 2),
            "mdsovlsur" => Bit(r.SystemConfiguration?.Mds, 13, 1),
            "mdsmsc" => Bit(r.SystemConfiguration?.Mds, 12, 1),
            "mdsscf" => Bit(r.SystemConfiguration?.Mds, 11, 1),
            "mdsdlf" => Bit(r.SystemConfiguration?.Mds, 10, 1),
            "mdsovlscf" => Bit(r.SystemConfiguration?.Mds, 9, 1),
            "mdsovldlf" => Bit(r.SystemConfiguration?.Mds, 8, 1),
            _ => null,
        },
        60 => f switch
        {
            "comredrdp" => Bit(r.ProcessingMode?.Com, 7, 3),
            "comredxmt" => Bit(r.ProcessingMode?.Com, 4, 3),
            "psrpol" => Bit(r.ProcessingMode?.Psr, 8, 1),
            "psrredrad" => Bit(r.ProcessingMode?.Psr, 7, 3),
            "psrstc" => Bit(r.ProcessingMode?.Psr, 4, 2),
            "mdsredrad" => Bit(r.ProcessingMode?.Mds, 8, 3),
            "mdsclu" => Bit(r.ProcessingMode?.Mds, 5, 1),
            _ => null,
        },
        _ => null,
    };

    private static readonly string[] Cat062StatusBits =
    [
        "mon spi mrh src:3 cnf", "sim tse tsb fpc aff stp kos", "ama md4 me mi md5", "cst psr ssr mds ads suc aac",
    ];

    private static object? Cat062(Cat062Record r, int item, string f) => item switch
    {
        10 => Source(r.Source, f),
        15 when f is "serviceidentification" or "sid" => (double?)r.ServiceId,
        70 when f is "timeoftrackinformation" or "tot" => r.TimeOfTrack128 / 128.0,
        105 => f switch
        {
            "latitude" or "lat" => r.Position?.LatDeg,
            "longitude" or "lon" => r.Position?.LonDeg,
            _ => null,
        },
        100 => f switch
        {
            "x" => r.CartesianPosition?.XM,
            "y" => r.CartesianPosition?.YM,
            _ => null,
        },
        185 => f switch
        {
            "vx" => r.Velocity?.VxMps,
            "vy" => r.Velocity?.VyMps,
            _ => null,
        },
        60 => f switch
        {
            "mode3areply" or "mode3a" => (double?)r.Mode3A?.Octal,
            "ch" => B(r.Mode3A!.Value.Smoothed),
            "v" => B(r.Mode3A!.Value.NotValidated),
            "g" => B(r.Mode3A!.Value.Garbled),
            _ => null,
        },
        40 when f is "tracknumber" or "trkn" => (double?)r.TrackNumber,
        80 => Named(r.TrackStatus, Cat062StatusBits, f),
        136 when f is "measuredflightlevel" => r.MeasuredFl,
        136 when f is "mfl" => r.MeasuredFl * 100, // CroatiaControl prints this item in feet

        130 when f is "altitude" or "alt" => r.GeometricAltitudeFt,
        135 => f switch
        {
            // jASTERIX and CroatiaControl print this item in feet (FL × 100).
            "calculatedtrackbarometricaltitude" or "ctba" => r.BarometricAltitudeFl * 100,
            "qnh" => B(r.BarometricQnhCorrected == true),
            _ => null,
        },
        380 => f switch
        {
            "adrtargetaddress" or "adr" => r.TargetAddress,
            "idtargetidentification" or "acid" => r.TargetId?.ToString(),
            _ => null,
        },
        _ => null,
    };

    private static readonly string[] Cat021DescriptorBits = ["atp:3 arc:2 rc rab", "dcr gbs sim tst saa cl:2"];

    private static object? Cat021(Cat021Record r, int item, string f) => item switch
    {
        10 => Source(r.Source, f),
        15 when f is "serviceidentification" => (double?)r.ServiceId,
        16 when f is "rp" => r.ReportPeriodS,
        20 when f is "ecat" => r.EmitterCategory,
        40 => Named(r.Descriptor, Cat021DescriptorBits, f),
        70 when f is "mode3a" => (double?)r.Mode3A?.Octal,
        80 when f is "targetaddress" => r.TargetAddress,
        90 => f switch
        {
            "nucrornacv" => (double?)r.QualityIndicators?.Field(0, 8, 3),
            "nucpornic" => r.QualityIndicators?.Field(0, 5, 4),
            _ => null,
        },
        130 => f switch
        {
            "latitude" => r.Position?.LatDeg,
            "longitude" => r.Position?.LonDeg,
            _ => null,
        },
        140 when f is "geometricheight" => r.GeometricHeightFt,
        145 when f is "flightlevel" => r.FlightLevel,
        161 when f is "tracknumber" => (double?)r.TrackNumber,
        170 when f is "targetidentification" => r.TargetId?.ToString(),
        200 => f switch
        {
            "icf" => (double?)(r.TargetStatus >> 7),
            "lnav" => (r.TargetStatus >> 6) & 1,
            "ps" => (r.TargetStatus >> 2) & 7,
            "ss" => r.TargetStatus & 3,
            "targetstatus" => r.TargetStatus,
            _ => null,
        },
        210 => f switch
        {
            "vns" => (double?)((r.MopsVersion >> 6) & 1),
            "vn" => (r.MopsVersion >> 3) & 7,
            "ltt" => r.MopsVersion & 7,
            _ => null,
        },
        _ => null,
    };

    private static double? Bit(int? value, int highBit, int width) => value is { } v ? (v >> (highBit - width)) & ((1 << width) - 1) : null;

    /// <summary>A named field of an extended item; "name:width", MSB first, one string per octet.</summary>
    private static double? Named(ExtendedBits? bits, string[] octets, string f)
    {
        if (bits is not { } x)
        {
            return null;
        }

        for (int o = 0; o < octets.Length; o++)
        {
            int bit = 8;
            foreach (string field in octets[o].Split(' '))
            {
                string[] parts = field.Split(':');
                int width = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 1;
                if (parts[0] == f)
                {
                    return x.Field(o, bit, width);
                }

                bit -= width;
            }
        }

        return null;
    }

    [GeneratedRegex("[^a-z0-9]")]
    private static partial Regex NonAlnum();
}
