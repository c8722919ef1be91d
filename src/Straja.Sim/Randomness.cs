namespace Straja.Sim;

/// <summary>Seed derivation and the few distributions the simulator needs, over <see cref="Random"/>.</summary>
internal static class Randomness
{
    /// <summary>
    /// An independent stream seed for one named part of the scenario (a sensor, a spawner, a bird).
    /// FNV-1a over the label, because string.GetHashCode changes between processes.
    /// </summary>
    public static int Derive(int seed, string label)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in label)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        h ^= (ulong)(uint)seed * 0x9E3779B97F4A7C15UL;
        h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
        h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
        h ^= h >> 31;
        return (int)(h >> 33);
    }

    /// <summary>Standard normal by Box–Muller; one value per call keeps the stream's consumption simple to reason about.</summary>
    public static double Gaussian(this Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Poisson by Knuth's product method; fine for the small means of clutter per scan.</summary>
    public static int Poisson(this Random rng, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        double limit = Math.Exp(-mean), p = 1;
        int k = 0;
        do
        {
            k++;
            p *= rng.NextDouble();
        }
        while (p > limit);
        return k - 1;
    }

    public static double Uniform(this Random rng, double min, double max) => min + (rng.NextDouble() * (max - min));
}
