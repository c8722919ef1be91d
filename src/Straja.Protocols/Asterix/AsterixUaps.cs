using static Straja.Protocols.Asterix.ItemFormat;

namespace Straja.Protocols.Asterix;

/// <summary>
/// The UAPs this library knows, one per category and edition. Item lengths and FRN order are those of the
/// EUROCONTROL category specifications, as written machine-readably in zoranbosnjak/asterix-specs
/// (commit c2b3d676, specs/catNNN/cat-E.ast); the shared vectors file lists the same FRN orders.
/// Categories 016, 205 and 065 are known for walking and skipping only (no typed values).
/// Editions of the same category keep their FRN order (1.x for 048/034/062, 2.x for 021), so a
/// later table reads earlier editions' records; items added by later editions only extend FX chains.
/// </summary>
public static class AsterixUaps
{
    /// <summary>CAT048 Monoradar Target Reports, edition 1.32.</summary>
    public static readonly AsterixUap Cat048 = new(48, "1.32", [
        Item(10, Fixed(2)), // FRN 1
        Item(140, Fixed(3)), // FRN 2
        Item(20, Extended(1, 1, 1, 1, 1, 1)), // FRN 3
        Item(40, Fixed(4)), // FRN 4
        Item(70, Fixed(2)), // FRN 5
        Item(90, Fixed(2)), // FRN 6
        Item(130, Compound(Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1))), // FRN 7
        Item(220, Fixed(3)), // FRN 8
        Item(240, Fixed(6)), // FRN 9
        Item(250, Repetitive(8)), // FRN 10
        Item(161, Fixed(2)), // FRN 11
        Item(42, Fixed(4)), // FRN 12
        Item(200, Fixed(4)), // FRN 13
        Item(170, Extended(1, 1)), // FRN 14
        Item(210, Fixed(4)), // FRN 15
        Item(30, RepetitiveFx(1)), // FRN 16
        Item(80, Fixed(2)), // FRN 17
        Item(100, Fixed(4)), // FRN 18
        Item(110, Fixed(2)), // FRN 19
        Item(120, Compound(Fixed(2), Repetitive(6))), // FRN 20
        Item(230, Fixed(2)), // FRN 21
        Item(260, Fixed(7)), // FRN 22
        Item(55, Fixed(1)), // FRN 23
        Item(50, Fixed(2)), // FRN 24
        Item(65, Fixed(1)), // FRN 25
        Item(60, Fixed(2)), // FRN 26
        Item(AsterixItemId.SP, Explicit), // FRN 27
        Item(AsterixItemId.RE, Explicit), // FRN 28
    ]);

    /// <summary>CAT034 Monoradar Service Messages, edition 1.29.</summary>
    public static readonly AsterixUap Cat034 = new(34, "1.29", [
        Item(10, Fixed(2)), // FRN 1
        Item(0, Fixed(1)), // FRN 2
        Item(30, Fixed(3)), // FRN 3
        Item(20, Fixed(1)), // FRN 4
        Item(41, Fixed(2)), // FRN 5
        Item(50, Compound(Fixed(1), null, null, Fixed(1), Fixed(1), Fixed(2))), // FRN 6
        Item(60, Compound(Fixed(1), null, null, Fixed(1), Fixed(1), Fixed(1))), // FRN 7
        Item(70, Repetitive(2)), // FRN 8
        Item(100, Fixed(8)), // FRN 9
        Item(110, Fixed(1)), // FRN 10
        Item(120, Fixed(8)), // FRN 11
        Item(90, Fixed(2)), // FRN 12
        Item(AsterixItemId.RE, Explicit), // FRN 13
        Item(AsterixItemId.SP, Explicit), // FRN 14
    ]);

    /// <summary>CAT062 SDPS Track Messages, edition 1.21.</summary>
    public static readonly AsterixUap Cat062 = new(62, "1.21", [
        Item(10, Fixed(2)), // FRN 1
        Spare, // FRN 2
        Item(15, Fixed(1)), // FRN 3
        Item(70, Fixed(3)), // FRN 4
        Item(105, Fixed(8)), // FRN 5
        Item(100, Fixed(6)), // FRN 6
        Item(185, Fixed(4)), // FRN 7
        Item(210, Fixed(2)), // FRN 8
        Item(60, Fixed(2)), // FRN 9
        Item(245, Fixed(7)), // FRN 10
        Item(380, Compound(Fixed(3), Fixed(6), Fixed(2), Fixed(2), Fixed(2), Fixed(2), Fixed(2), Extended(1), Repetitive(15), Fixed(2), Fixed(2), Fixed(7), Fixed(2), Fixed(2), Fixed(2), Fixed(2), Fixed(2), Fixed(2), Fixed(1), Fixed(8), Fixed(1), Fixed(6), Fixed(2), Fixed(1), Repetitive(8), Fixed(2), Fixed(2), Fixed(2))), // FRN 11
        Item(40, Fixed(2)), // FRN 12
        Item(80, Extended(1, 1, 1, 1, 1, 1, 1)), // FRN 13
        Item(290, Compound(Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(2), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1))), // FRN 14
        Item(200, Fixed(1)), // FRN 15
        Item(295, Compound(Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1))), // FRN 16
        Item(136, Fixed(2)), // FRN 17
        Item(130, Fixed(2)), // FRN 18
        Item(135, Fixed(2)), // FRN 19
        Item(220, Fixed(2)), // FRN 20
        Item(390, Compound(Fixed(2), Fixed(7), Fixed(4), Fixed(1), Fixed(4), Fixed(1), Fixed(4), Fixed(4), Fixed(3), Fixed(2), Fixed(2), Repetitive(4), Fixed(6), Fixed(1), Fixed(7), Fixed(7), Fixed(2), Fixed(7))), // FRN 21
        Item(270, Extended(1, 1, 1)), // FRN 22
        Item(300, Fixed(1)), // FRN 23
        Item(110, Compound(Fixed(1), Fixed(4), Fixed(6), Fixed(2), Fixed(2), Fixed(1), Fixed(1))), // FRN 24
        Item(120, Fixed(2)), // FRN 25
        Item(510, RepetitiveFx(3)), // FRN 26
        Item(500, Compound(Fixed(4), Fixed(2), Fixed(4), Fixed(1), Fixed(1), Fixed(2), Fixed(2), Fixed(1))), // FRN 27
        Item(340, Compound(Fixed(2), Fixed(4), Fixed(2), Fixed(2), Fixed(2), Fixed(1))), // FRN 28
        Spare, // FRN 29
        Spare, // FRN 30
        Spare, // FRN 31
        Spare, // FRN 32
        Spare, // FRN 33
        Item(AsterixItemId.RE, Explicit), // FRN 34
        Item(AsterixItemId.SP, Explicit), // FRN 35
    ]);

    /// <summary>CAT021 ADS-B Target Reports, edition 2.7.</summary>
    public static readonly AsterixUap Cat021 = new(21, "2.7", [
        Item(10, Fixed(2)), // FRN 1
        Item(40, Extended(1, 1, 1, 1, 1)), // FRN 2
        Item(161, Fixed(2)), // FRN 3
        Item(15, Fixed(1)), // FRN 4
        Item(71, Fixed(3)), // FRN 5
        Item(130, Fixed(6)), // FRN 6
        Item(131, Fixed(8)), // FRN 7
        Item(72, Fixed(3)), // FRN 8
        Item(150, Fixed(2)), // FRN 9
        Item(151, Fixed(2)), // FRN 10
        Item(80, Fixed(3)), // FRN 11
        Item(73, Fixed(3)), // FRN 12
        Item(74, Fixed(4)), // FRN 13
        Item(75, Fixed(3)), // FRN 14
        Item(76, Fixed(4)), // FRN 15
        Item(140, Fixed(2)), // FRN 16
        Item(90, Extended(1, 1, 1, 1, 1, 1, 1, 1, 1)), // FRN 17
        Item(210, Fixed(1)), // FRN 18
        Item(70, Fixed(2)), // FRN 19
        Item(230, Fixed(2)), // FRN 20
        Item(145, Fixed(2)), // FRN 21
        Item(152, Fixed(2)), // FRN 22
        Item(200, Fixed(1)), // FRN 23
        Item(155, Fixed(2)), // FRN 24
        Item(157, Fixed(2)), // FRN 25
        Item(160, Fixed(4)), // FRN 26
        Item(165, Fixed(2)), // FRN 27
        Item(77, Fixed(3)), // FRN 28
        Item(170, Fixed(6)), // FRN 29
        Item(20, Fixed(1)), // FRN 30
        Item(220, Compound(Fixed(2), Fixed(2), Fixed(2), Fixed(1))), // FRN 31
        Item(146, Fixed(2)), // FRN 32
        Item(148, Fixed(2)), // FRN 33
        Item(110, Compound(Extended(1), Repetitive(15))), // FRN 34
        Item(16, Fixed(1)), // FRN 35
        Item(8, Fixed(1)), // FRN 36
        Item(271, Extended(1, 1)), // FRN 37
        Item(132, Fixed(1)), // FRN 38
        Item(250, Repetitive(8)), // FRN 39
        Item(260, Fixed(7)), // FRN 40
        Item(400, Fixed(1)), // FRN 41
        Item(295, Compound(Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1))), // FRN 42
        Spare, // FRN 43
        Spare, // FRN 44
        Spare, // FRN 45
        Spare, // FRN 46
        Spare, // FRN 47
        Item(AsterixItemId.RE, Explicit), // FRN 48
        Item(AsterixItemId.SP, Explicit), // FRN 49
    ]);

    /// <summary>CAT015 INCS Target Reports, edition 1.2.</summary>
    public static readonly AsterixUap Cat015 = new(15, "1.2", [
        Item(10, Fixed(2)), // FRN 1
        Item(0, Fixed(1)), // FRN 2
        Item(15, Fixed(1)), // FRN 3
        Item(20, Extended(1)), // FRN 4
        Item(30, RepetitiveFx(1)), // FRN 5
        Item(145, Fixed(3)), // FRN 6
        Item(161, Fixed(2)), // FRN 7
        Item(170, Extended(1)), // FRN 8
        Item(50, Fixed(2)), // FRN 9
        Item(270, Compound(Fixed(2), Fixed(2), Fixed(2), Fixed(2))), // FRN 10
        Item(300, Repetitive(2)), // FRN 11
        Item(400, Fixed(5)), // FRN 12
        Item(600, Compound(Fixed(8), Fixed(5), Fixed(5))), // FRN 13
        Item(601, Compound(Fixed(3), Fixed(3), Fixed(3), Fixed(3), Fixed(3), Fixed(2), Fixed(2), Fixed(2))), // FRN 14
        Item(602, Compound(Fixed(5), Fixed(5), Fixed(5), Fixed(4))), // FRN 15
        Item(603, Compound(Fixed(3), Fixed(4), Fixed(4), Fixed(4))), // FRN 16
        Item(604, Compound(Fixed(3), Fixed(2), Fixed(3), Fixed(2), Fixed(2), Fixed(2))), // FRN 17
        Item(605, Compound(Fixed(2), Fixed(4), Fixed(2), Fixed(2), Fixed(2))), // FRN 18
        Item(480, Repetitive(5)), // FRN 19
        Item(625, Compound(Fixed(3), Fixed(3), Fixed(3), Fixed(3), Fixed(3), Fixed(4), Fixed(2), Fixed(4))), // FRN 20
        Item(626, Compound(Fixed(3), Fixed(2), Fixed(2), Fixed(3), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1), Fixed(1))), // FRN 21
        Item(627, Compound(Fixed(2), Fixed(2), Fixed(2), Fixed(2), Fixed(3), Fixed(4))), // FRN 22
        Item(628, Compound(Fixed(2), Fixed(2), Fixed(2), Fixed(2), Fixed(3), Fixed(4))), // FRN 23
        Item(630, Compound(Fixed(1), Fixed(1), Fixed(2), Fixed(1))), // FRN 24
        Item(631, Repetitive(8)), // FRN 25
        Item(AsterixItemId.SP, Explicit), // FRN 26
    ]);

    /// <summary>CAT016 INCS Configuration Reports, edition 1.0.</summary>
    public static readonly AsterixUap Cat016 = new(16, "1.0", [
        Item(10, Fixed(2)), // FRN 1
        Item(15, Fixed(1)), // FRN 2
        Item(0, Fixed(1)), // FRN 3
        Item(140, Fixed(3)), // FRN 4
        Item(200, Fixed(1)), // FRN 5
        Item(300, Repetitive(6)), // FRN 6
        Item(400, Fixed(8)), // FRN 7
        Item(405, Fixed(2)), // FRN 8
        Item(410, Repetitive(21)), // FRN 9
        Item(420, Repetitive(12)), // FRN 10
        Item(AsterixItemId.SP, Explicit), // FRN 11
    ]);

    /// <summary>CAT205 Radio Direction Finder Reports, edition 1.0.</summary>
    public static readonly AsterixUap Cat205 = new(205, "1.0", [
        Item(10, Fixed(2)), // FRN 1
        Item(15, Fixed(1)), // FRN 2
        Item(0, Fixed(1)), // FRN 3
        Item(30, Fixed(3)), // FRN 4
        Item(40, Fixed(1)), // FRN 5
        Item(90, Fixed(7)), // FRN 6
        Item(50, Fixed(8)), // FRN 7
        Item(60, Fixed(6)), // FRN 8
        Item(70, Fixed(2)), // FRN 9
        Item(80, Fixed(2)), // FRN 10
        Item(100, Fixed(1)), // FRN 11
        Item(110, Fixed(1)), // FRN 12
        Item(120, Repetitive(1)), // FRN 13
        Item(130, Fixed(8)), // FRN 14
        Item(140, Fixed(6)), // FRN 15
        Item(150, Fixed(1)), // FRN 16
        Item(160, Fixed(2)), // FRN 17
        Item(170, Fixed(1)), // FRN 18
        Item(180, Fixed(2)), // FRN 19
        Item(190, Fixed(1)), // FRN 20
        Item(200, Fixed(2)), // FRN 21
        Item(AsterixItemId.SP, Explicit), // FRN 22
    ]);

    /// <summary>CAT065 SDPS Service Status Messages, edition 1.6.</summary>
    public static readonly AsterixUap Cat065 = new(65, "1.6", [
        Item(10, Fixed(2)), // FRN 1
        Item(0, Fixed(1)), // FRN 2
        Item(15, Fixed(1)), // FRN 3
        Item(30, Fixed(3)), // FRN 4
        Item(20, Fixed(1)), // FRN 5
        Item(40, Fixed(1)), // FRN 6
        Item(50, Fixed(1)), // FRN 7
        Spare, // FRN 8
        Spare, // FRN 9
        Spare, // FRN 10
        Spare, // FRN 11
        Spare, // FRN 12
        Item(AsterixItemId.RE, Explicit), // FRN 13
        Item(AsterixItemId.SP, Explicit), // FRN 14
    ]);

    /// <summary>The UAP for <paramref name="category"/>, or null when it is not supported.</summary>
    public static AsterixUap? For(byte category) => category switch
    {
        48 => Cat048,
        34 => Cat034,
        62 => Cat062,
        21 => Cat021,
        15 => Cat015,
        16 => Cat016,
        205 => Cat205,
        65 => Cat065,
        _ => null,
    };

    private static (int, ItemFormat?) Item(int id, ItemFormat format) => (id, format);

    // A property, not a field: the tables above are initialised first, in text order.
    private static (int, ItemFormat?) Spare => (-1, null);
}
