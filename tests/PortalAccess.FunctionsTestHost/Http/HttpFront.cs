using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Constraints;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PortalAccess.FunctionsTestHost.Rpc;
using PortalAccess.FunctionsTestHost.Worker;

namespace PortalAccess.FunctionsTestHost.Http;

/// <summary>
/// What the Functions host does for an HTTP trigger under ASP.NET Core integration: match the route (and answer as it does
/// when none matches or the key is missing: no body), check the function key,
/// send the InvocationRequest and, at the same time, forward the real request to the worker's own listener (HttpUri) with
/// <c>x-ms-invocation-id</c>, by which the worker pairs the two (DefaultHttpCoordinator). The worker's answer goes back unchanged.
/// </summary>
internal sealed class HttpFront(IReadOnlyList<IndexedFunction> functions, string routePrefix, bool reverseRoutes, string? functionKey, Uri workerUri, WorkerChannel channel, LogSink log, Action<string> invoked) : IDisposable
{
    private const string FunctionToken = "function";

    // after a failed invocation the app's own exception handling may still answer; wait a moment for it
    private static readonly TimeSpan FailureGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ResponseWait = TimeSpan.FromSeconds(30);

    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "TE", "Trailer", "Upgrade",
        "Proxy-Authenticate", "Proxy-Authorization", "Host", "Expect",
    };

    private readonly HttpMessageInvoker client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        // header values as Kestrel read them (ASCII or UTF-8), forwarded as the same bytes: the default refuses non-ASCII (502)
        RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8,
        ResponseHeaderEncodingSelector = (_, _) => Encoding.UTF8,
    });

    private readonly RouteCollection routes = Routes(functions, routePrefix, reverseRoutes);

    public async Task HandleAsync(HttpContext context)
    {
        var match = new RouteContext(context);
        await routes.RouteAsync(match);
        if (match.RouteData.DataTokens[FunctionToken] is not IndexedFunction function)
        {
            // the real host's answer when no route matches: 404 with no body
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (NeedsKey(function.Function.AuthLevel) && !HasKey(context.Request))
        {
            // the real host's UnauthorizedResult: 401 with no body
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        if (channel.Failure is { } reason)
        {
            await Problems.WorkerUnavailable(context, reason);
            return;
        }
        var values = match.RouteData.Values.Where(v => v.Value is not null)
            .ToDictionary(v => v.Key, v => Convert.ToString(v.Value, CultureInfo.InvariantCulture)!, StringComparer.OrdinalIgnoreCase);
        await InvokeAsync(context, function, values);
    }

    public void Dispose() => client.Dispose();

    /// <summary>
    /// The routes as the real host builds them (WebJobsRouteBuilder): ASP.NET Core's <see cref="Route"/> for the prefixed
    /// template, an HTTP method constraint, matched in the order the functions were registered, not by precedence
    /// (Azure/azure-webjobs-sdk-extensions#842 would change that); <paramref name="reverse"/> tries the opposite order, to
    /// prove an app's routes do not depend on it.
    /// </summary>
    private static RouteCollection Routes(IReadOnlyList<IndexedFunction> functions, string routePrefix, bool reverse)
    {
        // the host registers the full set of inline constraints; RouteOptions alone leaves regex out
        var options = new RouteOptions();
        options.SetParameterPolicy<RegexInlineRouteConstraint>("regex");
        var resolver = new DefaultInlineConstraintResolver(Options.Create(options), new ServiceCollection().BuildServiceProvider());
        var routes = new RouteCollection();
        var http = functions.Where(f => f.Function.Route is not null);
        foreach (var function in reverse ? http.Reverse() : http)
        {
            var prefix = routePrefix.Trim('/');
            var constraints = new Dictionary<string, object>();
            if (function.Function.Methods.Count > 0)
            {
                constraints["httpMethod"] = new HttpMethodRouteConstraint([.. function.Function.Methods.Select(m => m.ToUpperInvariant())]);
            }
            routes.Add(new Route(new RouteHandler(_ => Task.CompletedTask), function.Function.Name,
                prefix.Length == 0 ? function.Function.Route : $"{prefix}/{function.Function.Route!.TrimStart('/')}",
                defaults: null, constraints, new RouteValueDictionary { [FunctionToken] = function }, resolver));
        }
        return routes;
    }

    // Function, System and Admin levels all need a key here; the test host knows one key (no master key)
    private static bool NeedsKey(string? authLevel) => !string.Equals(authLevel, "Anonymous", StringComparison.OrdinalIgnoreCase);

    private bool HasKey(HttpRequest request)
    {
        var given = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        return !string.IsNullOrEmpty(functionKey) && given is not null
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(functionKey)));
    }

    private async Task InvokeAsync(HttpContext context, IndexedFunction function, Dictionary<string, string> values)
    {
        var invocationId = Guid.NewGuid().ToString();
        invoked(function.Function.Name);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var request = new StreamingMessage { InvocationRequest = Invocations.Http(function, invocationId, context.Request, values) };
        var invocation = channel.RequestAsync(request, "invoke:" + invocationId, abort.Token);
        var forward = ForwardAsync(context, invocationId, abort.Token);
        try
        {
            if (await Task.WhenAny(forward, invocation) == invocation && !Succeeded(await invocation)
                && await Task.WhenAny(forward, Task.Delay(FailureGrace, abort.Token)) != forward)
            {
                await abort.CancelAsync();
                LogFailure(function, await invocation);
                await Problems.FunctionFailed(context, function.Function.Name);
                return;
            }
            using var response = await forward;
            await CopyAsync(response, context, abort.Token);
            var result = await invocation.WaitAsync(ResponseWait, abort.Token);
            if (!Succeeded(result))
            {
                LogFailure(function, result);
            }
        }
        catch (Exception e) when (e is WorkerUnavailableException or HttpRequestException && !context.Response.HasStarted)
        {
            await (channel.Failure is { } reason ? Problems.WorkerUnavailable(context, reason) : Problems.BadGateway(context));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // the caller has gone
        }
        finally
        {
            Observe(invocation);
            Observe(forward);
        }
    }

    private async Task<HttpResponseMessage> ForwardAsync(HttpContext context, string invocationId, CancellationToken ct)
    {
        var incoming = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { } raw && raw.StartsWith('/')
            ? raw
            : incoming.Path.ToUriComponent() + incoming.QueryString.ToUriComponent();
        var outgoing = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(workerUri, target));
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            // streamed, never buffered: the app enforces its own body limit
            outgoing.Content = new StreamContent(incoming.Body);
        }
        foreach (var (name, value) in incoming.Headers)
        {
            if (!HopByHop.Contains(name) && !name.StartsWith(':') && !outgoing.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)value))
            {
                outgoing.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)value);
            }
        }
        // as the platform's front end does: the caller's own address goes last, after whatever the caller wrote
        outgoing.Headers.Remove("X-Forwarded-For");
        outgoing.Headers.TryAddWithoutValidation("X-Forwarded-For",
            string.Join(", ", incoming.Headers["X-Forwarded-For"].Append(context.Connection.RemoteIpAddress?.ToString()).OfType<string>()));
        outgoing.Headers.TryAddWithoutValidation("x-ms-invocation-id", invocationId);
        return await client.SendAsync(outgoing, ct);
    }

    private static async Task CopyAsync(HttpResponseMessage response, HttpContext context, CancellationToken ct)
    {
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, value) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = value.ToArray();
            }
        }
        await response.Content.CopyToAsync(context.Response.Body, ct);
    }

    private static bool Succeeded(StreamingMessage message) => message.InvocationResponse.Result?.Status == StatusResult.Types.Status.Success;

    private void LogFailure(IndexedFunction function, StreamingMessage message) =>
        log.Write($"[host] Function {function.Function.Name} failed: {message.InvocationResponse.Result?.Exception?.Message}");

    private static void Observe(Task task) => task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
