using System.Reflection;
using Azure.Core;

namespace PortalAccess.Functions.Tests.Support;

/// <summary>
/// What an Azure SDK client authenticates with. The SDKs keep the credential in internal fields (a pipeline policy,
/// a client configuration), so it is found by walking the object graph rather than by naming those fields.
/// </summary>
internal static class ClientCredentials
{
    public static TokenCredential Of(object client) =>
        Find<TokenCredential>(client) ?? throw new InvalidOperationException($"{client.GetType().Name} holds no TokenCredential.");

    /// <summary>The first <typeparamref name="T"/> reachable from <paramref name="root"/>, nearest first.</summary>
    public static T? Find<T>(object root) where T : class
    {
        const BindingFlags Fields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance) { root };
        var pending = new Queue<(object Value, int Depth)>([(root, 0)]);
        while (pending.TryDequeue(out var item))
        {
            var children = item.Value is Array array
                ? array.Cast<object?>()
                : Hierarchy(item.Value.GetType()).SelectMany(t => t.GetFields(Fields)).Where(f => !f.FieldType.IsPointer).Select(f => f.GetValue(item.Value));
            foreach (var child in children)
            {
                if (child is T found)
                {
                    return found;
                }
                if (child is not null and not string and not Type && !child.GetType().IsPrimitive && item.Depth < 12 && seen.Add(child))
                {
                    pending.Enqueue((child, item.Depth + 1));
                }
            }
        }
        return null;
    }

    private static IEnumerable<Type> Hierarchy(Type? type)
    {
        for (; type is not null && type != typeof(object); type = type.BaseType)
        {
            yield return type;
        }
    }
}
