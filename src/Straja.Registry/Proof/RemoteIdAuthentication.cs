using System.Buffers.Binary;
using System.Text;

namespace Straja.Registry;

/// <summary>
/// The ASTM F3411 (ASD-STAN EN 4709-002) Authentication message (type 0x2) as used for unit proofs, and the
/// exact bytes a unit signs. Every broadcast message is 25 bytes: byte 0 is message type (high nibble) and
/// protocol version (low nibble); byte 1 is auth type (high nibble) and page number (low nibble). Page 0 then
/// carries the last page index (1 byte), the total auth data length (1 byte), the timestamp (uint32
/// little-endian, seconds since 2019-01-01T00:00:00Z) and the first 17 bytes of auth data; pages 1..15 carry
/// 23 bytes of auth data each.
/// </summary>
public static class RemoteIdAuthentication
{
    public const int MessageBytes = 25;
    public const byte ProtocolVersion = 2;
    public const byte AuthenticationMessageType = 0x2;
    public const byte LocationMessageType = 0x1;

    /// <summary>F3411-22a auth type 5, Specific Authentication Method: the first auth data byte names the method (as DRIP does).</summary>
    public const byte AuthTypeSpecificMethod = 0x5;

    /// <summary>
    /// The method byte that says "Straja unit proof v1". DRIP (RFC 9575) uses this first byte as its SAM Type;
    /// 0xF0 is taken from the top of the range so it cannot be mistaken for a DRIP Link/Wrapper/Manifest/Frame.
    /// </summary>
    public const byte StrajaProofMethod = 0xF0;

    public const int Page0DataBytes = 17;
    public const int PageNDataBytes = 23;
    public const int MaxPages = 16;

    /// <summary>Method byte + Ed25519 signature.</summary>
    public const int ProofDataBytes = 1 + Ed25519.SignatureBytes;

    public static readonly DateTimeOffset Epoch = new(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ReadOnlySpan<byte> Domain => "SRP1"u8;

    /// <summary>Whole seconds since 2019-01-01T00:00:00Z, truncated, as F3411 authentication timestamps count.</summary>
    public static uint ToAuthTimestamp(DateTimeOffset time)
    {
        double s = Math.Floor((time - Epoch).TotalSeconds);
        return s is >= 0 and <= uint.MaxValue
            ? (uint)s
            : throw new ArgumentOutOfRangeException(nameof(time), time, "F3411 authentication time must be between 2019-01-01 and 2155");
    }

    public static DateTimeOffset FromAuthTimestamp(uint seconds) => Epoch.AddSeconds(seconds);

    /// <summary>Null when <paramref name="message"/> is a 25-byte F3411 Location/Vector message, otherwise why not.</summary>
    public static string? LocationProblem(ReadOnlySpan<byte> message) =>
        message.Length != MessageBytes ? $"location message has {message.Length} bytes; F3411 messages have 25"
        : message[0] >> 4 != LocationMessageType ? $"message type 0x{message[0] >> 4:X} is not Location/Vector (0x1)"
        : null;

    /// <summary>
    /// The exact bytes signed: ASCII "SRP1" (domain: Straja Remote-ID proof, version 1), the Remote ID serial's
    /// length (1 byte) and its ASCII characters, the 25-byte Location/Vector message, and the auth timestamp
    /// (uint32 little-endian, as in the Authentication message).
    /// </summary>
    public static byte[] SignedBytes(string remoteIdSerial, ReadOnlySpan<byte> locationMessage, uint authTimestamp)
    {
        byte[] serial = Encoding.ASCII.GetBytes(remoteIdSerial);
        var bytes = new byte[Domain.Length + 1 + serial.Length + MessageBytes + 4];
        var w = bytes.AsSpan();
        Domain.CopyTo(w);
        w = w[Domain.Length..];
        w[0] = (byte)serial.Length;
        serial.CopyTo(w[1..]);
        w = w[(1 + serial.Length)..];
        locationMessage.CopyTo(w);
        BinaryPrimitives.WriteUInt32LittleEndian(w[MessageBytes..], authTimestamp);
        return bytes;
    }

    /// <summary>Splits auth data into Authentication message pages (page 0 first).</summary>
    public static IReadOnlyList<byte[]> ToPages(byte authType, uint authTimestamp, ReadOnlySpan<byte> authData)
    {
        if (authData.Length is 0 or > 255 || authData.Length > Page0DataBytes + (MaxPages - 1) * PageNDataBytes)
            throw new ArgumentOutOfRangeException(nameof(authData), authData.Length, "auth data must be 1-255 bytes");
        int extra = Math.Max(0, authData.Length - Page0DataBytes);
        int lastPage = (extra + PageNDataBytes - 1) / PageNDataBytes;
        var pages = new List<byte[]>(lastPage + 1);
        for (int page = 0; page <= lastPage; page++)
        {
            var m = new byte[MessageBytes];
            m[0] = (AuthenticationMessageType << 4) | ProtocolVersion;
            m[1] = (byte)((authType << 4) | page);
            ReadOnlySpan<byte> chunk;
            if (page == 0)
            {
                m[2] = (byte)lastPage;
                m[3] = (byte)authData.Length;
                BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(4), authTimestamp);
                chunk = authData[..Math.Min(Page0DataBytes, authData.Length)];
                chunk.CopyTo(m.AsSpan(8));
            }
            else
            {
                int start = Page0DataBytes + (page - 1) * PageNDataBytes;
                chunk = authData[start..Math.Min(start + PageNDataBytes, authData.Length)];
                chunk.CopyTo(m.AsSpan(2));
            }

            pages.Add(m);
        }

        return pages;
    }

