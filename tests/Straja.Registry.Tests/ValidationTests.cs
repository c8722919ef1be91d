namespace Straja.Registry.Tests;

public sealed class ValidationTests
{
    [Theory]
    [InlineData("1596F3KLMNPQRSTUVWXY")]  // 4 + 'F' + 15
    [InlineData("STRJ8ABCDEFGH")]
    [InlineData("ABCD1Z")]
    public void Well_formed_CTA_2063_A_serials_pass(string serial) => Assert.Null(Validation.RemoteIdSerialProblem(serial));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("ABCD", "6 to 20")]
    [InlineData("ABCD3XY", "declares 3")]
    [InlineData("ABCD0", "6 to 20")]
    [InlineData("ABCDG123456789012345", "length character 'G'")]
    [InlineData("ABCD3XOY", "'O' at position 7")]
    [InlineData("abcd3xyz", "'a' at position 1")]
    public void Malformed_serials_say_what_is_wrong(string serial, string expected) =>
        Assert.Contains(expected, Validation.RemoteIdSerialProblem(serial), StringComparison.Ordinal);

    [Theory]
    [InlineData("wifi-mac", "02:00:5E:10:00:01", true)]
    [InlineData("ble-mac", "02-00-5E-10-00-01", false)]
    [InlineData("wifi-mac", "02:00:5E:10:00", false)]
    [InlineData("video-link-id", "VL-778", true)]
    [InlineData("bad kind", "x", false)]
    public void Radio_identifiers_are_checked(string kind, string value, bool ok) =>
        Assert.Equal(ok, Validation.RadioIdentifierProblem(new RadioIdentifier(kind, value)) is null);

    [Fact]
    public void Radio_identifiers_round_trip_through_their_text_form()
    {
        RadioIdentifier[] ids = [new("wifi-mac", "02:00:5E:10:00:01"), new("video-link-id", "VL-778")];

        Assert.Equal(ids, RadioIdentifiers.Parse(RadioIdentifiers.Format(ids), out _));
    }
}
