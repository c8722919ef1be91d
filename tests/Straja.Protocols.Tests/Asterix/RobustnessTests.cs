using System.Buffers;
using System.Text.Json;
using CsCheck;
using Straja.Protocols.Asterix;

namespace Straja.Protocols.Tests.Asterix;

/// <summary>Hostile bytes: the block reader, every record decoder and the JSON writer must neither throw nor read out of bounds.</summary>
public sealed class RobustnessTests
{
    private static readonly byte[] Categories = [48, 34, 62, 21, 15, 16, 205, 65, 1];

    /// <summary>Everything a listener would do with a datagram; returns how many records decoded (so nothing is optimised away).</summary>
    private static int DecodeEverything(byte[] datagram)
    {
        int records = 0;
        var buffer = new ArrayBufferWriter<byte>();
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        var blocks = new AsterixBlockReader(datagram);
        while (blocks.TryReadBlock(out var block, out var error))
        {
            var data = block.Records;
            while (!data.IsEmpty)
            {
                int used;
                AsterixDecodeError e;
                OperationStatus status = block.Category switch
                {
                    48 => Cat048.TryDecode(data, out _, out used, out e),
                    34 => Cat034.TryDecode(data, out _, out used, out e),
                    62 => Cat062.TryDecode(data, out _, out used, out e),
                    21 => Cat021.TryDecode(data, out _, out used, out e),
                    15 => Cat015.TryDecode(data, out _, out used, out e),
                    _ => AsterixJson.WriteRecord(json, block.Category, data, out used, out e),
                };
                if (status == OperationStatus.Done)
                {
                    Assert.InRange(used, 1, data.Length);
                    Assert.Equal(OperationStatus.Done, AsterixJson.WriteRecord(json, block.Category, data, out int jsonUsed, out _));
                    Assert.Equal(used, jsonUsed);
                    records++;
                    data = data[used..];
                }
                else
                {
                    Assert.True(e.IsError);
                    Assert.InRange(e.Offset, 0, data.Length);
                    AsterixJson.WriteError(json, e);
                    break; // the rest of the block cannot be framed: go on with the next block
                }
            }

            Assert.False(error.IsError);
        }

        return records;
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        Gen.Byte.Array[0, 300].Select(Gen.Int[0, Categories.Length - 1]).Sample((bytes, c) =>
        {
            if (bytes.Length >= 3)
            {
                // Give most datagrams a plausible header so the record decoders, not only the framing, see them.
                bytes[0] = Categories[c];
                int len = Math.Min(bytes.Length, 3 + (bytes[1] % 200));
                bytes[1] = (byte)(len >> 8);
                bytes[2] = (byte)len;
            }

            DecodeEverything(bytes);
        }, iter: 30_000);
    }

    private static byte[][] RealDatagrams()
    {
        var list = AsterixVectors.Blocks().ToList();
        var rnd = new Random(11);
        foreach (byte cat in new byte[] { 48, 34, 62, 21, 15 })
        {
            var buffer = new byte[1024];
            var w = new AsterixWriter(buffer);
            w.BeginBlock(cat);
            for (int i = 0; i < 3; i++)
            {
                _ = cat switch
                {
                    48 => Cat048.Write(ref w, RandomRecords.Cat048(rnd)),
                    34 => Cat034.Write(ref w, RandomRecords.Cat034(rnd)),
                    62 => Cat062.Write(ref w, RandomRecords.Cat062(rnd)),
                    21 => Cat021.Write(ref w, RandomRecords.Cat021(rnd)),
                    _ => Cat015.Write(ref w, RandomRecords.Cat015(rnd)),
                };
            }

            list.Add(buffer[..w.EndBlock()]);
        }

        return [.. list];
    }

    [Fact]
    public void Real_blocks_decode_completely_before_mutation()
    {
        foreach (var d in RealDatagrams())
        {
            Assert.True(DecodeEverything(d) >= 0);
        }
    }

    [Fact]
    public void Mutated_real_blocks_never_throw()
    {
        var datagrams = RealDatagrams();
        Gen.Int[0, datagrams.Length - 1].Select(Gen.Int[0, 3], Gen.Int, Gen.Int[1, 8]).Sample((which, kind, pick, count) =>
        {
            byte[] d = (byte[])datagrams[which].Clone();
            var rnd = new Random(pick);
            switch (kind)
            {
                case 0: // bit flips
                    for (int i = 0; i < count; i++)
                    {
                        d[rnd.Next(d.Length)] ^= (byte)(1 << rnd.Next(8));
                    }

                    break;
                case 1: // truncation, keeping LEN (so it points past the end) or fixing it
                    d = d[..rnd.Next(d.Length)];
                    if (count % 2 == 0 && d.Length >= 3)
                    {
                        d[1] = (byte)(d.Length >> 8);
                        d[2] = (byte)d.Length;
                    }

                    break;
                case 2: // LEN set to 0/1/2/65535
                    int[] lens = [0, 1, 2, 65535];
                    int len = lens[count % 4];
                    d[1] = (byte)(len >> 8);
                    d[2] = (byte)len;
                    break;
                default: // random bytes spliced over the records, LEN kept
                    for (int i = 3 + rnd.Next(Math.Max(1, d.Length - 3)); i < d.Length && count-- > 0; i++)
                    {
                        d[i] = (byte)rnd.Next(256);
                    }

                    break;
            }

            DecodeEverything(d);
        }, iter: 40_000);
    }
}