    /// <summary>Reassembled auth data of one Authentication message set.</summary>
    public sealed record AuthPayload(byte AuthType, uint AuthTimestamp, byte[] Data);

    /// <summary>
    /// Puts pages (any order) back together. Returns null with <paramref name="problem"/> set when a page is
    /// missing, repeated, of the wrong type or size, or disagrees on the auth type.
    /// </summary>
    public static AuthPayload? Reassemble(IEnumerable<byte[]> pages, out string? problem)
    {
        var byIndex = new byte[]?[MaxPages];
        foreach (var p in pages)
        {
            if (p.Length != MessageBytes)
                return Fail($"an authentication page has {p.Length} bytes; F3411 messages have 25", out problem);
            if (p[0] >> 4 != AuthenticationMessageType)
                return Fail($"message type 0x{p[0] >> 4:X} is not Authentication (0x2)", out problem);
            int index = p[1] & 0x0F;
            if (byIndex[index] is not null)
                return Fail($"authentication page {index} appears twice", out problem);
            byIndex[index] = p;
        }

        if (byIndex[0] is not { } page0)
            return Fail("authentication page 0 is missing", out problem);
        byte authType = (byte)(page0[1] >> 4);
        int last = page0[2];
        int length = page0[3];
        if (last >= MaxPages)
            return Fail($"last page index {last} exceeds 15", out problem);
        if (length > Page0DataBytes + last * PageNDataBytes || length <= Page0DataBytes + (last - 1) * PageNDataBytes)
            return Fail($"auth data length {length} does not fit {last + 1} pages", out problem);
        var data = new byte[length];
        page0.AsSpan(8, Math.Min(Page0DataBytes, length)).CopyTo(data);
        if (page0.AsSpan(8 + Math.Min(Page0DataBytes, length)).ContainsAnyExcept((byte)0))
            return Fail("authentication page 0 has non-zero padding after its data", out problem);
        for (int i = 1; i <= last; i++)
        {
            if (byIndex[i] is not { } page)
                return Fail($"authentication page {i} of {last + 1} is missing", out problem);
            if (page[1] >> 4 != authType)
                return Fail($"authentication page {i} has auth type {page[1] >> 4}, page 0 has {authType}", out problem);
            int start = Page0DataBytes + (i - 1) * PageNDataBytes;
            int n = Math.Min(PageNDataBytes, length - start);
            page.AsSpan(2, n).CopyTo(data.AsSpan(start));
            // Padding after the data must be zero, so no bit of an accepted proof can be changed unnoticed.
            if (page.AsSpan(2 + n).ContainsAnyExcept((byte)0))
                return Fail($"authentication page {i} has non-zero padding after its {n} data bytes", out problem);
        }

        for (int i = last + 1; i < MaxPages; i++)
        {
            if (byIndex[i] is not null)
                return Fail($"authentication page {i} is beyond the last page index {last}", out problem);
        }

        problem = null;
        return new AuthPayload(authType, BinaryPrimitives.ReadUInt32LittleEndian(page0.AsSpan(4)), data);
    }

    private static AuthPayload? Fail(string why, out string? problem)
    {
        problem = why;
        return null;
    }
}
