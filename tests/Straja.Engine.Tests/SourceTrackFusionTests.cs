using Straja.Engine.Fusion;

namespace Straja.Engine.Tests;

/// <summary>Sensors that report their own tracks (SAPIENT object_id) through the engine.</summary>
public sealed class SourceTrackFusionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly SensorDescriptor Eo = new("eo-1", "EO tracker", SensorKind.Camera, new GeoPoint(45.0, 28.5, 20), 20_000, 1);
    private static readonly SensorDescriptor Rf = new("rf-1", "RF tracker", SensorKind.PassiveRf, new GeoPoint(45.02, 28.55, 20), 20_000, 1);

    /// <summary>A position report of the drone flying north at 15 m/s, each sensor off by its own slowly drifting bias.</summary>
    private static Detection Report(SensorDescriptor sensor, string? trackId, double s, double biasM) => new()
    {
        SensorId = sensor.Id, Time = T0.AddSeconds(s), Kind = DetectionKind.Position,
        Position = new GeoPoint(45.05 + ((15 * s) + biasM) / 111_000.0, 28.52 + (biasM / 78_000.0), 150),
        SigmaHorizontalM = 25, SigmaVerticalM = 20, SourceTrackId = trackId,
    };

    /// <summary>60 s of reports: the EO tracker 60 m to one side of the truth, the RF tracker 60 m to the other.</summary>
    private static Picture.PictureSnapshot Run(bool withTrackIds)
    {
        var engine = new FusionEngine(Eo.Position, [Eo, Rf], T0, FusionOptions.Default);
        var picture = Picture.PictureSnapshot.Empty(T0);
        for (int s = 1; s <= 60; s++)
        {
            var batch = new List<Detection> { Report(Eo, withTrackIds ? "eo-track-7" : null, s, 60 + (0.2 * s)) };
            if (s % 2 == 0)
                batch.Add(Report(Rf, withTrackIds ? "rf-obj-01J" : null, s + 0.3, -60 + (0.1 * s)));
            picture = engine.Process(batch, T0.AddSeconds(s + 1)).Picture;
        }

        return picture;
    }

    [Fact]
    public void Two_sensors_reporting_their_own_tracks_of_one_drone_give_one_Straja_track()
    {
        var picture = Run(withTrackIds: true);
        var track = Assert.Single(picture.Tracks);
        Assert.True(track.Confirmed);
        Assert.Equal(["eo-1", "rf-1"], track.Sensors.ToArray());
    }

    [Fact]
    public void Without_their_track_ids_the_same_biased_reports_split_into_two_tracks() =>
        // The reason for track-to-track fusion: 120 m of disagreement between two sensors is outside
        // the gate of plain measurement association.
        Assert.Equal(2, Run(withTrackIds: false).Tracks.Count(t => t.Confirmed));

    [Fact]
    public void A_source_track_id_survives_the_journal()
    {
        var d = Report(Eo, "eo-track-7", 1, 0);
        var dir = Directory.CreateTempSubdirectory("straja-st-");
        try
        {
            using (var journal = new Runtime.DetectionJournal(dir.FullName))
                journal.Append([d]);
            var back = Runtime.DetectionJournal.Read(dir.FullName).Single();
            Assert.Equal("eo-track-7", back.SourceTrackId);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
