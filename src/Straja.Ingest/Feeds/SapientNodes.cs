using Straja.Protocols.Sapient;
using Straja.Protocols.Sapient.Wire;
using static Straja.Protocols.Sapient.Wire.Registration.Types;

namespace Straja.Ingest.Feeds;

/// <summary>What the fusion node knows of one SAPIENT sensor node: its declaration, liveness and connection.</summary>
public sealed record SapientNodeState(
    string SensorId,
    string NodeId,
    bool Registered,
    bool Connected,
    bool Pointable,
    TimeSpan? StatusInterval,
    DateTimeOffset? RegisteredAt,
    DateTimeOffset? LastStatusAt,
    bool Silent,
    DateTimeOffset? SilentSince,
    string? SilentReason,
    IReadOnlyList<string> NodeTypes);

/// <summary>A Task sent to a node and what the node answered (Status "sent" until its TaskAck).</summary>
public sealed record SapientTaskRecord(
    string TaskId,
    string SensorId,
    string? TrackId,
    GeoPoint Target,
    DateTimeOffset SentAt,
    string Status,
    IReadOnlyList<string> Reasons,
    DateTimeOffset? AnsweredAt);

/// <summary>A node went silent or came back.</summary>
public sealed record SapientSilenceChange(SensorDescriptor Sensor, bool Silent, DateTimeOffset Since, string Reason);

/// <summary>Why a task could not be sent; <see cref="UnknownSensor"/> is a 404, the rest a conflict with the node's state.</summary>
public enum SapientTaskRefusal
{
    None = 0,
    UnknownSensor,
    NotRegistered,
    NotConnected,
    NotPointable,
}

/// <summary>The send side of one node's connection: queue a message for the peer and wake the writer.</summary>
public interface ISapientLink
{
    void Send(SapientMessage message);
}

/// <summary>
/// The fusion node's book of SAPIENT sensor nodes, shared by all their connections: what each declared at
/// registration (status interval, whether it can be pointed), when it last reported status, whether it is
/// silent, its live connection for tasking, and the tasks sent to it with their acknowledgements.
/// A node is silent when it is registered and either its connection closed or it has sent no StatusReport
/// for <see cref="SilenceFactor"/> declared status intervals: one late or lost heartbeat is normal on a
/// radio link, three in a row is a node that has stopped. It is live again at its next StatusReport or
/// registration. No clock inside: every call carries its time. Thread-safe.
/// </summary>
public sealed class SapientNodes
{
    /// <summary>How many declared status intervals without a StatusReport make a node silent.</summary>
    public const int SilenceFactor = 3;

    private const int TasksKept = 50;

    private readonly Dictionary<string, SensorDescriptor> _byNode;
    private readonly Dictionary<string, Node> _bySensor = new(StringComparer.Ordinal);
    private readonly List<SapientSilenceChange> _changes = [];
    private readonly Random _ids;
    private readonly Lock _lock = new();

    public SapientNodes(IEnumerable<SensorDescriptor> sensors, string fusionNodeId, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        ArgumentNullException.ThrowIfNull(fusionNodeId);
        _byNode = sensors.Where(s => s.SapientNodeId is not null).ToDictionary(s => s.SapientNodeId!, StringComparer.OrdinalIgnoreCase);
        FusionNodeId = fusionNodeId;
        _ids = new Random(seed);
        foreach (var s in _byNode.Values)
            _bySensor[s.Id] = new Node(s);
    }

    public string FusionNodeId { get; }

    /// <summary>The sensor configured with this node_id, if any.</summary>
    public SensorDescriptor? SensorOf(string nodeId) => _byNode.GetValueOrDefault(nodeId);

    public SapientNodeState? State(string sensorId)
    {
        lock (_lock)
            return _bySensor.TryGetValue(sensorId, out var n) ? n.Snapshot() : null;
    }

    public IReadOnlyList<SapientNodeState> States()
    {
        lock (_lock)
            return _bySensor.Values.Select(n => n.Snapshot()).OrderBy(s => s.SensorId, StringComparer.Ordinal).ToList();
    }

    /// <summary>The tasks sent to a sensor's node, newest first; null for a sensor that is not a SAPIENT node.</summary>
    public IReadOnlyList<SapientTaskRecord>? Tasks(string sensorId)
    {
        lock (_lock)
            return _bySensor.TryGetValue(sensorId, out var n) ? n.Tasks.AsEnumerable().Reverse().ToList() : null;
    }

