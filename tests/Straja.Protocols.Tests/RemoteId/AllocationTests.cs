using System.Buffers;
using Straja.Protocols.RemoteId;

namespace Straja.Protocols.Tests.RemoteId;

/// <summary>Not a timing test: checks that the decode path allocates nothing per message.</summary>
public sealed class AllocationTests
{
    [Fact]
    public void Decoding_ten_thousand_packs_carriers_and_feed_records_allocates_nothing()
    {
        var f = RemoteIdVectors.Frame(0); // Bluetooth 5 HCI packet with a nine-message pack
        byte[] hci = Convert.FromHexString(f.GetProperty("source").GetProperty("frame_hex").GetString()!);
        byte[] pack = Convert.FromHexString(f.GetProperty("odid_payload_hex").GetString()!);
        var datagram = new byte[RemoteIdFeed.MaxRecordBytes];
        var record = new RemoteIdFeedRecord { Kind = CarrierKind.BluetoothLongRange, ReceiverId = "rx1"u8, RssiDbm = -60, ReceivedUnixUs = 1, TransmitterAddress = 1, Payload = hci };
        Assert.True(RemoteIdFeed.TryWrite(record, datagram, out int length));

        long checksum = Run(pack, datagram.AsSpan(0, length), 100); // warm up (JIT, static data)
        long before = GC.GetAllocatedBytesForCurrentThread();
        checksum += Run(pack, datagram.AsSpan(0, length), 10_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(checksum != 0);
        Assert.Equal(0, allocated);
    }

    private static long Run(byte[] pack, ReadOnlySpan<byte> datagram, int n)
    {
        long sum = 0;
        for (int i = 0; i < n; i++)
        {
            if (MessagePack.TryDecode(pack, out var p, out _, out _) == OperationStatus.Done)
            {
                sum += Sum(p);
            }

            if (RemoteIdFeed.TryRead(datagram, out var r, out _, out _) == OperationStatus.Done
                && RemoteIdCarrier.TryDecode(r.Payload, r.Kind, out var frame, out _) == OperationStatus.Done)
            {
                sum += frame.Counter + Sum(frame.Pack);
            }
        }

        return sum;
    }

    private static long Sum(in MessagePack p)
    {
        long sum = p.Count;
        foreach (var m in p.Messages)
        {
            if (m.TryGet(out LocationVector l))
            {
                sum += (long)(l.LatitudeDeg ?? 0) + (long)(l.GeodeticAltitudeM ?? 0);
            }
            else if (m.TryGet(out BasicId b))
            {
                sum += b.UasId.Text.Length;
            }
        }

        return sum;
    }
}
