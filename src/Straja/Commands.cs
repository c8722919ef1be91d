namespace Straja.Cli;

internal static class Commands
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("usage: straja demo [--urls URL] [--data DIR] [--speed N] [--seed N]");
        return args.Length == 0 ? 2 : 0;
    }
}
