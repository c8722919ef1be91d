using System.Buffers;
using Straja.Protocols.Sapient;
using Straja.Protocols.Sapient.Wire;
using static Straja.Protocols.Sapient.Wire.Registration.Types;

namespace Straja.Sim.Emitters;

/// <summary>
/// What one simulated SAPIENT sensor node (BSI Flex 335 v2.0) says to a fusion node: its Registration,
/// a StatusReport every status interval, a DetectionReport per bearing it measures (range/bearing form,
/// true north, with its own object ids from a small bearing tracker), and a TaskAck for every Task.
/// Passive RF nodes add the emission's signal data; cameras declare themselves pointable (LOOK_AT).
/// Pure: time and the seed come in as data, messages go out; the caller owns the socket.
/// </summary>
public sealed class SapientNodeEmitter
{
    public const string IcdVersion = "BSI Flex 335 v2.0";

    /// <summary>A tracklet the node has not re-detected for this long is closed; a new detection gets a new object id.</summary>
    private const double TrackletTimeoutS = 10;

    private const double RadToDeg = 180 / Math.PI;

    private readonly SensorDescriptor _sensor;
    private readonly Random _rng;
    private readonly List<Tracklet> _tracklets = [];
    private DateTimeOffset? _nextStatus;
    private string? _activeTaskId;

