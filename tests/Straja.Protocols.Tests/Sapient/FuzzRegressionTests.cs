using System.Buffers;
using Straja.Protocols.Sapient;

namespace Straja.Protocols.Tests.Sapient;

/// <summary>Inputs the fuzzer found that once crashed: each must now be refused cleanly.</summary>
public class FuzzRegressionTests
{
    public static TheoryData<string> Reproducers() =>
        new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Sapient", "Crashes")).Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Reproducers))]
    public void A_timestamp_that_is_no_instant_is_refused_not_thrown(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Sapient", "Crashes", file));

        // The reproducers are what the fuzz target reads: a TCP stream, length-prefixed.
        Assert.Equal(OperationStatus.Done, SapientFraming.TryRead(bytes, SapientFraming.DefaultMaxMessageBytes, out var payload, out _, out _));
        var status = SapientCodec.TryDecode(payload, out var message, out var error);

        Assert.Equal(OperationStatus.InvalidData, status);
        Assert.Null(message);
        Assert.Contains("timestamp", error.Detail, StringComparison.Ordinal);
    }
}
