using System.Net;
using System.Text;

namespace PortalAccess.IntegrationTests.Host;

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
        AssertGatewayProblem(await inFlight.WaitAsync(TimeSpan.FromSeconds(20)));

        // until the host has seen the exit, a forward fails as 502; from then on it answers 503 without trying
        var after = await HealthAsync(http);
        for (var deadline = DateTimeOffset.UtcNow.AddSeconds(20); after.StatusCode == HttpStatusCode.BadGateway && DateTimeOffset.UtcNow < deadline;)
        {
            await Task.Delay(100);
            after = await HealthAsync(http);
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        // the host logs the exit from its process watcher, which may run a moment after requests see the worker gone
        for (var deadline = DateTimeOffset.UtcNow.AddSeconds(10); !Exited() && DateTimeOffset.UtcNow < deadline;)
        {
            await Task.Delay(100);
        }
        Assert.True(Exited(), "The host logged no exit of the worker.");
    }

    private bool Exited() => Worker.Logs.Lines.Any(l => l.Contains("exited", StringComparison.OrdinalIgnoreCase));

    private static async Task<HttpResponseMessage> HealthAsync(HttpClient http)
    {
        var response = await http.GetAsync("/api/health").WaitAsync(TimeSpan.FromSeconds(20));
        AssertGatewayProblem(response);
        return response;
    }

    private static void AssertGatewayProblem(HttpResponseMessage response)
    {
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable });
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
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
