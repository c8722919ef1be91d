namespace Straja.Registry;

/// <summary>Field rules shared by the service and the CSV import, so both refuse the same things with the same words.</summary>
public static class Validation
{
    /// <summary>
    /// ANSI/CTA-2063-A physical serial number as broadcast in the Remote ID Basic ID message: a 4-character
    /// manufacturer code, one length character (1–9, A–F for 1–15) and exactly that many serial characters.
    /// All characters are 0–9 or A–Z without O and I (the standard drops them as easily confused with 0 and 1).
    /// Returns null when valid, otherwise what is wrong.
    /// </summary>
    public static string? RemoteIdSerialProblem(string? serial)
    {
        if (string.IsNullOrEmpty(serial))
            return "is empty; an ANSI/CTA-2063-A serial is required";
        if (serial.Length is < 6 or > 20)
            return $"\"{serial}\" has {serial.Length} characters; an ANSI/CTA-2063-A serial has 6 to 20 (4 manufacturer code, 1 length, 1-15 serial)";
        for (int i = 0; i < serial.Length; i++)
        {
            if (!IsCtaChar(serial[i]))
                return $"\"{serial}\" has '{serial[i]}' at position {i + 1}; only 0-9 and A-Z without O and I are allowed";
        }

        char code = serial[4];
        int declared = code is >= '1' and <= '9' ? code - '0' : code is >= 'A' and <= 'F' ? code - 'A' + 10 : -1;
        if (declared < 0)
            return $"\"{serial}\" has length character '{code}'; it must be 1-9 or A-F";
        return declared == serial.Length - 5
            ? null
            : $"\"{serial}\" declares {declared} serial characters (length character '{code}') but has {serial.Length - 5}";
    }

    /// <summary>
    /// Kinds ending in "-mac" must be six colon-separated hex octets (what a Wi-Fi or Bluetooth detector reports);
    /// other kinds are free text without the CSV list separators.
    /// </summary>
    public static string? RadioIdentifierProblem(RadioIdentifier id)
    {
        if (string.IsNullOrWhiteSpace(id.Kind) || id.Kind.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-')))
            return $"kind \"{id.Kind}\" must be letters, digits and '-' (e.g. wifi-mac)";
        if (string.IsNullOrWhiteSpace(id.Value) || id.Value.Any(c => c is ';' or '=' || char.IsWhiteSpace(c)))
            return $"value \"{id.Value}\" of {id.Kind} must be non-empty without spaces, ';' or '='";
        if (id.Kind.EndsWith("-mac", StringComparison.Ordinal) && !IsMac(id.Value))
            return $"value \"{id.Value}\" of {id.Kind} is not a MAC address (six hex octets separated by ':')";
        return null;
    }

    /// <summary>ISO 3166-1 alpha-2 shape (two ASCII capitals); membership is a separate rule.</summary>
    public static bool IsCountryCode(string? code) => code is { Length: 2 } && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]);

    /// <summary>Identifiers (serials, ids) end up in CSV, URLs and audit payloads: keep them to a safe alphabet.</summary>
    public static string? IdProblem(string? id)
    {
        if (string.IsNullOrEmpty(id))
            return "is empty";
        if (id.Length > 64)
            return $"\"{id}\" is longer than 64 characters";
        return id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? null
            : $"\"{id}\" may contain only letters, digits, '-', '_' and '.'";
    }

    private static bool IsCtaChar(char c) => char.IsAsciiDigit(c) || (char.IsAsciiLetterUpper(c) && c != 'O' && c != 'I');

    private static bool IsMac(string s)
    {
        if (s.Length != 17)
            return false;
        for (int i = 0; i < s.Length; i++)
        {
            bool ok = i % 3 == 2 ? s[i] == ':' : char.IsAsciiHexDigit(s[i]);
            if (!ok)
                return false;
        }

        return true;
    }
}
