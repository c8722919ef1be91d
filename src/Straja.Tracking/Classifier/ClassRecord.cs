namespace Straja.Tracking;

/// <summary>What a track's classification remembers between updates: per-sensor evidence and kinematic history.</summary>
internal sealed class ClassRecord
{
    /// <summary>Summed ln-likelihood of each class (indexed by <see cref="TargetClass"/>) from each sensor's reports.</summary>
    public Dictionary<string, double[]> SensorLogLikelihood { get; } = new(StringComparer.Ordinal);

    /// <summary>Exponentially smoothed magnitude of the filtered acceleration, m/s².</summary>
    public double Acceleration { get; set; }

    /// <summary>Exponentially smoothed |turn rate|, rad/s, from the change of heading between samples.</summary>
    public double TurnRate { get; set; }

    /// <summary>Kinematic samples taken (velocity trusted, far enough apart in time).</summary>
    public int Samples { get; set; }

    public Vec3 LastVelocity { get; set; }

    public double LastSampleS { get; set; } = double.NaN;
}
