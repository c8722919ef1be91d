namespace Straja;

/// <summary>
/// The text form of a Remote ID unit proof in <see cref="Detection.CooperativeProof"/>: hex of the 25-byte
/// Location/Vector message that was signed, then the Authentication pages, 25 bytes each.
/// </summary>
public static class CooperativeProofText
{
    public const int MessageBytes = 25;

    public static string Format(ReadOnlySpan<byte> locationMessage, IEnumerable<byte[]> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var all = new List<byte>(MessageBytes * 5);
        all.AddRange(locationMessage);
        foreach (var p in pages)
            all.AddRange(p);
        return Convert.ToHexString(all.ToArray());
    }

    /// <summary>False for text that is not hex of a whole number (at least two) of 25-byte messages.</summary>
    public static bool TryParse(string? text, out byte[] locationMessage, out IReadOnlyList<byte[]> pages)
    {
        locationMessage = [];
        pages = [];
        if (text is null || text.Length % (2 * MessageBytes) != 0 || text.Length < 4 * MessageBytes)
            return false;
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            return false;
        }

        locationMessage = bytes[..MessageBytes];
        var list = new List<byte[]>();
        for (int at = MessageBytes; at < bytes.Length; at += MessageBytes)
            list.Add(bytes[at..(at + MessageBytes)]);
        pages = list;
        return true;
    }
}
