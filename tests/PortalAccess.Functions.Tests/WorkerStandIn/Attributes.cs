// STAND-IN, not the real worker API. The Microsoft.Azure.Functions.Worker.* packages are missing from the build
// mirror, so the adapters of functions/PortalAccess.Functions are compiled here against these types, written to
// the exact namespaces and signatures of ../shared/WORKER-API.md. Keep them in step with that file; add nothing
// the adapters could use that the real packages lack.
namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions
{
    public abstract class BindingAttribute : Attribute;

    public abstract class TriggerBindingAttribute : BindingAttribute;

    public abstract class OutputBindingAttribute : BindingAttribute;
}

namespace Microsoft.Azure.Functions.Worker
{
    using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

    [AttributeUsage(AttributeTargets.Method)]
    public class FunctionAttribute(string name) : Attribute
    {
        public string Name { get; } = name;
    }

    public enum AuthorizationLevel
    {
        Anonymous = 0,
        User = 1,
        Function = 2,
        System = 3,
        Admin = 4,
    }

    public sealed class HttpTriggerAttribute : TriggerBindingAttribute
    {
        /// <summary>As in the worker: the parameterless form demands a function key.</summary>
        public HttpTriggerAttribute() => AuthLevel = AuthorizationLevel.Function;

        /// <summary>As in the worker: leaves <see cref="AuthLevel"/> unset (0, Anonymous), so always pass a level.</summary>
        public HttpTriggerAttribute(params string[] methods) => Methods = methods;

        public HttpTriggerAttribute(AuthorizationLevel authLevel) => AuthLevel = authLevel;

        public HttpTriggerAttribute(AuthorizationLevel authLevel, params string[] methods)
        {
            AuthLevel = authLevel;
            Methods = methods;
        }

        public string? Route { get; set; }

        public string[]? Methods { get; }

        public AuthorizationLevel AuthLevel { get; }
    }

    public sealed class QueueTriggerAttribute(string queueName) : TriggerBindingAttribute
    {
        public string QueueName { get; } = queueName;

        public string? Connection { get; set; }
    }

    public sealed class QueueOutputAttribute(string queueName) : OutputBindingAttribute
    {
        public string QueueName { get; } = queueName;

        public string? Connection { get; set; }
    }

    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
    public sealed class HttpResultAttribute : OutputBindingAttribute;
}
