using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Straja.Ingest.Outputs;
using Straja.Protocols.Cot;

namespace Straja.Ingest.Tests.Cot;

public sealed class CotSenderTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CotEvent Event(int n) => CotMapping.ToEvent(new CotTrack($"TRK-{n}", 45.2 + (n * 0.001), 28.4, 300, 20, 20, 90, 30,
        CotIdentity.Hostile, TargetClass.Multirotor, DateTimeOffset.FromUnixTimeMilliseconds(1_748_779_200_000 + n)));

    private static CotTcpOptions Tcp(int port) => new("127.0.0.1", port) { FirstRetryDelay = TimeSpan.FromMilliseconds(50), MaxRetryDelay = TimeSpan.FromMilliseconds(200) };

    private static TcpListener Listen(int port = 0)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        return listener;
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        byte[] bytes = new byte[count];
        using var timeout = new CancellationTokenSource(Patience);
        await stream.ReadExactlyAsync(bytes, timeout.Token);
        return bytes;
    }

    [Theory]
    [InlineData(CotWireFormat.Xml)]
    [InlineData(CotWireFormat.TakProtocol)]
    public async Task Udp_receiver_gets_the_exact_datagram(CotWireFormat format)
    {
        using var receiver = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)receiver.Client.LocalEndPoint!).Port;
        using var sender = new CotUdpSender(new CotUdpOptions { Address = IPAddress.Loopback, Port = port, Format = format }, TimeProvider.System);

        Assert.True(await sender.SendAsync(Event(1)));
        using var timeout = new CancellationTokenSource(Patience);
        UdpReceiveResult got = await receiver.ReceiveAsync(timeout.Token);

        byte[] expected = format == CotWireFormat.Xml ? CotXml.Encode(Event(1)) : TakProtocol.EncodeMesh(Event(1));
        Assert.Equal(expected, got.Buffer);
        Assert.Equal(1, sender.Counters.Sent);
        Assert.Equal(expected.Length, sender.Counters.Bytes);
    }

    [Fact]
    public async Task Multicast_member_on_loopback_gets_the_datagram()
    {
        var group = IPAddress.Parse("239.2.3.1");
        using var receiver = new UdpClient(AddressFamily.InterNetwork);
        receiver.Client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        receiver.Client.Bind(new IPEndPoint(IPAddress.Any, 0));
        receiver.JoinMulticastGroup(group, IPAddress.Loopback);
        int port = ((IPEndPoint)receiver.Client.LocalEndPoint!).Port;
        using var sender = new CotUdpSender(new CotUdpOptions { Address = group, Port = port, MulticastInterface = IPAddress.Loopback }, TimeProvider.System);

        Assert.True(await sender.SendAsync(Event(3)));
        using var timeout = new CancellationTokenSource(Patience);
        UdpReceiveResult got = await receiver.ReceiveAsync(timeout.Token);

        Assert.Equal(CotXml.Encode(Event(3)), got.Buffer);
    }

    [Fact]
    public async Task Tcp_server_gets_the_xml_stream_in_order()
    {
        using TcpListener server = Listen();
        await using var sender = new CotTcpSender(Tcp(((IPEndPoint)server.LocalEndpoint).Port), TimeProvider.System);
        sender.Start();
        sender.Post(Event(1));
        sender.Post(Event(2));

        using TcpClient peer = await server.AcceptTcpClientAsync();
        byte[] expected = [.. CotXml.Encode(Event(1), declaration: false), .. CotXml.Encode(Event(2), declaration: false)];
        Assert.Equal(expected, await ReadExactlyAsync(peer.GetStream(), expected.Length));
    }

    [Fact]
    public async Task Tcp_sender_reconnects_after_the_server_restarts_and_delivers_what_follows()
    {
        TcpListener first = Listen();
        int port = ((IPEndPoint)first.LocalEndpoint).Port;
        await using var sender = new CotTcpSender(Tcp(port), TimeProvider.System);
        sender.Start();
        sender.Post(Event(1));
        byte[] one = CotXml.Encode(Event(1), declaration: false);
        using (TcpClient peer = await first.AcceptTcpClientAsync())
        {
            Assert.Equal(one, await ReadExactlyAsync(peer.GetStream(), one.Length));
        }

        first.Stop();
        await WaitUntilAsync(() => !sender.Counters.Connected);
        using TcpListener second = Listen(port);
        sender.Post(Event(2));
        using TcpClient again = await second.AcceptTcpClientAsync();

        byte[] two = CotXml.Encode(Event(2), declaration: false);
        Assert.Equal(two, await ReadExactlyAsync(again.GetStream(), two.Length));
        Assert.True(sender.Counters.Connects >= 2);
        Assert.True(sender.Counters.Failed >= 1);
        Assert.NotNull(sender.Counters.LastError);
    }

    [Fact]
    public async Task Queue_drops_the_oldest_while_the_server_is_away()
    {
        using TcpListener probe = Listen();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var sender = new CotTcpSender(Tcp(port) with { QueueCapacity = 2 }, TimeProvider.System);
        sender.Start();
        for (int i = 1; i <= 5; i++)
        {
            sender.Post(Event(i));
        }

        Assert.Equal(3, sender.Counters.Dropped);
        using TcpListener server = Listen(port);
        using TcpClient peer = await server.AcceptTcpClientAsync();
        byte[] expected = [.. CotXml.Encode(Event(4), declaration: false), .. CotXml.Encode(Event(5), declaration: false)];
        Assert.Equal(expected, await ReadExactlyAsync(peer.GetStream(), expected.Length));
    }

    [Fact]
    public async Task Tls_with_client_certificate_delivers_the_tak_stream()
    {
        using var pki = new TestPki();
        using TcpListener server = Listen();
        await using CotTcpSender sender = StartTls(server, pki, CotWireFormat.TakProtocol);
        sender.Post(Event(7));

        using TcpClient peer = await server.AcceptTcpClientAsync();
        await using var tls = new SslStream(peer.GetStream());
        X509Certificate2? presented = null;
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
        {
            ServerCertificate = pki.Server,
            ClientCertificateRequired = true,
            RemoteCertificateValidationCallback = (_, cert, _, _) =>
            {
                presented = cert is null ? null : new X509Certificate2(cert);
                return presented is not null && pki.Issued(presented);
            },
        });

        byte[] expected = TakProtocol.EncodeStream(Event(7));
        Assert.Equal(expected, await ReadExactlyAsync(tls, expected.Length));
        Assert.Equal(pki.Client.Thumbprint, presented?.Thumbprint);
    }

    [Fact]
    public async Task Tls_refuses_a_server_whose_certificate_is_not_from_the_trusted_ca()
    {
        using var pki = new TestPki();
        using var other = new TestPki();
        using TcpListener server = Listen();
        await using CotTcpSender sender = StartTls(server, pki, CotWireFormat.Xml);
        sender.Post(Event(1));

        using TcpClient peer = await server.AcceptTcpClientAsync();
        await using var tls = new SslStream(peer.GetStream());
        try
        {
            // Under TLS 1.3 the server may finish its side before the client's refusal arrives.
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = other.Server });
        }
        catch (Exception e) when (e is System.Security.Authentication.AuthenticationException or IOException)
        {
        }

        await WaitUntilAsync(() => sender.Counters.Failed >= 1);
        Assert.Equal(0, sender.Counters.Sent);
        Assert.False(sender.Counters.Connected);
    }

    private static CotTcpSender StartTls(TcpListener server, TestPki pki, CotWireFormat format)
    {
        var options = Tcp(((IPEndPoint)server.LocalEndpoint).Port) with
        {
            Format = format,
            Tls = new CotTlsOptions { ClientCertificate = pki.Client, TrustedCa = pki.Ca, TargetHost = "localhost" },
        };
        var sender = new CotTcpSender(options, TimeProvider.System);
        sender.Start();
        return sender;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    /// <summary>A private CA with a server certificate for localhost and a client certificate, as a TAK server's PKI looks.</summary>
    private sealed class TestPki : IDisposable
    {
        public TestPki()
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var caRequest = new CertificateRequest("CN=Straja Test CA", caKey, HashAlgorithmName.SHA256);
            caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            Ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("localhost");
            Server = Issue("CN=localhost", "1.3.6.1.5.5.7.3.1", san.Build(), now);
            Client = Issue("CN=straja-output", "1.3.6.1.5.5.7.3.2", null, now);
        }

        public X509Certificate2 Ca { get; }
        public X509Certificate2 Server { get; }
        public X509Certificate2 Client { get; }

        private X509Certificate2 Issue(string subject, string usageOid, X509Extension? san, DateTimeOffset now)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
            if (san is not null)
            {
                request.CertificateExtensions.Add(san);
            }

            using X509Certificate2 issued = request.Create(Ca, now.AddHours(-1), now.AddHours(12), RandomNumberGenerator.GetBytes(8));
            return issued.CopyWithPrivateKey(key);
        }

        public bool Issued(X509Certificate2 cert)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.CustomTrustStore.Add(Ca);
            return chain.Build(cert);
        }

        public void Dispose()
        {
            Ca.Dispose();
            Server.Dispose();
            Client.Dispose();
        }
    }
}
