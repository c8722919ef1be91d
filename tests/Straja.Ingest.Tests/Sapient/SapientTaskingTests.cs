using Straja.Ingest.Feeds;
using Straja.Protocols.Sapient;
using Straja.Protocols.Sapient.Wire;
using static Straja.Ingest.Tests.Sapient.SapientLoopback;
using Task = System.Threading.Tasks.Task;

namespace Straja.Ingest.Tests.Sapient;

/// <summary>The fusion node points a camera node at a track: Task over the node's connection, TaskAck back into the book.</summary>
public class SapientTaskingTests
{
    private static readonly GeoPoint Drone = new(45.262, 28.47, 180);

    [Fact]
    public async Task A_pointable_node_receives_a_valid_look_at_task_and_its_acceptance_is_recorded()
    {
        await using var l = Open();
        var (client, s, node) = await l.Register(Camera, statusIntervalS: 5);
        using (client)
        {
            Assert.True(l.Nodes.State(Camera.Id)!.Pointable);
            var (record, refusal, reason) = l.Nodes.SendLookAt(Camera.Id, "T17", Drone, l.Clock.GetUtcNow());
            Assert.Equal(SapientTaskRefusal.None, refusal);
            Assert.Null(reason);
            Assert.Equal("sent", record!.Status);

            var task = await Receive(s);
            Assert.Equal(SapientMessage.ContentOneofCase.Task, task.ContentCase);
            Assert.True(SapientValidator.Validate(task).IsValid, string.Join("; ", SapientValidator.Validate(task).Problems));
            Assert.Equal(Camera.SapientNodeId, task.DestinationId);
            Assert.Equal(record.TaskId, task.Task.TaskId);
            var at = task.Task.Command.LookAt.LocationList.Locations[0];
            Assert.Equal((Drone.LatDeg, Drone.LonDeg, Drone.AltM), (at.Y, at.X, at.Z));

            await Send(s, node.Answer(task, l.Clock.GetUtcNow()));
            await Until(() => l.Nodes.Tasks(Camera.Id)![0].Status != "sent", "the TaskAck was not recorded");
            var answered = l.Nodes.Tasks(Camera.Id)![0];
            Assert.Equal("accepted", answered.Status);
            Assert.Equal("T17", answered.TrackId);
            Assert.NotNull(answered.AnsweredAt);
        }
    }

    [Fact]
    public async Task A_rejection_is_recorded_with_the_nodes_reason()
    {
        await using var l = Open();
        var (client, s, node) = await l.Register(Camera, statusIntervalS: 5);
        using (client)
        {
            var (record, _, _) = l.Nodes.SendLookAt(Camera.Id, null, Drone, l.Clock.GetUtcNow());
            var task = await Receive(s);
            var ack = node.Answer(task, l.Clock.GetUtcNow());
            ack.TaskAck.TaskStatus = TaskAck.Types.TaskStatus.Rejected;
            ack.TaskAck.Reason.Add("gimbal fault");
            await Send(s, ack);
            await Until(() => l.Nodes.Tasks(Camera.Id)![0].Status != "sent", "the TaskAck was not recorded");
            var answered = l.Nodes.Tasks(Camera.Id)![0];
            Assert.Equal(record!.TaskId, answered.TaskId);
            Assert.Equal("rejected", answered.Status);
            Assert.Contains("gimbal fault", answered.Reasons);
        }
    }

    [Fact]
    public async Task A_node_that_cannot_be_pointed_is_not_sent_a_task()
    {
        await using var l = Open();
        var (client, _, _) = await l.Register(Rf, statusIntervalS: 5);
        using (client)
        {
            var (record, refusal, reason) = l.Nodes.SendLookAt(Rf.Id, "T1", Drone, l.Clock.GetUtcNow());
            Assert.Null(record);
            Assert.Equal(SapientTaskRefusal.NotPointable, refusal);
            Assert.Contains("LOOK_AT", reason, StringComparison.Ordinal);
            Assert.Empty(l.Nodes.Tasks(Rf.Id)!);
        }
    }

    [Fact]
    public async Task Unknown_unregistered_and_disconnected_nodes_are_refused_with_distinct_reasons()
    {
        await using var l = Open();
        Assert.Equal(SapientTaskRefusal.UnknownSensor, l.Nodes.SendLookAt("radar-x", null, Drone, l.Clock.GetUtcNow()).Refusal);
        Assert.Equal(SapientTaskRefusal.NotRegistered, l.Nodes.SendLookAt(Camera.Id, null, Drone, l.Clock.GetUtcNow()).Refusal);

        var (client, _, _) = await l.Register(Camera, statusIntervalS: 5);
        client.Dispose();
        await Until(() => !l.Nodes.State(Camera.Id)!.Connected, "the closed connection was not noticed");
        Assert.Equal(SapientTaskRefusal.NotConnected, l.Nodes.SendLookAt(Camera.Id, null, Drone, l.Clock.GetUtcNow()).Refusal);
    }
}
