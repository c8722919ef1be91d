using System.Buffers;
using CsCheck;
using Straja.Protocols.Cot;

namespace Straja.Protocols.Tests.Cot;

public sealed class PropertyTests
{
    // Any Unicode text, including characters XML cannot carry, to exercise escaping and replacement.
    private static readonly Gen<string> Text = Gen.OneOf(Gen.String, Gen.String[Gen.Char[' ', '~'], 0, 30], Gen.Const("a'b\"c<d>&e\tf\ng\rh"));

    private static readonly Gen<CotTrack> Tracks =
        Gen.Select(
            Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 20], Gen.Double[-90, 90], Gen.Double[-180, 180], Gen.Double[-500, 20_000],
                Gen.Double[0, 5000], Gen.Double[0, 5000]),
            Gen.Select(Gen.Double[0, 359.999], Gen.Double[0, 300], Gen.Enum<CotIdentity>(), Gen.Enum<TargetClass>(),
                Gen.Long[0, 4_000_000_000_000], Gen.Int[1, 600]),
            Gen.Select(Text.Null(), Text.Null()))
        .Select((a, b, c) => new CotTrack(a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, a.Item6, b.Item1, b.Item2, b.Item3, b.Item4,
            DateTimeOffset.FromUnixTimeMilliseconds(b.Item5))
        {
            StaleAfter = TimeSpan.FromSeconds(b.Item6),
            Callsign = c.Item1,
            Remarks = c.Item2,
        });

    /// <summary>What XML 1.0 can carry of a string: the writer replaces the rest with U+FFFD.</summary>
    private static string? XmlSafe(string? s)
    {
        if (s is null)
        {
            return null;
        }

        var b = new System.Text.StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            bool pair = char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]);
            if (pair)
            {
                b.Append(c).Append(s[++i]);
            }
            else if (char.IsSurrogate(c) || (c < 0x20 && c is not ('\t' or '\n' or '\r')) || c is '\uFFFE' or '\uFFFF')
            {
                b.Append('\uFFFD');
            }
            else
            {
                b.Append(c);
            }
        }

        return b.ToString();
    }

    private static CotEvent Expected(CotTrack t) =>
        CotMapping.ToEvent(t with { Callsign = XmlSafe(string.IsNullOrEmpty(t.Callsign) ? t.Id : t.Callsign), Remarks = XmlSafe(t.Remarks) });

    [Fact]
    public void Track_to_xml_and_back_is_the_same_event()
    {
        Tracks.Sample(t =>
        {
            Assert.True(CotXml.TryDecode(CotXml.Encode(CotMapping.ToEvent(t)), out CotEvent? back, out CotDecodeError error), error.ToString());
            Assert.Equal(Expected(t), back);
        });
    }

    [Fact]
    public void Track_to_tak_mesh_and_stream_and_back_is_the_same_event()
    {
        Tracks.Sample(t =>
        {
            CotEvent ev = CotMapping.ToEvent(t);
            Assert.True(TakProtocol.TryReadMesh(TakProtocol.EncodeMesh(ev), out CotEvent? mesh, out CotDecodeError error), error.ToString());
            byte[] stream = TakProtocol.EncodeStream(ev);
            Assert.Equal(OperationStatus.Done, TakProtocol.TryReadStream(stream, TakProtocol.DefaultMaxMessageBytes, out CotEvent? framed, out int consumed, out _));

            Assert.Equal(Expected(t), mesh);
            Assert.Equal(mesh, framed);
            Assert.Equal(stream.Length, consumed);
        });
    }

    /// <summary>A valid message cut short anywhere, with up to eight bytes overwritten.</summary>
    private static Gen<byte[]> Mutations(byte[] seed) =>
        Gen.Select(Gen.Int[0, seed.Length - 1].Array[1, 8], Gen.Byte.Array[8], Gen.Int[0, seed.Length]).Select((positions, values, cut) =>
        {
            byte[] bytes = seed[..cut];
            for (int i = 0; i < positions.Length; i++)
            {
                if (positions[i] < bytes.Length)
                {
                    bytes[positions[i]] = values[i];
                }
            }

            return bytes;
        });

    [Fact]
    public void Xml_decoder_never_throws_on_mutated_events()
    {
        Mutations(CotVectors.Utf8(CotVectors.Upstream, "cot_xml")).Sample(bytes =>
        {
            bool ok = CotXml.TryDecode(bytes, out CotEvent? ev, out CotDecodeError error);
            Assert.Equal(ok, ev is not null);
            Assert.Equal(ok, error.Reason == CotDecodeErrorReason.None);
        });
    }

    [Fact]
    public void Tak_decoders_never_throw_on_mutated_frames()
    {
        Mutations(CotVectors.Hex(CotVectors.Upstream, "tak_v1_stream_hex")).Sample(bytes =>
        {
            TakProtocol.TryReadStream(bytes, TakProtocol.DefaultMaxMessageBytes, out _, out int consumed, out _);
            Assert.InRange(consumed, 0, bytes.Length);
            TakProtocol.TryReadMesh(bytes, out _, out _);
            TakProtocol.TryDecodeMessage(bytes, out _, out _);
        });
    }

    [Fact]
    public void Writing_an_event_into_a_reused_buffer_allocates_nothing()
    {
        CotEvent ev = CotMapping.ToEvent(new CotTrack("CUAS-7", 45.2686, 28.4597, 320, 150, 50, 250, 44, CotIdentity.Hostile, TargetClass.FixedWing,
            DateTimeOffset.FromUnixTimeMilliseconds(1_748_779_200_000)) { Remarks = "fixed-wing UAV, engine acoustic & radar" });
        var buffer = new ArrayBufferWriter<byte>(4096);
        CotXml.Write(buffer, ev);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            buffer.ResetWrittenCount();
            CotXml.Write(buffer, ev);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
