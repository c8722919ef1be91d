using CsCheck;
using Straja.Protocols.ModeS;

namespace Straja.Protocols.Tests.ModeS;

public sealed class CrcPropertyTests
{
    /// <summary>
    /// The definition, bit by bit: divide the data followed by 24 zero bits by the generator
    /// 0x1FFF409 and keep the remainder. Slow and obviously right, so the tabulated forms are checked
    /// against it rather than against each other.
    /// </summary>
    private static uint LongDivision(ReadOnlySpan<byte> data)
    {
        const ulong generator = 0x1FFF409;
        ulong reg = 0;
        int bits = (data.Length * 8) + 24;
        for (int i = 0; i < bits; i++)
        {
            int bit = i < data.Length * 8 ? (data[i / 8] >> (7 - (i % 8))) & 1 : 0;
            reg = (reg << 1) | (uint)bit;
            if ((reg & 0x1000000) != 0)
                reg ^= generator;
        }

        return (uint)reg;
    }

    [Theory]
    [InlineData(4)]
    [InlineData(11)]
    [InlineData(1)]
    [InlineData(7)]
    public void Parity_equals_the_long_division_for_every_length(int length) =>
        Gen.Byte.Array[length].Sample(data => Assert.Equal(LongDivision(data), ModeSCrc.Parity(data)), iter: 2000);

    [Fact]
    public void Parity_of_a_published_DF17_frame_matches_its_transmitted_parity()
    {
        // 8D4840D6202CC371C32CE0576098: the widely used identification example (KLM1023).
        byte[] frame = Convert.FromHexString("8D4840D6202CC371C32CE0576098");
        Assert.Equal(0u, ModeSCrc.Remainder(frame));
    }
}
