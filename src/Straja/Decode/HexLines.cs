namespace Straja.Cli.Decode;

/// <summary>
/// Text input of one message per line as hexadecimal. Blank lines and lines starting with '#' are skipped;
/// spaces and tabs between digits are allowed (so "8D 40 6B 90" reads like "8D406B90").
/// </summary>
internal static class HexLines
{
    /// <summary>One line: its 1-based number and either its bytes or why it is not hex.</summary>
    internal readonly record struct Line(int Number, byte[]? Bytes, string? Error);

    public static IEnumerable<Line> Read(byte[] input)
    {
        int number = 0;
        int start = 0;
        while (start < input.Length)
        {
            int end = Array.IndexOf(input, (byte)'\n', start);
            if (end < 0)
            {
                end = input.Length;
            }

            number++;
            var text = input.AsSpan(start, end - start).Trim(" \t\r"u8);
            start = end + 1;
            if (text.IsEmpty || text[0] == (byte)'#')
            {
                continue;
            }

            yield return TryParse(text, out var bytes, out var error) ? new Line(number, bytes, null) : new Line(number, null, error);
        }
    }

    public static bool TryParse(ReadOnlySpan<byte> text, out byte[] bytes, out string error)
    {
        var result = new byte[text.Length / 2];
        int n = 0;
        int high = -1;
        for (int k = 0; k < text.Length; k++)
        {
            byte c = text[k];
            if (c is (byte)' ' or (byte)'\t')
            {
                continue;
            }

            int v = Nibble(c);
            if (v < 0)
            {
                bytes = [];
                error = $"'{(char)c}' at column {k + 1} is not a hexadecimal digit";
                return false;
            }

            if (high < 0)
            {
                high = v;
            }
            else
            {
                result[n++] = (byte)((high << 4) | v);
                high = -1;
            }
        }

        if (high >= 0)
        {
            bytes = [];
            error = "odd number of hexadecimal digits";
            return false;
        }

        bytes = result[..n];
        error = "";
        return true;
    }

    private static int Nibble(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