    internal void Registered(string nodeId, Registration registration, ISapientLink link, DateTimeOffset at)
    {
        if (SensorOf(nodeId) is not { } sensor)
            return;
        lock (_lock)
        {
            var n = _bySensor[sensor.Id];
            n.Link = link;
            n.RegisteredAt = at;
            n.LastStatusAt = at;
            n.StatusInterval = StatusInterval(registration);
            n.Pointable = Pointable(registration);
            n.NodeTypes = registration.NodeDefinition.Select(d => d.NodeType.ToString()).ToArray();
            Live(n, at, "registered");
        }
    }

    internal void StatusReported(string nodeId, DateTimeOffset at)
    {
        if (SensorOf(nodeId) is not { } sensor)
            return;
        lock (_lock)
        {
            var n = _bySensor[sensor.Id];
            n.LastStatusAt = at;
            Live(n, at, "status report received");
        }
    }

    /// <summary>
    /// The node said SYSTEM_GOODBYE: it is leaving on purpose, so it is no longer watched for silence until it
    /// registers again (an orderly shutdown is not a fault to alert on).
    /// </summary>
    internal void Left(string nodeId, DateTimeOffset at)
    {
        if (SensorOf(nodeId) is not { } sensor)
            return;
        lock (_lock)
        {
            var n = _bySensor[sensor.Id];
            Live(n, at, "said goodbye");
            n.RegisteredAt = null;
            n.Link = null;
        }
    }

    /// <summary>The connection that registered <paramref name="nodeId"/> closed (a newer connection of the same node is left alone).</summary>
    internal void Disconnected(string nodeId, ISapientLink link, DateTimeOffset at)
    {
        if (SensorOf(nodeId) is not { } sensor)
            return;
        lock (_lock)
        {
            var n = _bySensor[sensor.Id];
            if (ReferenceEquals(n.Link, link))
            {
                n.Link = null;
                n.DisconnectedAt = at;
            }
        }
    }

    internal void TaskAnswered(string nodeId, TaskAck ack, DateTimeOffset at)
    {
        if (SensorOf(nodeId) is not { } sensor)
            return;
        lock (_lock)
        {
            var tasks = _bySensor[sensor.Id].Tasks;
            int i = tasks.FindIndex(t => t.TaskId == ack.TaskId);
            if (i >= 0)
                tasks[i] = tasks[i] with { Status = StatusName(ack.TaskStatus), Reasons = [.. ack.Reason], AnsweredAt = at };
        }
    }

