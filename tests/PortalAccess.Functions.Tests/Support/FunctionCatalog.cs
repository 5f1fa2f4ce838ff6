using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace PortalAccess.Functions.Tests.Support;

/// <summary>One <c>[Function]</c> method of the compiled adapters, with its trigger.</summary>
internal sealed record FunctionMethod(string Name, MethodInfo Method, HttpTriggerAttribute? Http, QueueTriggerAttribute? Queue)
{
    public ParameterInfo? TriggerParameter => Method.GetParameters()
        .FirstOrDefault(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null || p.GetCustomAttribute<QueueTriggerAttribute>() is not null);

    public override string ToString() => $"{Method.DeclaringType!.Name}.{Method.Name} [{Name}]";
}

/// <summary>Every function the worker indexes in the Functions app assembly.</summary>
internal static class FunctionCatalog
{
    public static IReadOnlyList<FunctionMethod> All { get; } = typeof(MailOutboxFunction).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(MailOutboxFunction).Namespace)
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
        .Select(m => new FunctionMethod(
            m.GetCustomAttribute<FunctionAttribute>()!.Name,
            m,
            m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null),
            m.GetParameters().Select(p => p.GetCustomAttribute<QueueTriggerAttribute>()).SingleOrDefault(a => a is not null)))
        .ToList();

    public static IReadOnlyList<FunctionMethod> Http => All.Where(f => f.Http is not null).ToList();

    public static IReadOnlyList<Type> Classes => All.Select(f => f.Method.DeclaringType!).Distinct().ToList();
}
