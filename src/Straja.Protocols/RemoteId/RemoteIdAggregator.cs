namespace Straja.Protocols.RemoteId;

/// <summary>
/// Who a drone state belongs to: the transmitter's Bluetooth/Wi-Fi address when the receiver reports it,
/// else the UAS ID of a Basic ID in the same frame (a pack carries both).
/// </summary>
public readonly record struct TransmitterKey(ulong Address, string? UasId)
{
    public static TransmitterKey FromAddress(ulong address) => new(address, null);

    public static TransmitterKey FromUasId(string uasId) => new(0, uasId);

    public override string ToString() => Address != 0 ? $"{Address:X12}" : $"id:{UasId}";
}

/// <summary>Settings for <see cref="RemoteIdAggregator"/>.</summary>
public sealed record RemoteIdAggregatorOptions
{
    /// <summary>A transmitter not heard for this long is pruned. F3411 sends Location at least once a second, so 30 s of silence means it has gone.</summary>
    public double StaleAfterS { get; init; } = 30.0;
    /// <summary>Bound on the tracked transmitters; when full, the least recently heard one makes room.</summary>
    public int MaxTransmitters { get; init; } = 4096;
    /// <summary>Location messages kept so a signature over any recent one can be checked.</summary>
    public int RecentLocations { get; init; } = 8;
}

/// <summary>
/// One complete authentication (pages 0..N), reassembled. <see cref="Pages"/> are the 25-byte messages as
/// received and <see cref="LocationMessages"/> the Location/Vector messages heard up to its completion,
/// newest first: Straja.Registry's <c>ProofVerifier.Verify(identity, serial, Pages, location, now)</c>
/// takes exactly these.
/// </summary>
public sealed record AuthenticationSet(
    AuthType AuthType,
    uint Timestamp,
    byte[] Data,
    IReadOnlyList<byte[]> Pages,
    IReadOnlyList<byte[]> LocationMessages,
    double CompletedS)
{
    public DateTimeOffset TimestampUtc => RemoteIdTime.FromSeconds2019(Timestamp);
}

/// <summary>What one Remote ID transmitter has said. Mutated only by its <see cref="RemoteIdAggregator"/>.</summary>
public sealed class DroneState
{
    private readonly List<BasicId> _basicIds = new(2);
    private readonly List<RemoteIdMessage> _recentLocations = new();
    private readonly RemoteIdMessage?[] _authPages = new RemoteIdMessage?[AuthenticationPage.MaxPages];

    internal DroneState(TransmitterKey key, double timeS)
    {
        Key = key;
        FirstSeenS = timeS;
        LastSeenS = timeS;
    }

    public TransmitterKey Key { get; }
    /// <summary>One Basic ID per ID type (F3411-22a lets a transmitter send e.g. a serial and a session ID).</summary>
    public IReadOnlyList<BasicId> BasicIds => _basicIds;
    public LocationVector? Location { get; private set; }
    /// <summary>The last Location/Vector message as received (25 bytes): what a signature covers.</summary>
    public RemoteIdMessage? LocationMessage { get; private set; }
    public double? LocationTimeS { get; private set; }
    /// <summary>Operator position, operating area and EU category/class.</summary>
    public SystemInfo? System { get; private set; }
    public OperatorId? OperatorId { get; private set; }
    public SelfId? SelfId { get; private set; }
    /// <summary>The last complete authentication.</summary>
    public AuthenticationSet? Authentication { get; private set; }
    public sbyte RssiDbm { get; private set; } = RemoteIdFeed.UnknownRssi;
    public double FirstSeenS { get; }
    public double LastSeenS { get; private set; }
    public long Messages { get; private set; }

    /// <summary>The preferred Basic ID: serial number, then CAA registration, then UTM UUID, then session ID.</summary>
    public BasicId? PrimaryId
    {
        get
        {
            BasicId? best = null;
            foreach (var id in _basicIds)
            {
                if (id.IdType is >= IdType.SerialNumber and <= IdType.SpecificSessionId && (best is null || id.IdType < best.Value.IdType))
                {
                    best = id;
                }
            }

            return best;
        }
    }

    internal void Apply(in RemoteIdMessage m, double timeS, RemoteIdAggregatorOptions options)
    {
        LastSeenS = Math.Max(LastSeenS, timeS);
        Messages++;
        switch (m.Type)
        {
            case MessageType.BasicId when m.TryGet(out BasicId id):
                int at = _basicIds.FindIndex(b => b.IdType == id.IdType);
                if (at >= 0)
                {
                    _basicIds[at] = id;
                }
                else if (_basicIds.Count < 4)
                {
                    _basicIds.Add(id);
                }

                break;
            case MessageType.Location when m.TryGet(out LocationVector loc):
                Location = loc;
                LocationMessage = m;
                LocationTimeS = timeS;
                if (_recentLocations.Count == 0 || _recentLocations[0] != m)
                {
                    // Transmitters repeat each message several times; keep distinct ones only.
                    _recentLocations.Insert(0, m);
                }

                if (_recentLocations.Count > Math.Max(1, options.RecentLocations))
                {
                    _recentLocations.RemoveAt(_recentLocations.Count - 1);
                }

                break;
            case MessageType.Authentication when m.TryGet(out AuthenticationPage page):
                AddAuthPage(m, page, timeS);
                break;
            case MessageType.SelfId when m.TryGet(out SelfId selfId):
                SelfId = selfId;
                break;
            case MessageType.System when m.TryGet(out SystemInfo system):
                System = system;
                break;
            case MessageType.OperatorId when m.TryGet(out OperatorId op):
                OperatorId = op;
                break;
        }
    }

