using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Straja.Benchmarks.FusionBenchmarks).Assembly).Run(args);
