return Straja.Cli.Commands.Run(args);
