using System.Net;
using System.Text;
using PortalAccess.IntegrationTests.Infrastructure;
using PortalAccess.IntegrationTests.Support;

namespace PortalAccess.IntegrationTests;

/// <summary>A worker that dies under the test host: callers get problem+json instead of a hang, and the log says why.</summary>
[Collection(ServicesCollection.Name)]
public sealed class WorkerFaultTests(TestServices services) : IAsyncLifetime
{
    private WorkerApp? worker;

    private WorkerApp Worker => worker ?? throw new InvalidOperationException("Not started.");

    // its own worker: this test kills it, and the run's shared one must live on
    public async Task InitializeAsync() => worker = await WorkerApp.StartAsync(services.StorageConnectionString, services.MailDev.SmtpPort, services.NewPrefix());

    public async Task DisposeAsync() => await Worker.DisposeAsync();

    [Fact]
    public async Task WorkerCrashingMidRequest_Answers502Or503ProblemJson_AndLaterRequests503()
    {
        using var http = Worker.CreateClient();
        var body = new HalfThenWaitContent();
        var inFlight = http.PostAsync("/api/auth/login", body);
        await body.HalfSent.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Worker.KillWorker();
        body.Finish.SetResult();
        var crashed = await inFlight.WaitAsync(TimeSpan.FromSeconds(20));
        var after = await http.GetAsync("/api/health").WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Contains(crashed.StatusCode, new[] { HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable });
        Assert.Equal("application/problem+json", crashed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        Assert.Equal("application/problem+json", after.Content.Headers.ContentType?.MediaType);
        Assert.Contains(Worker.Logs.Lines, l => l.Contains("exited", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A JSON body that sends its first half, then waits for the test before it sends the rest.</summary>
    private sealed class HalfThenWaitContent : HttpContent
    {
        private static readonly byte[] Json = Encoding.UTF8.GetBytes("""{"login":"100001","password":"correct horse battery staple"}""");

        public HalfThenWaitContent() => Headers.ContentType = new("application/json");

        public TaskCompletionSource HalfSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(Json.AsMemory(0, Json.Length / 2));
            await stream.FlushAsync();
            HalfSent.SetResult();
            await Finish.Task;
            await stream.WriteAsync(Json.AsMemory(Json.Length / 2));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = Json.Length;
            return true;
        }
    }
}
