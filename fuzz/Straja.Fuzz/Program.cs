using SharpFuzz;
using Straja.Fuzz;

// Straja.Fuzz TARGET                       run under afl-fuzz (input on stdin/file, via SharpFuzz)
// Straja.Fuzz --replay TARGET DIR...       run every file of the directories through TARGET, no afl
// Straja.Fuzz --seed VECTORS_DIR CORPUS    write the seed corpora from the golden vectors
const string Usage = "usage: Straja.Fuzz TARGET | --replay TARGET DIR... | --seed VECTORS_DIR CORPUS_DIR   (targets: modes beast avr asterix sapient)";

if (args.Length >= 1 && args[0] == "--seed" && args.Length == 3)
{
    return Seeds.Write(args[1], args[2], Console.Out);
}

if (args.Length >= 3 && args[0] == "--replay" && Targets.TryGet(args[1], out var replayed))
{
    return Replay.Run(replayed, args[2..], Console.Out);
}

if (args.Length == 1 && Targets.TryGet(args[0], out var target))
{
    // One buffer for every execution: SharpFuzz hands over a stream per input, the target wants a span.
    var buffer = new MemoryStream();
    Fuzzer.Run(stream =>
    {
        buffer.SetLength(0);
        stream.CopyTo(buffer);
        target(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    });
    return 0;
}

Console.Error.WriteLine(Usage);
return 2;
