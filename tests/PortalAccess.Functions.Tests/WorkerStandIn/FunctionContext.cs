// STAND-IN, not the real worker API (see Attributes.cs): only the FunctionContext members, middleware types and
// the GetHttpContext extension that HttpProblemMiddleware uses, with the signatures of ../shared/WORKER-API.md
// and of the worker sources (IFunctionsWorkerMiddleware, FunctionExecutionDelegate in ...Worker.Middleware).
// The names and shapes are the packages', not ours: naming and design analyzers do not apply.
#pragma warning disable CA1711, CA1716
using Microsoft.AspNetCore.Http;

namespace Microsoft.Azure.Functions.Worker
{
    public abstract class FunctionContext
    {
        public abstract string InvocationId { get; }

        public abstract string FunctionId { get; }

        public abstract IServiceProvider InstanceServices { get; set; }

        public abstract IDictionary<object, object> Items { get; set; }

        public virtual CancellationToken CancellationToken => CancellationToken.None;
    }

    public static class FunctionContextExtensions
    {
        /// <summary>The stand-in's key; the real ASP.NET Core integration stores the HttpContext in Items under its own key.</summary>
        internal const string HttpContextKey = "HttpRequestContext";

        /// <summary>The request's HttpContext for an HTTP-triggered invocation, null for any other trigger.</summary>
        public static HttpContext? GetHttpContext(this FunctionContext context) =>
            context.Items.TryGetValue(HttpContextKey, out var value) ? value as HttpContext : null;
    }
}

namespace Microsoft.Azure.Functions.Worker.Middleware
{
    public delegate Task FunctionExecutionDelegate(FunctionContext context);

    public interface IFunctionsWorkerMiddleware
    {
        Task Invoke(FunctionContext context, FunctionExecutionDelegate next);
    }
}
