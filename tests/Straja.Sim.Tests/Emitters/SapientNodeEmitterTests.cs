using CsCheck;
using Straja.Protocols.Sapient;
using Straja.Protocols.Sapient.Wire;
using Straja.Sim.Emitters;

namespace Straja.Sim.Tests.Emitters;

public class SapientNodeEmitterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static SensorDescriptor Sensor(SensorKind kind, string id = "rf-1") =>
        new(id, id + " node", kind, new GeoPoint(45.27, 28.46, 30), 10_000, 1) { SapientNodeId = SapientNodeEmitter.NodeIdFor(id) };

    private static Detection Bearing(DateTimeOffset t, double azDeg, double elDeg = double.NaN, TargetClass hint = TargetClass.Multirotor) => new()
    {
        SensorId = "rf-1",
        Time = t,
        Kind = DetectionKind.Bearing,
        AzimuthRad = azDeg * Math.PI / 180,
        ElevationRad = elDeg * Math.PI / 180,
        SigmaAzimuthRad = 3 * Math.PI / 180,
        SigmaElevationRad = double.IsNaN(elDeg) ? double.NaN : 5 * Math.PI / 180,
        ClassHint = hint,
        ClassConfidence = 0.8,
    };

    private static void AssertValid(SapientMessage m)
    {
        var v = SapientValidator.Validate(m);
        Assert.True(v.IsValid, $"{m.ContentCase}: {string.Join("; ", v.Problems)}");
    }

    [Theory]
    [InlineData(SensorKind.PassiveRf)]
    [InlineData(SensorKind.Acoustic)]
    [InlineData(SensorKind.Camera)]
    public void Registration_and_status_are_valid_and_declare_the_status_interval(SensorKind kind)
    {
        var node = new SapientNodeEmitter(Sensor(kind), seed: 1, statusIntervalS: 4);
        var reg = node.Registration(T0);
        AssertValid(reg);
        Assert.Equal(SapientNodeEmitter.IcdVersion, reg.Registration.IcdVersion);
        Assert.Equal(4f, reg.Registration.StatusDefinition.StatusInterval.Value);
        Assert.Equal(kind == SensorKind.Camera, reg.Registration.ModeDefinition[0].Task.Command.Any(c => c.Type == Registration.Types.CommandType.LookAt));
        var status = node.Status(T0);
        AssertValid(status);
        Assert.Equal(45.27, status.StatusReport.NodeLocation.Y);
        Assert.Equal(10_000, status.StatusReport.Coverage[0].RangeBearing.Range);
    }

    [Fact]
    public void Status_reports_come_every_declared_interval_however_time_is_sliced()
    {
        var whole = new SapientNodeEmitter(Sensor(SensorKind.Acoustic), 1, statusIntervalS: 2);
        var sliced = new SapientNodeEmitter(Sensor(SensorKind.Acoustic), 1, statusIntervalS: 2);
        var a = new List<SapientMessage>();
        var b = new List<SapientMessage>();
        whole.Emit([], T0, a);
        whole.Emit([], T0.AddSeconds(10), a);
        sliced.Emit([], T0, b);
        for (int ms = 300; ms <= 10_000; ms += 300)
            sliced.Emit([], T0.AddMilliseconds(ms), b);
        sliced.Emit([], T0.AddSeconds(10), b);

        Assert.Equal(6, a.Count);
        Assert.All(a, m => Assert.Equal(SapientMessage.ContentOneofCase.StatusReport, m.ContentCase));
        Assert.Equal(a.Select(m => m.Timestamp), b.Select(m => m.Timestamp));
    }

    [Fact]
    public void A_detection_report_reads_back_through_the_adapter_as_the_same_bearing_class_and_noise()
    {
        // One emitter per sample: CsCheck runs samples on several threads, and an emitter is single-threaded state.
        Check.Sample(Gen.Select(Gen.Double[0, 359.99], Gen.Double[-10, 80]), (az, el) =>
        {
            var d = Bearing(T0, az, el);
            var m = new SapientNodeEmitter(Sensor(SensorKind.PassiveRf), seed: 3).Report(d);
            AssertValid(m);
            Assert.True(SapientAdapter.TryToDetection(m.DetectionReport, SensorContext.FromEnvelope(m) with { SensorId = "rf-1" }, out var back, out var why), why);
            var r = back.Detection;
            Assert.Equal(DetectionKind.Bearing, r.Kind);
            Assert.Equal(d.AzimuthRad, r.AzimuthRad, 9);
            Assert.Equal(d.ElevationRad, r.ElevationRad, 9);
            Assert.Equal(d.SigmaAzimuthRad, r.SigmaAzimuthRad, 9);
            Assert.Equal(TargetClass.Multirotor, r.ClassHint);
            Assert.Equal(0.8, r.ClassConfidence, 5);
            Assert.Equal(d.Time, r.Time);
        });
    }

    [Fact]
    public void Rf_reports_carry_signal_data_and_acoustic_ones_do_not()
    {
        var rf = new SapientNodeEmitter(Sensor(SensorKind.PassiveRf), 1).Report(Bearing(T0, 10));
        var signal = Assert.Single(rf.DetectionReport.Signal);
        Assert.True(signal.CentreFrequency is 2.44e9f or 5.8e9f);
        Assert.True(signal.StartFrequency < signal.CentreFrequency && signal.CentreFrequency < signal.StopFrequency);
        Assert.Empty(new SapientNodeEmitter(Sensor(SensorKind.Acoustic), 1).Report(Bearing(T0, 10)).DetectionReport.Signal);
    }

    [Fact]
    public void The_node_keeps_one_object_id_for_a_steady_bearing_and_another_for_a_separate_one()
    {
        var node = new SapientNodeEmitter(Sensor(SensorKind.PassiveRf), 1);
        var ids = new List<(string A, string B)>();
        for (int i = 0; i < 5; i++)
        {
            var t = T0.AddSeconds(i);
            ids.Add((node.Report(Bearing(t, 40 + (0.5 * i))).DetectionReport.ObjectId, node.Report(Bearing(t, 200 - (0.5 * i))).DetectionReport.ObjectId));
        }

        Assert.Single(ids.Select(x => x.A).Distinct());
        Assert.Single(ids.Select(x => x.B).Distinct());
        Assert.NotEqual(ids[0].A, ids[0].B);
        Assert.True(SapientIds.IsUlid(ids[0].A));
        var later = node.Report(Bearing(T0.AddSeconds(60), 42)).DetectionReport.ObjectId;
        Assert.NotEqual(ids[0].A, later);
    }

    [Fact]
    public void A_camera_accepts_a_look_at_task_and_other_nodes_reject_it_with_a_reason()
    {
        var task = new SapientMessage
        {
            Timestamp = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(T0),
            NodeId = "0b7e6a52-5d1c-4f8e-8c3a-2f9b1e4d7a60",
            Task = new Protocols.Sapient.Wire.Task
            {
                TaskId = SapientIds.NewUlid(T0, new Random(1)),
                Control = Protocols.Sapient.Wire.Task.Types.Control.Start,
                Command = new() { LookAt = new() { LocationList = new() { Locations = { new Location { X = 28.47, Y = 45.26, CoordinateSystem = LocationCoordinateSystem.LatLngDegM, Datum = LocationDatum.Wgs84E } } } } },
            },
        };
        var camera = new SapientNodeEmitter(Sensor(SensorKind.Camera, "eo-1"), 1);
        var yes = camera.Answer(task, T0);
        AssertValid(yes);
        Assert.Equal(TaskAck.Types.TaskStatus.Accepted, yes.TaskAck.TaskStatus);
        Assert.Equal(task.Task.TaskId, yes.TaskAck.TaskId);
        Assert.Equal(task.Task.TaskId, camera.Status(T0).StatusReport.ActiveTaskId);

        var no = new SapientNodeEmitter(Sensor(SensorKind.Acoustic), 1).Answer(task, T0);
        Assert.Equal(TaskAck.Types.TaskStatus.Rejected, no.TaskAck.TaskStatus);
        Assert.Contains("cannot be pointed", Assert.Single(no.TaskAck.Reason), StringComparison.Ordinal);
    }

    [Fact]
    public void Node_ids_are_stable_uuids_distinct_per_sensor()
    {
        Assert.Equal(SapientNodeEmitter.NodeIdFor("rf-galati"), SapientNodeEmitter.NodeIdFor("rf-galati"));
        Assert.NotEqual(SapientNodeEmitter.NodeIdFor("rf-galati"), SapientNodeEmitter.NodeIdFor("rf-isaccea"));
        Assert.True(SapientIds.IsUuid(SapientNodeEmitter.NodeIdFor("rf-galati")));
    }

    [Fact]
    public void New_ulids_are_valid_and_start_with_the_time()
    {
        Check.Sample(Gen.Long[0, DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()], ms =>
        {
            var t = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            var a = SapientIds.NewUlid(t, new Random((int)(ms % int.MaxValue)));
            Assert.True(SapientIds.IsUlid(a), a);
            Assert.Equal(SapientIds.NewUlid(t, new Random(1))[..10], a[..10]);
        });
    }
}