    internal void Heard(sbyte rssiDbm)
    {
        if (rssiDbm != RemoteIdFeed.UnknownRssi)
        {
            RssiDbm = rssiDbm;
        }
    }

    private void AddAuthPage(in RemoteIdMessage m, in AuthenticationPage page, double timeS)
    {
        if (page.PageNumber == 0 && _authPages[0] != m)
        {
            // A new page 0 starts a new authentication. Pages heard before it may belong to an older one, and
            // a mix would fail verification (a false spoof alarm); transmitters repeat, so they come again.
            Array.Clear(_authPages);
        }

        _authPages[page.PageNumber] = m;
        if (TryAssemble(timeS) is { } set && (Authentication is null || !SamePages(Authentication, set)))
        {
            Authentication = set;
        }
    }

    private AuthenticationSet? TryAssemble(double timeS)
    {
        if (_authPages[0] is not { } first || !first.TryGet(out AuthenticationPage head))
        {
            return null;
        }

        int last = head.LastPageIndex;
        int length = head.Length;
        bool lengthFits = last < AuthenticationPage.MaxPages
            && length <= AuthenticationPage.Page0DataBytes + last * AuthenticationPage.PageNDataBytes
            && (last == 0 || length > AuthenticationPage.Page0DataBytes + (last - 1) * AuthenticationPage.PageNDataBytes);
        if (!lengthFits)
        {
            return null;
        }

        var data = new byte[length];
        var pages = new byte[last + 1][];
        for (int i = 0; i <= last; i++)
        {
            if (_authPages[i] is not { } p || !p.TryGet(out AuthenticationPage page) || page.AuthType != head.AuthType)
            {
                return null;
            }

            int start = i == 0 ? 0 : AuthenticationPage.Page0DataBytes + (i - 1) * AuthenticationPage.PageNDataBytes;
            int n = Math.Clamp(length - start, 0, page.Data.Length);
            page.Data.Span[..n].CopyTo(data.AsSpan(start));
            pages[i] = p.ToArray();
        }

        var locations = _recentLocations.Select(l => l.ToArray()).ToArray();
        return new AuthenticationSet(head.AuthType, head.Timestamp, data, pages, locations, timeS);
    }

    private static bool SamePages(AuthenticationSet a, AuthenticationSet b) =>
        a.Pages.Count == b.Pages.Count && a.Pages.Zip(b.Pages).All(p => p.First.AsSpan().SequenceEqual(p.Second));
}

/// <summary>
/// Merges Remote ID messages into one <see cref="DroneState"/> per transmitter. Pure: the caller passes the
/// time (seconds on any monotonic clock) with every update and calls <see cref="Prune"/> when it likes.
/// </summary>
public sealed class RemoteIdAggregator
{
    private readonly Dictionary<TransmitterKey, DroneState> _states = new();

    public RemoteIdAggregator(RemoteIdAggregatorOptions? options = null) => Options = options ?? new RemoteIdAggregatorOptions();

    public RemoteIdAggregatorOptions Options { get; }

    public int Count => _states.Count;

    public IReadOnlyCollection<DroneState> Drones => _states.Values;

    /// <summary>
    /// Applies every message of <paramref name="frame"/>. Keyed by <paramref name="transmitterAddress"/> when it is
    /// not 0, else by the frame's own Basic ID; a frame with neither cannot be attributed and returns null.
    /// </summary>
    public DroneState? Update(ulong transmitterAddress, in RemoteIdFrame frame, double timeS, sbyte rssiDbm = RemoteIdFeed.UnknownRssi)
    {
        TransmitterKey key;
        if (transmitterAddress != 0)
        {
            key = TransmitterKey.FromAddress(transmitterAddress);
        }
        else if (FirstUasId(frame) is { } id)
        {
            key = TransmitterKey.FromUasId(id);
        }
        else
        {
            return null;
        }

        var state = GetOrAdd(key, timeS);
        state.Heard(rssiDbm);
        for (int i = 0; i < frame.Count; i++)
        {
            state.Apply(frame[i], timeS, Options);
        }

        return state;
    }

    public DroneState Update(TransmitterKey key, in RemoteIdMessage message, double timeS)
    {
        var state = GetOrAdd(key, timeS);
        state.Apply(message, timeS, Options);
        return state;
    }

    public bool TryGet(TransmitterKey key, out DroneState state) => _states.TryGetValue(key, out state!);

    /// <summary>Forgets transmitters not heard for <see cref="RemoteIdAggregatorOptions.StaleAfterS"/>; returns how many.</summary>
    public int Prune(double nowS)
    {
        var stale = _states.Where(kv => nowS - kv.Value.LastSeenS > Options.StaleAfterS).Select(kv => kv.Key).ToList();
        foreach (var key in stale)
        {
            _states.Remove(key);
        }

        return stale.Count;
    }

    private DroneState GetOrAdd(TransmitterKey key, double timeS)
    {
        if (_states.TryGetValue(key, out var state))
        {
            return state;
        }

        if (_states.Count >= Math.Max(1, Options.MaxTransmitters))
        {
            var oldest = _states.MinBy(kv => kv.Value.LastSeenS).Key;
            _states.Remove(oldest);
        }

        state = new DroneState(key, timeS);
        _states.Add(key, state);
        return state;
    }

    private static string? FirstUasId(in RemoteIdFrame frame)
    {
        for (int i = 0; i < frame.Count; i++)
        {
            if (frame[i].TryGet(out BasicId id) && id.IdType != IdType.None && id.UasId.Text.Length > 0)
            {
                return RemoteIdAdapter.IdText(id);
            }
        }

        return null;
    }
}
