namespace Straja.Sim.Parsing;

/// <summary>
/// ANSI/CTA-2063-A serial numbers as carried by Remote ID: a 4-character manufacturer code, one
/// length character (1–9, A–F for 1–15) and that many serial characters, all from 0–9 and A–Z
/// without the easily confused O and I.
/// </summary>
internal static class RemoteIdSerial
{
    public static string? Problem(string serial)
    {
        const string rule = "must be an ANSI/CTA-2063-A serial: 4-character manufacturer code, a length character 1-F, then that many characters from 0-9 and A-Z without O and I";
        if (serial.Length < 6 || !serial.All(IsSerialChar))
        {
            return $"{rule} (got \"{serial}\")";
        }

        char lengthCode = serial[4];
        int length = lengthCode is >= '1' and <= '9' ? lengthCode - '0'
            : lengthCode is >= 'A' and <= 'F' ? lengthCode - 'A' + 10
            : -1;
        return length > 0 && serial.Length == 5 + length
            ? null
            : $"{rule}; its length character '{lengthCode}' does not match the {serial.Length - 5} characters that follow (got \"{serial}\")";
    }

    private static bool IsSerialChar(char c) => char.IsAsciiDigit(c) || (c is >= 'A' and <= 'Z' && c != 'O' && c != 'I');
}
