using System.Buffers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Straja.Protocols.Asterix;

namespace Straja.Protocols.Tests.Asterix;

public sealed class AsterixTimeTests
{
    private static uint Tod(int h, int m, double s) => (uint)Math.Round(((h * 3600) + (m * 60) + s) * 128);

    // 0.1 s is not a whole number of 1/128 s counts: the instant is right to within half a count.
    private static void Near(DateTimeOffset expected, DateTimeOffset actual) =>
        Assert.True(Math.Abs((actual - expected).TotalSeconds) <= 1.0 / 256, $"expected {expected:O}, got {actual:O}");

    [Fact]
    public void A_report_just_before_midnight_received_just_after_belongs_to_the_previous_day()
    {
        var received = new DateTimeOffset(2025, 3, 2, 0, 0, 0, 200, TimeSpan.Zero);
        var t = AsterixTime.Resolve(Tod(23, 59, 59.9), received);
        Near(new DateTimeOffset(2025, 3, 1, 23, 59, 59, 900, TimeSpan.Zero), t);
    }

    [Fact]
    public void A_report_just_after_midnight_received_just_before_belongs_to_the_next_day()
    {
        var received = new DateTimeOffset(2025, 3, 1, 23, 59, 59, 800, TimeSpan.Zero);
        var t = AsterixTime.Resolve(Tod(0, 0, 0.1), received);
        Near(new DateTimeOffset(2025, 3, 2, 0, 0, 0, 100, TimeSpan.Zero), t);
    }

    [Fact]
    public void A_reference_with_an_offset_is_taken_as_its_utc_instant()
    {
        var received = new DateTimeOffset(2025, 3, 2, 2, 0, 1, TimeSpan.FromHours(2)); // 00:00:01 UTC
        var t = AsterixTime.Resolve(Tod(23, 59, 58), received);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 23, 59, 58, TimeSpan.Zero), t);
    }

    [Fact]
    public void References_at_the_ends_of_the_calendar_do_not_throw()
    {
        Assert.Equal(DateTimeOffset.MinValue.AddHours(23), AsterixTime.Resolve(Tod(23, 0, 0), DateTimeOffset.MinValue));
        Assert.Equal(DateTimeOffset.MaxValue.UtcDateTime.Date, AsterixTime.Resolve(0, DateTimeOffset.MaxValue).UtcDateTime);
    }

    [Fact]
    public void The_resolved_instant_is_within_half_a_day_of_the_reference_and_has_the_given_time_of_day()
    {
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Gen.Long[0, 3650L * 86400 * 1000].Select(Gen.UInt[0, AsterixTime.CountsPerDay - 1]).Sample((ms, tod) =>
        {
            var reference = start.AddMilliseconds(ms);
            var t = AsterixTime.Resolve(tod, reference);
            Assert.True(Math.Abs((t - reference).TotalHours) <= 12);
            Assert.Equal(tod, AsterixTime.ToTimeOfDay128(t));
        });
    }
}

public sealed class AsterixJsonTests
{
    [Fact]
    public void A_cat048_record_prints_items_by_standard_name_with_their_subfields()
    {
        byte[] block = Convert.FromHexString(AsterixVectors.Vector(0).GetProperty("block_hex").GetString()!);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            Assert.Equal(OperationStatus.Done, AsterixJson.WriteRecord(w, 48, block.AsSpan(3), out int used, out _));
            Assert.Equal(block.Length - 3, used);
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        var root = doc.RootElement;
        Assert.Equal(48, root.GetProperty("category").GetInt32());
        Assert.Equal(197.68359375, root.GetProperty("I048/040").GetProperty("RHO").GetDouble());
        Assert.Equal(340.13671875, root.GetProperty("I048/040").GetProperty("THETA").GetDouble());
        Assert.Equal(27354.6015625, root.GetProperty("I048/140").GetProperty("ToD").GetDouble());
        Assert.Equal("1000", root.GetProperty("I048/070").GetProperty("MODE3A").GetString());
        Assert.Equal("3C660C", root.GetProperty("I048/220").GetProperty("ADR").GetString());
        Assert.Equal("DLH65A", root.GetProperty("I048/240").GetProperty("TID").GetString());
        Assert.True(root.GetProperty("I048/250").TryGetProperty("raw", out _)); // framed, not interpreted
    }

    [Fact]
    public void A_bad_record_writes_nothing_and_its_error_prints_offset_and_item()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            Assert.Equal(OperationStatus.InvalidData, AsterixJson.WriteRecord(w, 48, [0x90, 0x19, 0x0D, 0x12], out _, out var error));
            Assert.Equal(0, buffer.WrittenCount);
            AsterixJson.WriteError(w, error);
        }

        string text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        Assert.Equal("{\"error\":\"item runs past the end of the record\",\"offset\":3,\"item\":40}", text);
    }
}

/// <summary>Not a timing test: the decode path allocates nothing per record.</summary>
public sealed class AsterixAllocationTests
{
    [Fact]
    public void Decoding_ten_thousand_cat048_records_allocates_nothing()
    {
        byte[][] blocks = [.. AsterixVectors.Blocks().Where(b => b[0] == 48)];
        long sum = Run(blocks, 100); // warm-up: JIT and static tables
        long before = GC.GetAllocatedBytesForCurrentThread();
        sum += Run(blocks, 10_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(sum > 0);
        Assert.Equal(0, allocated);
    }

    private static long Run(byte[][] blocks, int n)
    {
        long sum = 0;
        for (int i = 0; i < n; i++)
        {
            var reader = new AsterixBlockReader(blocks[i % blocks.Length]);
            while (reader.TryReadBlock(out var block, out _))
            {
                if (Cat048.TryDecode(block.Records, out var r, out int used, out _) == OperationStatus.Done)
                {
                    sum += used + (r.TrackNumber ?? 0) + (long)(r.MeasuredPosition?.RhoNm ?? 0);
                }
            }
        }

        return sum;
    }
}
