using System.Buffers;
using CsCheck;
using Straja.Protocols.Asterix;

namespace Straja.Protocols.Tests.Asterix;

public sealed class RoundTripTests
{
    private delegate bool Writer<T>(ref AsterixWriter w, in T record);

    private delegate OperationStatus Reader<T>(ReadOnlySpan<byte> data, out T record, out int consumed, out AsterixDecodeError error);

    /// <summary>Encodes 1–4 random records into one block, reads the block back and compares record by record.</summary>
    private static void RoundTrip<T>(byte category, Func<Random, T> make, Writer<T> write, Reader<T> read)
        where T : struct
    {
        Gen.Int.Sample(seed =>
        {
            var rnd = new Random(seed);
            var records = Enumerable.Range(0, rnd.Next(1, 5)).Select(_ => make(rnd)).ToArray();
            var buffer = new byte[2048];
            var w = new AsterixWriter(buffer);
            w.BeginBlock(category);
            foreach (var rec in records)
            {
                Assert.True(write(ref w, rec));
            }

            int n = w.EndBlock();
            Assert.True(n > 3);
            var blocks = new AsterixBlockReader(buffer.AsSpan(0, n));
            Assert.True(blocks.TryReadBlock(out var block, out _));
            Assert.Equal(category, block.Category);
            var data = block.Records;
            foreach (var expected in records)
            {
                Assert.Equal(OperationStatus.Done, read(data, out var actual, out int used, out var error));
                Assert.False(error.IsError);
                Assert.Equal(expected, actual);
                data = data[used..];
            }

            Assert.True(data.IsEmpty);
        }, iter: 3000);
    }

    [Fact]
    public void Cat048_records_survive_encode_then_decode() => RoundTrip<Cat048Record>(48, RandomRecords.Cat048, Cat048.Write, Cat048.TryDecode);

    [Fact]
    public void Cat034_records_survive_encode_then_decode() => RoundTrip<Cat034Record>(34, RandomRecords.Cat034, Cat034.Write, Cat034.TryDecode);

    [Fact]
    public void Cat062_records_survive_encode_then_decode() => RoundTrip<Cat062Record>(62, RandomRecords.Cat062, Cat062.Write, Cat062.TryDecode);

    [Fact]
    public void Cat021_records_survive_encode_then_decode() => RoundTrip<Cat021Record>(21, RandomRecords.Cat021, Cat021.Write, Cat021.TryDecode);

    [Fact]
    public void Cat015_records_survive_encode_then_decode() => RoundTrip<Cat015Record>(15, RandomRecords.Cat015, Cat015.Write, Cat015.TryDecode);

    [Fact]
    public void Off_grid_values_come_back_within_half_an_lsb()
    {
        Gen.Double[0, 255.99].Select(Gen.Double[0, 359.99]).Sample((rho, theta) =>
        {
            var buffer = new byte[64];
            var w = new AsterixWriter(buffer);
            w.BeginBlock(48);
            Cat048.Write(ref w, new Cat048Record { MeasuredPosition = new PolarPosition(rho, theta) });
            int n = w.EndBlock();
            Assert.Equal(OperationStatus.Done, Cat048.TryDecode(buffer.AsSpan(3, n - 3), out var r, out _, out _));
            Assert.InRange(r.MeasuredPosition!.Value.RhoNm - rho, -0.5 / 256, 0.5 / 256);
            double dTheta = Math.Abs(r.MeasuredPosition.Value.ThetaDeg - theta);
            Assert.True(Math.Min(dTheta, 360 - dTheta) <= 0.5 * 360 / 65536);
        });
    }

    [Fact]
    public void A_buffer_too_small_fails_the_writer_instead_of_throwing()
    {
        var rnd = new Random(7);
        for (int size = 0; size < 40; size++)
        {
            var buffer = new byte[size];
            var w = new AsterixWriter(buffer);
            w.BeginBlock(48);
            Cat048.Write(ref w, RandomRecords.Cat048(rnd) with { AircraftId = default(Straja.Protocols.ModeS.Callsign), Source = new DataSource(1, 2) });
            bool ok = w.EndBlock() > 0;
            Assert.Equal(!ok, w.Failed);
        }
    }

    [Fact]
    public void A_record_with_no_item_is_refused()
    {
        var buffer = new byte[16];
        var w = new AsterixWriter(buffer);
        w.BeginBlock(34);
        Assert.False(Cat034.Write(ref w, default));
        Assert.Equal(-1, w.EndBlock());
    }

    [Fact]
    public void The_fspec_is_only_as_long_as_the_highest_item_needs()
    {
        var buffer = new byte[16];
        var w = new AsterixWriter(buffer);
        w.BeginBlock(34);
        Cat034.Write(ref w, new Cat034Record { Source = new DataSource(25, 13), MessageType = Cat034MessageType.NorthMarker, TimeOfDay128 = 0x356DFA });
        int n = w.EndBlock();
        Assert.Equal("22000AE0190D01356DFA", Convert.ToHexString(buffer, 0, n));
    }
}
