using System.Buffers;

namespace Straja.Protocols.Cot;

/// <summary>
/// CoT times: ISO-8601 UTC, written as <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> (milliseconds, as TAK clients send).
/// Read with any number of fraction digits (kept to 100 ns) and a <c>Z</c> or <c>±hh:mm</c> zone; the
/// TAK protocol carries milliseconds since 1970-01-01Z.
/// </summary>
internal static class CotTime
{
    public const int Length = 24;

    public static void Write(IBufferWriter<byte> output, DateTimeOffset value)
    {
        DateTime t = value.UtcDateTime;
        Span<byte> s = output.GetSpan(Length);
        Digits(s[..4], t.Year);
        s[4] = (byte)'-';
        Digits(s.Slice(5, 2), t.Month);
        s[7] = (byte)'-';
        Digits(s.Slice(8, 2), t.Day);
        s[10] = (byte)'T';
        Digits(s.Slice(11, 2), t.Hour);
        s[13] = (byte)':';
        Digits(s.Slice(14, 2), t.Minute);
        s[16] = (byte)':';
        Digits(s.Slice(17, 2), t.Second);
        s[19] = (byte)'.';
        Digits(s.Slice(20, 3), t.Millisecond);
        s[23] = (byte)'Z';
        output.Advance(Length);
    }

    private static void Digits(Span<byte> into, int value)
    {
        for (int i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    public static bool TryParse(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':'
            || !TryDigits(s[..4], out int year) || !TryDigits(s.Slice(5, 2), out int month) || !TryDigits(s.Slice(8, 2), out int day)
            || !TryDigits(s.Slice(11, 2), out int hour) || !TryDigits(s.Slice(14, 2), out int minute) || !TryDigits(s.Slice(17, 2), out int second))
        {
            return false;
        }

        int i = 19;
        long fractionTicks = 0;
        if (s[i] == '.')
        {
            i++;
            long scale = TimeSpan.TicksPerSecond / 10;
            int start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                fractionTicks += (s[i] - '0') * scale;
                scale /= 10;
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        TimeSpan offset;
        ReadOnlySpan<char> zone = s[i..];
        if (zone is "Z" or "z")
        {
            offset = TimeSpan.Zero;
        }
        else if (zone.Length == 6 && zone[0] is '+' or '-' && zone[3] == ':'
            && TryDigits(zone.Slice(1, 2), out int zh) && TryDigits(zone.Slice(4, 2), out int zm) && zh <= 14 && zm < 60)
        {
            offset = new TimeSpan(zh, zm, 0) * (zone[0] == '-' ? -1 : 1);
        }
        else
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        try
        {
            value = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(fractionTicks).ToUniversalTime();
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            // Only the first and last day of the calendar can overflow once the zone is applied.
            return false;
        }
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    public static ulong ToUnixMilliseconds(DateTimeOffset t) => (ulong)Math.Max(0, t.ToUnixTimeMilliseconds());

    public static bool TryFromUnixMilliseconds(ulong ms, out DateTimeOffset value)
    {
        const ulong Max = 253402300799999UL; // 9999-12-31T23:59:59.999Z
        value = ms <= Max ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms) : default;
        return ms <= Max;
    }
}
