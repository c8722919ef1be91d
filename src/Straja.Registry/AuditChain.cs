using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Straja.Registry;

/// <summary>One entry of the append-only audit log, exactly as stored (the hash is over these strings, not over re-serialised objects).</summary>
public sealed record AuditRecord(
    long Id,
    string TimeUtc,
    string Actor,
    string Action,
    string Entity,
    string PayloadJson,
    string PreviousHash,
    string Hash);

/// <summary>
/// Outcome of walking the chain. When <see cref="Ok"/> is false, <see cref="FirstBadId"/> names the first record
/// found altered or removed and <see cref="Problem"/> says which.
/// </summary>
public sealed record AuditVerification(bool Ok, long Count, string HeadHash, long? FirstBadId, string? Problem);

/// <summary>
/// The hash chain. Canonical encoding of a record: the seven fields id, time, actor, action, entity,
/// payload, previous hash, in that order, each as UTF-8 bytes prefixed by its byte length as a 4-byte
/// big-endian unsigned integer; id is decimal ASCII, time is ISO 8601 UTC with 7 fractional digits and
/// a trailing Z, hashes are 64 lowercase hex digits. hash = lowercase hex of SHA-256 over that encoding.
/// Length prefixes make the encoding unambiguous (no field can bleed into the next).
/// </summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    public static string FormatTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static byte[] Encode(long id, string timeUtc, string actor, string action, string entity, string payloadJson, string previousHash)
    {
        string[] fields = [id.ToString(CultureInfo.InvariantCulture), timeUtc, actor, action, entity, payloadJson, previousHash];
        using var buffer = new MemoryStream();
        Span<byte> length = stackalloc byte[4];
        foreach (string field in fields)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(field);
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes.Length);
            buffer.Write(length);
            buffer.Write(bytes);
        }

        return buffer.ToArray();
    }

    public static string ComputeHash(long id, string timeUtc, string actor, string action, string entity, string payloadJson, string previousHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encode(id, timeUtc, actor, action, entity, payloadJson, previousHash)));

    public static AuditRecord Seal(long id, string timeUtc, string actor, string action, string entity, string payloadJson, string previousHash) =>
        new(id, timeUtc, actor, action, entity, payloadJson, previousHash,
            ComputeHash(id, timeUtc, actor, action, entity, payloadJson, previousHash));

    /// <summary>
    /// Walks records in id order. Ids are dense from 1, so a gap is a removed record; a record whose stored
    /// hash does not match its content was altered; a record whose previous-hash does not match the record
    /// before it means that earlier record was rewritten with a recomputed hash (or removed at the tail of a gap).
    /// Removing records from the end leaves a valid shorter chain: compare <see cref="AuditVerification.Count"/> and
    /// <see cref="AuditVerification.HeadHash"/> with a copy kept elsewhere to catch that.
    /// </summary>
    public static AuditVerification Verify(IEnumerable<AuditRecord> recordsInIdOrder)
    {
        long expectedId = 1;
        string previousHash = Genesis;
        long count = 0;
        foreach (var r in recordsInIdOrder)
        {
            if (r.Id != expectedId)
            {
                return r.Id > expectedId
                    ? Bad(count, previousHash, expectedId, $"record {expectedId} was removed (next present record is {r.Id})")
                    : Bad(count, previousHash, r.Id, $"record {r.Id} is out of order or duplicated (expected {expectedId})");
            }

            if (ComputeHash(r.Id, r.TimeUtc, r.Actor, r.Action, r.Entity, r.PayloadJson, r.PreviousHash) != r.Hash)
                return Bad(count, previousHash, r.Id, $"record {r.Id} was altered: its content does not match its hash");
            if (r.PreviousHash != previousHash)
            {
                long culprit = r.Id - 1;
                return Bad(count, previousHash, culprit,
                    $"record {r.Id} does not link to record {culprit}: record {culprit} was altered (its hash was recomputed)");
            }

            previousHash = r.Hash;
            expectedId++;
            count++;
        }

        return new AuditVerification(true, count, previousHash, null, null);
    }

    private static AuditVerification Bad(long count, string head, long id, string problem) => new(false, count, head, id, problem);
}
