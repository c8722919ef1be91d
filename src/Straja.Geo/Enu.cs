namespace Straja.Geo;

/// <summary>A point or vector in a local East-North-Up frame, metres.</summary>
public readonly record struct Enu(double E, double N, double U)
{
    public double HorizontalNorm => Math.Sqrt(E * E + N * N);
    public double Norm => Math.Sqrt(E * E + N * N + U * U);
    public static Enu operator -(Enu a, Enu b) => new(a.E - b.E, a.N - b.N, a.U - b.U);
    public static Enu operator +(Enu a, Enu b) => new(a.E + b.E, a.N + b.N, a.U + b.U);
    public static Enu operator *(Enu a, double k) => new(a.E * k, a.N * k, a.U * k);
}

/// <summary>Earth-centred, Earth-fixed Cartesian coordinates, metres.</summary>
public readonly record struct Ecef(double X, double Y, double Z);