    public SapientNodeEmitter(SensorDescriptor sensor, int seed, double statusIntervalS = 5)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        if (sensor.SapientNodeId is null)
            throw new ArgumentException($"sensor {sensor.Id} has no SAPIENT node id", nameof(sensor));
        if (!(statusIntervalS > 0))
            throw new ArgumentOutOfRangeException(nameof(statusIntervalS), statusIntervalS, "the status interval must be > 0 s");
        _sensor = sensor;
        StatusIntervalS = statusIntervalS;
        _rng = new Random(Randomness.Derive(seed, "sapient:" + sensor.Id));
    }

    public SensorDescriptor Sensor => _sensor;

    public string NodeId => _sensor.SapientNodeId!;

    /// <summary>How often the node promises a StatusReport (declared in its registration).</summary>
    public double StatusIntervalS { get; }

    /// <summary>Only a camera can be pointed at something.</summary>
    public bool Pointable => _sensor.Kind == SensorKind.Camera;

    /// <summary>The sensor kinds that are SAPIENT nodes in a simulated deployment.</summary>
    public static bool SpeaksSapient(SensorKind kind) => kind is SensorKind.PassiveRf or SensorKind.Acoustic or SensorKind.Camera;

    /// <summary>
    /// A stable node_id for a simulated sensor: a name-based UUID (version 8 layout) from the sensor id, so
    /// restarts and both ends of the loopback agree without configuration.
    /// </summary>
    public static string NodeIdFor(string sensorId)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("straja-sim-sapient:" + sensorId), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        string hex = Convert.ToHexStringLower(hash[..16]);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }

    public bool Carries(Detection d) => d.SensorId == _sensor.Id && d.Kind == DetectionKind.Bearing;

    /// <summary>The node's Registration: what it is, what it reports and how, and how often it reports status.</summary>
    public SapientMessage Registration(DateTimeOffset at)
    {
        var (nodeType, subType, model) = _sensor.Kind switch
        {
            SensorKind.PassiveRf => (NodeType.PassiveRf, "RF direction finder", "Straja simulated RF DF"),
            SensorKind.Acoustic => (NodeType.Acoustic, "Acoustic array", "Straja simulated acoustic array"),
            _ => (NodeType.Camera, "EO/IR pan-tilt camera", "Straja simulated EO/IR camera"),
        };
        var registration = new Registration
        {
            IcdVersion = IcdVersion,
            Name = _sensor.Name,
            ShortName = _sensor.Id,
            StatusDefinition = new StatusDefinition
            {
                StatusInterval = Seconds(StatusIntervalS),
                LocationDefinition = new LocationType { LocationUnits = LocationCoordinateSystem.LatLngDegM, LocationDatum = LocationDatum.Wgs84E },
                CoverageDefinition = new LocationType { LocationUnits = LocationCoordinateSystem.LatLngDegM, LocationDatum = LocationDatum.Wgs84E },
            },
        };
        registration.NodeDefinition.Add(new NodeDefinition { NodeType = nodeType, NodeSubType = { subType } });
        if (Pointable)
            registration.NodeDefinition.Add(new NodeDefinition { NodeType = NodeType.PointableNode });
        registration.Capabilities.Add(new Capability { Category = "Detection", Type = "MaxRange", Value = F(_sensor.MaxRangeM), Units = "m" });
        registration.Capabilities.Add(new Capability { Category = "Detection", Type = "Bearing", Value = "true" });
        registration.ModeDefinition.Add(Mode());
        registration.ConfigData.Add(new ConfigurationData { Manufacturer = "Straja simulator", Model = model, SerialNumber = _sensor.Id });
        return Envelope(at, m => m.Registration = registration);
    }

    private ModeDefinition Mode()
    {
        var detection = new DetectionDefinition
        {
            LocationType = new LocationType { RangeBearingUnits = RangeBearingCoordinateSystem.DegreesM, RangeBearingDatum = RangeBearingDatum.True },
            GeometricError = new GeometricError { Type = "Standard Deviation", Units = "degrees", VariationType = "Linear with Range" },
        };
        detection.DetectionReport.Add(new Registration.Types.DetectionReport { Category = DetectionReportCategory.Track, Type = "object_id", Units = "ULID" });
        var classes = new DetectionClassDefinition { ConfidenceDefinition = ConfidenceDefinition.SingleClass };
        var air = new ClassDefinition { Type = "Air Vehicle", Units = "probability" };
        var uav = new SubClass { Type = "UAV", Level = 1 };
        uav.SubClass_.Add(new SubClass { Type = "Rotary Wing", Level = 2 });
        uav.SubClass_.Add(new SubClass { Type = "Fixed Wing", Level = 2 });
        air.SubClass.Add(uav);
        air.SubClass.Add(new SubClass { Type = "Manned Aircraft", Level = 1 });
        classes.ClassDefinition.Add(air);
        classes.ClassDefinition.Add(new ClassDefinition { Type = "Animal", Units = "probability", SubClass = { new SubClass { Type = "Bird", Level = 1 } } });
        detection.DetectionClassDefinition.Add(classes);
        if (_sensor.Kind == SensorKind.PassiveRf)
            detection.DetectionReport.Add(new Registration.Types.DetectionReport { Category = DetectionReportCategory.Signal, Type = "centre_frequency", Units = "Hz" });

        var task = new TaskDefinition
        {
            ConcurrentTasks = Pointable ? 1 : 0,
            RegionDefinition = new RegionDefinition
            {
                RegionType = { RegionType.AreaOfInterest },
                RegionArea = { new LocationType { LocationUnits = LocationCoordinateSystem.LatLngDegM, LocationDatum = LocationDatum.Wgs84E } },
            },
        };
        if (Pointable)
            task.Command.Add(new Command { Type = CommandType.LookAt, Units = "lat/lng degrees, metres", CompletionTime = Seconds(3) });
        var mode = new ModeDefinition
        {
            ModeName = "default",
            ModeType = ModeType.Default,
            SettleTime = Seconds(Pointable ? 3 : 0),
            ScanType = Pointable ? ScanType.Steerable : ScanType.Fixed,
            TrackingType = TrackingType.Tracklet,
            Task = task,
        };
        mode.DetectionDefinition.Add(detection);
        return mode;
    }

    /// <summary>
    /// The messages due in time order up to <paramref name="until"/>: a StatusReport at each status
    /// interval since the first call, and a DetectionReport per bearing of this sensor in <paramref name="detections"/>.
    /// </summary>
    public void Emit(IEnumerable<Detection> detections, DateTimeOffset until, List<SapientMessage> output)
    {
        ArgumentNullException.ThrowIfNull(detections);
        ArgumentNullException.ThrowIfNull(output);
        var next = _nextStatus ?? until;
        foreach (var d in detections)
        {
            if (!Carries(d))
                continue;
            while (next <= d.Time)
            {
                output.Add(Status(next));
                next = next.AddSeconds(StatusIntervalS);
            }

            output.Add(Report(d));
        }

        while (next <= until)
        {
            output.Add(Status(next));
            next = next.AddSeconds(StatusIntervalS);
        }

        _nextStatus = next;
    }

    /// <summary>The node's last word before an orderly shutdown: SYSTEM_GOODBYE, so its silence is not a fault.</summary>
    public SapientMessage Goodbye(DateTimeOffset at)
    {
        var m = Status(at);
        m.StatusReport.System = Protocols.Sapient.Wire.StatusReport.Types.System.Goodbye;
        return m;
    }

    /// <summary>A heartbeat: all well, where the node is, and the disc it covers.</summary>
    public SapientMessage Status(DateTimeOffset at)
    {
        var p = _sensor.Position;
        var status = new Protocols.Sapient.Wire.StatusReport
        {
            ReportId = SapientIds.NewUlid(at, _rng),
            System = Protocols.Sapient.Wire.StatusReport.Types.System.Ok,
            Info = Protocols.Sapient.Wire.StatusReport.Types.Info.Unchanged,
            Mode = "default",
            NodeLocation = new Location
            {
                X = p.LonDeg, Y = p.LatDeg, Z = p.AltM, XError = 1, YError = 1, ZError = 2,
                CoordinateSystem = LocationCoordinateSystem.LatLngDegM, Datum = LocationDatum.Wgs84E,
            },
            Coverage = { new LocationOrRangeBearing { RangeBearing = CoverageCone() } },
        };
        if (_activeTaskId is not null)
            status.ActiveTaskId = _activeTaskId;
        return Envelope(at, m => m.StatusReport = status);
    }

    private RangeBearingCone CoverageCone() => new()
    {
        Azimuth = 0,
        Elevation = 0,
        Range = _sensor.MaxRangeM,
        HorizontalExtent = 360,
        VerticalExtent = 90,
        CoordinateSystem = RangeBearingCoordinateSystem.DegreesM,
        Datum = RangeBearingDatum.True,
    };

    /// <summary>One bearing as a DetectionReport; its object_id is the node's own tracklet for that bearing.</summary>
    public SapientMessage Report(Detection d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var rb = new RangeBearing
        {
            Azimuth = d.AzimuthRad * RadToDeg,
            CoordinateSystem = RangeBearingCoordinateSystem.DegreesM,
            Datum = RangeBearingDatum.True,
        };
        if (double.IsFinite(d.SigmaAzimuthRad))
            rb.AzimuthError = d.SigmaAzimuthRad * RadToDeg;
        if (double.IsFinite(d.ElevationRad))
        {
            rb.Elevation = d.ElevationRad * RadToDeg;
            if (double.IsFinite(d.SigmaElevationRad))
                rb.ElevationError = d.SigmaElevationRad * RadToDeg;
        }

        var tracklet = Associate(d);
        var report = new Protocols.Sapient.Wire.DetectionReport
        {
            ReportId = SapientIds.NewUlid(d.Time, _rng),
            ObjectId = tracklet.ObjectId,
            RangeBearing = rb,
            DetectionConfidence = 0.9f,
        };
        if (_activeTaskId is not null)
            report.TaskId = _activeTaskId;
        if (Classification(d) is { } c)
            report.Classification.Add(c);
        if (_sensor.Kind == SensorKind.PassiveRf)
        {
            // Drone control and video links: 2.4 GHz or 5.8 GHz ISM, one band per emitter.
            float centre = tracklet.Band5G ? 5.8e9f : 2.44e9f;
            report.Signal.Add(new Protocols.Sapient.Wire.DetectionReport.Types.Signal
            {
                Amplitude = (float)(-75 + (8 * _rng.NextDouble())),
                CentreFrequency = centre,
                StartFrequency = centre - 10e6f,
                StopFrequency = centre + 10e6f,
            });
        }

        return Envelope(d.Time, m => m.DetectionReport = report);
    }

    private static Protocols.Sapient.Wire.DetectionReport.Types.DetectionReportClassification? Classification(Detection d)
    {
        string[]? path = d.ClassHint switch
        {
            TargetClass.Multirotor => ["Air Vehicle", "UAV", "Rotary Wing"],
            TargetClass.FixedWing => ["Air Vehicle", "UAV", "Fixed Wing"],
            TargetClass.Manned => ["Air Vehicle", "Manned Aircraft"],
            TargetClass.Bird => ["Animal", "Bird"],
            _ => null,
        };
        if (path is null)
            return null;
        // The confidence is on the top class only: a sub-class without one is certain given its parent.
        var c = new Protocols.Sapient.Wire.DetectionReport.Types.DetectionReportClassification { Type = path[0], Confidence = (float)d.ClassConfidence };
        var level = c.SubClass;
        for (int i = 1; i < path.Length; i++)
        {
            var sub = new Protocols.Sapient.Wire.DetectionReport.Types.SubClass { Type = path[i], Level = i };
            level.Add(sub);
            level = sub.SubClass_;
        }

        return c;
    }

    /// <summary>
    /// The node's own tracker: the nearest open tracklet in bearing, within four sigma plus what a drone at
    /// a few hundred metres can sweep since, keeps its object id; anything else starts a new one.
    /// </summary>
    private Tracklet Associate(Detection d)
    {
        _tracklets.RemoveAll(t => (d.Time - t.LastTime).TotalSeconds > TrackletTimeoutS);
        double sigma = double.IsFinite(d.SigmaAzimuthRad) ? d.SigmaAzimuthRad : 0.05;
        Tracklet? best = null;
        double bestGap = double.PositiveInfinity;
        foreach (var t in _tracklets)
        {
            if (t.LastTime == d.Time)
                continue; // one detection per tracklet per scan
            double gate = (4 * sigma) + (0.05 * (d.Time - t.LastTime).TotalSeconds);
            double gap = Math.Abs(Math.IEEERemainder(d.AzimuthRad - t.AzimuthRad, 2 * Math.PI));
            if (gap <= gate && gap < bestGap)
            {
                best = t;
                bestGap = gap;
            }
        }

        if (best is null)
        {
            best = new Tracklet(SapientIds.NewUlid(d.Time, _rng), _rng.NextDouble() < 0.3);
            _tracklets.Add(best);
        }

        best.AzimuthRad = d.AzimuthRad;
        best.LastTime = d.Time;
        return best;
    }

    /// <summary>
    /// The node's answer to a Task: a pointable node accepts a START with a LOOK_AT and reports against it
    /// from then on; anything else is rejected with the reason.
    /// </summary>
    public SapientMessage Answer(SapientMessage task, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.ContentCase != SapientMessage.ContentOneofCase.Task)
            throw new ArgumentException($"expected a Task, got {task.ContentCase}", nameof(task));
        var t = task.Task;
        var ack = new TaskAck { TaskId = t.TaskId };
        string? refusal = !Pointable ? $"{_sensor.Name} cannot be pointed"
            : t.Control != Protocols.Sapient.Wire.Task.Types.Control.Start ? $"control {t.Control} is not supported, only START"
            : t.Command?.CommandCase != Protocols.Sapient.Wire.Task.Types.Command.CommandOneofCase.LookAt ? $"command {t.Command?.CommandCase.ToString() ?? "missing"} is not supported, only look_at"
            : null;
        if (refusal is null)
        {
            ack.TaskStatus = TaskAck.Types.TaskStatus.Accepted;
            _activeTaskId = t.TaskId;
        }
        else
        {
            ack.TaskStatus = TaskAck.Types.TaskStatus.Rejected;
            ack.Reason.Add(refusal);
        }

        return Envelope(at, m => m.TaskAck = ack);
    }

    /// <summary>The messages with their 4-byte little-endian length prefixes, ready for the TCP stream.</summary>
    public static byte[] Frame(IEnumerable<SapientMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var writer = new ArrayBufferWriter<byte>();
        foreach (var m in messages)
            SapientFraming.Write(writer, m);
        return writer.WrittenSpan.ToArray();
    }

    private SapientMessage Envelope(DateTimeOffset at, Action<SapientMessage> fill)
    {
        var m = new SapientMessage { Timestamp = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(at), NodeId = NodeId };
        fill(m);
        return m;
    }

    private static Duration Seconds(double s) => new() { Units = TimeUnits.Seconds, Value = (float)s };

    private static string F(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Tracklet(string objectId, bool band5G)
    {
        public string ObjectId { get; } = objectId;
        public bool Band5G { get; } = band5G;
        public double AzimuthRad { get; set; }
        public DateTimeOffset LastTime { get; set; }
    }
}
