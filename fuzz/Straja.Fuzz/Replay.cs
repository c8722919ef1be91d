namespace Straja.Fuzz;

/// <summary>
/// Runs saved inputs (a corpus, or crash reproducers) through a target in-process, without afl: the
/// regression check that a fixed crash stays fixed and the seeds still pass.
/// </summary>
internal static class Replay
{
    public static int Run(FuzzTarget target, IEnumerable<string> directories, TextWriter output)
    {
        int files = 0, failures = 0;
        foreach (string dir in directories)
        {
            if (!Directory.Exists(dir))
            {
                output.WriteLine($"replay: no directory {dir}");
                failures++;
                continue;
            }

            foreach (string file in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
            {
                files++;
                byte[] input = File.ReadAllBytes(file);
                try
                {
                    target(input);
                }
#pragma warning disable CA1031 // every exception is a finding here, to be reported with its file
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    failures++;
                    output.WriteLine($"FAIL {file} ({input.Length} bytes): {ex}");
                }
            }
        }

        output.WriteLine($"replay: {files} inputs, {failures} failed");
        return failures == 0 ? 0 : 1;
    }
}
