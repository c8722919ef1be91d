using System.Text.Json;

namespace Straja.Cli.Decode;

/// <summary>How the input of <c>straja decode</c> is cut into messages.</summary>
internal enum InputFormat
{
    /// <summary>One message per line as hexadecimal.</summary>
    Hex,
    /// <summary>A byte stream in the protocol's own framing.</summary>
    Raw,
    /// <summary>A libpcap capture of UDP datagrams or TCP streams.</summary>
    Pcap,
}

/// <summary>Which transport a protocol rides in a capture: each datagram is a unit, or each TCP flow is a stream.</summary>
internal enum Transport
{
    Udp,
    Tcp,
}

/// <summary>
/// One protocol as the <c>decode</c> and <c>encode</c> verbs see it: a thin adapter from the pure codec in
/// Straja.Protocols to JSON lines. A new protocol is one subclass and one line in <see cref="WireProtocols"/>.
/// An instance lives for one run, so it may keep state across messages (Mode S pairs CPR frames).
/// </summary>
internal abstract class WireProtocol
{
    public abstract string Name { get; }

    /// <summary>One line for the usage text.</summary>
    public abstract string Summary { get; }

    /// <summary>The formats accepted; the first is the default.</summary>
    public abstract IReadOnlyList<InputFormat> Formats { get; }

    public virtual Transport Transport => Transport.Tcp;

    /// <summary>
    /// Decodes one self-contained unit: a hex line, or one UDP payload of a datagram protocol (and, for those,
    /// a whole raw file). Every message and error goes to <paramref name="output"/>; nothing throws on bad bytes.
    /// </summary>
    public abstract void DecodeUnit(ReadOnlySpan<byte> unit, JsonLines output);

    /// <summary>
    /// Decodes the frames at the start of a stream buffer and returns how many bytes were used; the caller keeps
    /// the rest and calls again with more. <paramref name="final"/>: no more bytes will come, so a partial frame is
    /// an error. <paramref name="lost"/>: the framing cannot be recovered (e.g. an absurd length prefix), so the
    /// caller drops the rest of this stream. Datagram protocols treat the buffer as one unit.
    /// </summary>
    public virtual int DecodeStream(ReadOnlySpan<byte> buffer, bool final, JsonLines output, out bool lost)
    {
        lost = false;
        if (!final)
        {
            return 0;
        }

        DecodeUnit(buffer, output);
        return buffer.Length;
    }

    /// <summary>
    /// Builds one message from a JSON object in the shape <c>decode</c> prints. Returns false with the field at
    /// fault and why; the bytes are what a hex line of this protocol holds.
    /// </summary>
    public virtual bool TryEncode(JsonElement json, out byte[] message, out string field, out string error)
    {
        message = [];
        field = "(protocol)";
        error = $"encoding {Name} is not supported";
        return false;
    }

    /// <summary>True if <see cref="TryEncode"/> is implemented.</summary>
    public virtual bool CanEncode => false;

    /// <summary>The encoded bytes are text lines of their own (AVR) and are written as they are, not as hex.</summary>
    public virtual bool EncodesText => false;
}

/// <summary>The protocols the verbs know, by name.</summary>
internal static class WireProtocols
{
    private static readonly Func<WireProtocol>[] Factories =
    [
        () => new ModeSProtocol(),
        () => new BeastProtocol(),
        () => new AvrProtocol(),
        () => new AsterixProtocol(),
        () => new SapientProtocol(),
        () => new RemoteIdProtocol(),
        () => new CotProtocol(),
    ];

    /// <summary>A fresh instance (protocols keep per-run state), or null for an unknown name.</summary>
    public static WireProtocol? Create(string name) =>
        Factories.Select(f => f()).FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The usage lines: name, formats and summary of each protocol.</summary>
    public static string Describe(bool encodableOnly)
    {
        var lines = Factories.Select(f => f())
            .Where(p => !encodableOnly || p.CanEncode)
            .Select(p => encodableOnly
                ? $"  {p.Name,-9} {p.Summary}"
                : $"  {p.Name,-9} {string.Join('|', p.Formats.Select(FormatName)),-15} {p.Summary}");
        return string.Join('\n', lines);
    }

    public static string FormatName(InputFormat f) => f.ToString().ToLowerInvariant();
}