    /// <summary>
    /// Marks silent the registered nodes that are disconnected or overdue at <paramref name="now"/>, and returns every
    /// change since the last call (new silences, and nodes heard again) in the order they happened.
    /// </summary>
    public IReadOnlyList<SapientSilenceChange> CheckSilence(DateTimeOffset now)
    {
        lock (_lock)
        {
            foreach (var n in _bySensor.Values.OrderBy(n => n.Sensor.Id, StringComparer.Ordinal))
            {
                if (n.RegisteredAt is null || n.Silent)
                    continue;
                if (n.Link is null)
                {
                    Silence(n, n.DisconnectedAt ?? now, "its connection closed");
                }
                else if (n.StatusInterval is { } interval && n.LastStatusAt is { } last && now - last > SilenceFactor * interval)
                {
                    Silence(n, last + (SilenceFactor * interval), string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"no status report for {(now - last).TotalSeconds:F0} s (declared interval {interval.TotalSeconds:0.###} s)"));
                }
            }

            var changes = _changes.ToList();
            _changes.Clear();
            return changes;
        }
    }

    /// <summary>
    /// Sends a node a Task to look at <paramref name="target"/> (a track's position) over its connection, and
    /// records it as "sent" until the node's TaskAck. Refused for an unknown, unregistered, disconnected or
    /// unpointable node, with the reason.
    /// </summary>
    public (SapientTaskRecord? Task, SapientTaskRefusal Refusal, string? Reason) SendLookAt(
        string sensorId, string? trackId, GeoPoint target, DateTimeOffset now)
    {
        SapientMessage message;
        SapientTaskRecord record;
        ISapientLink link;
        lock (_lock)
        {
            if (!_bySensor.TryGetValue(sensorId, out var n))
                return (null, SapientTaskRefusal.UnknownSensor, $"sensor '{sensorId}' is not a SAPIENT node");
            if (n.RegisteredAt is null)
                return (null, SapientTaskRefusal.NotRegistered, $"node of sensor '{sensorId}' has not registered");
            if (n.Link is null)
                return (null, SapientTaskRefusal.NotConnected, $"node of sensor '{sensorId}' is not connected");
            if (!n.Pointable)
                return (null, SapientTaskRefusal.NotPointable, $"node of sensor '{sensorId}' did not declare that it can be pointed (no LOOK_AT command)");
            link = n.Link;
            string taskId = SapientIds.NewUlid(now, _ids);
            message = LookAt(n.Sensor.SapientNodeId!, taskId, trackId, target, now);
            record = new SapientTaskRecord(taskId, sensorId, trackId, target, now, "sent", [], null);
            n.Tasks.Add(record);
            if (n.Tasks.Count > TasksKept)
                n.Tasks.RemoveAt(0);
        }

        link.Send(message);
        return (record, SapientTaskRefusal.None, null);
    }

    private SapientMessage LookAt(string nodeId, string taskId, string? trackId, GeoPoint target, DateTimeOffset now)
    {
        var location = new Location
        {
            X = target.LonDeg,
            Y = target.LatDeg,
            Z = target.AltM,
            CoordinateSystem = LocationCoordinateSystem.LatLngDegM,
            Datum = LocationDatum.Wgs84E,
        };
        var task = new Protocols.Sapient.Wire.Task
        {
            TaskId = taskId,
            TaskName = trackId is null ? "look at" : $"look at track {trackId}",
            Control = Protocols.Sapient.Wire.Task.Types.Control.Start,
            TaskStartTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(now),
            Command = new Protocols.Sapient.Wire.Task.Types.Command
            {
                LookAt = new LocationOrRangeBearing { LocationList = new LocationList { Locations = { location } } },
            },
        };
        return new SapientMessage
        {
            Timestamp = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(now),
            NodeId = FusionNodeId,
            DestinationId = nodeId,
            Task = task,
        };
    }

    private void Silence(Node n, DateTimeOffset since, string reason)
    {
        n.Silent = true;
        n.SilentSince = since;
        n.SilentReason = reason;
        _changes.Add(new SapientSilenceChange(n.Sensor, true, since, reason));
    }

    private void Live(Node n, DateTimeOffset at, string reason)
    {
        if (!n.Silent)
            return;
        n.Silent = false;
        n.SilentSince = null;
        n.SilentReason = null;
        _changes.Add(new SapientSilenceChange(n.Sensor, false, at, reason));
    }

    /// <summary>The declared status interval; null when it is not a positive span (such a node is never overdue, only disconnected).</summary>
    internal static TimeSpan? StatusInterval(Registration registration)
    {
        if (registration.StatusDefinition?.StatusInterval is not { } d || !(d.Value > 0))
            return null;
        double seconds = d.Units switch
        {
            TimeUnits.Nanoseconds => d.Value * 1e-9,
            TimeUnits.Microseconds => d.Value * 1e-6,
            TimeUnits.Milliseconds => d.Value * 1e-3,
            TimeUnits.Seconds => d.Value,
            TimeUnits.Minutes => d.Value * 60,
            TimeUnits.Hours => d.Value * 3600,
            TimeUnits.Days => d.Value * 86400,
            _ => double.NaN,
        };
        return double.IsFinite(seconds) && seconds < TimeSpan.MaxValue.TotalSeconds / (SilenceFactor + 1) ? TimeSpan.FromSeconds(seconds) : null;
    }

    /// <summary>A node can be pointed when one of its modes offers LOOK_AT with at least one concurrent task.</summary>
    internal static bool Pointable(Registration registration) =>
        registration.ModeDefinition.Any(m => m.Task is { ConcurrentTasks: > 0 } t && t.Command.Any(c => c.Type == CommandType.LookAt));

    private static string StatusName(TaskAck.Types.TaskStatus s) => s switch
    {
        TaskAck.Types.TaskStatus.Accepted => "accepted",
        TaskAck.Types.TaskStatus.Rejected => "rejected",
        TaskAck.Types.TaskStatus.Completed => "completed",
        TaskAck.Types.TaskStatus.Failed => "failed",
        _ => "unspecified",
    };

    private sealed class Node(SensorDescriptor sensor)
    {
        public SensorDescriptor Sensor { get; } = sensor;
        public ISapientLink? Link { get; set; }
        public DateTimeOffset? RegisteredAt { get; set; }
        public DateTimeOffset? LastStatusAt { get; set; }
        public DateTimeOffset? DisconnectedAt { get; set; }
        public TimeSpan? StatusInterval { get; set; }
        public bool Pointable { get; set; }
        public bool Silent { get; set; }
        public DateTimeOffset? SilentSince { get; set; }
        public string? SilentReason { get; set; }
        public IReadOnlyList<string> NodeTypes { get; set; } = [];
        public List<SapientTaskRecord> Tasks { get; } = [];

        public SapientNodeState Snapshot() => new(Sensor.Id, Sensor.SapientNodeId!, RegisteredAt is not null, Link is not null, Pointable,
            StatusInterval, RegisteredAt, LastStatusAt, Silent, SilentSince, SilentReason, NodeTypes);
    }
}
