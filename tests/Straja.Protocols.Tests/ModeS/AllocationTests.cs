using System.Buffers;
using Straja.Protocols.ModeS;

namespace Straja.Protocols.Tests.ModeS;

/// <summary>Not a timing test: checks that the hot paths allocate nothing per message.</summary>
public sealed class AllocationTests
{
    [Fact]
    public void Decoding_ten_thousand_frames_and_beast_records_allocates_nothing()
    {
        byte[][] frames = Vectors.Root.GetProperty("messages").EnumerateArray()
            .Select(m => Convert.FromHexString(m.GetProperty("hex").GetString()!)).ToArray();
        byte[] beast = Convert.FromHexString("1a331a1a1a1a1a1a1a1a1a1a1a1aff8d485020994409940838175b284f");
        byte[] avr = "<00001A2B3C4D808D406B902015A678D4D220AA4BDA;\n"u8.ToArray();

        long checksum = Run(frames, beast, avr, 100); // warm up (JIT, static tables)
        long before = GC.GetAllocatedBytesForCurrentThread();
        checksum += Run(frames, beast, avr, 10_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(checksum != 0);
        Assert.Equal(0, allocated);
    }

    private static long Run(byte[][] frames, byte[] beast, byte[] avr, int n)
    {
        long sum = 0;
        for (int i = 0; i < n; i++)
        {
            if (ModeSDecoder.TryDecode(frames[i % frames.Length], out var m, out _))
            {
                sum += m.Icao + m.TypeCode;
                if (m.Content == MessageContent.AirbornePosition
                    && Cpr.DecodeLocal(m.Position.LatCpr, m.Position.LonCpr, m.Position.OddFormat, false, 49, 6, out double lat, out _) == CprStatus.Ok)
                {
                    sum += (long)lat;
                }
            }

            if (BeastReader.TryRead(beast, out var f, out _) == OperationStatus.Done && ModeSDecoder.TryDecode(f.Data, out m, out _))
            {
                sum += m.Df;
            }

            if (AvrReader.TryRead(avr, out f, out _) == OperationStatus.Done)
            {
                sum += f.Signal;
            }
        }

        return sum;
    }
}
