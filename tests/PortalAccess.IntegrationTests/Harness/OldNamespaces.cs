// RouteParityTests.cs and RouteOrderTests.cs still import the two helper namespaces that Harness/ replaced, and
// RouteParityTests names Infrastructure.RepoPaths. They are being deleted on another branch and stay untouched here:
// delete this file together with them.
#pragma warning disable IDE0130 // these namespaces are the old folders', on purpose
namespace PortalAccess.IntegrationTests.Support
{
}

namespace PortalAccess.IntegrationTests.Infrastructure
{
    internal static class RepoPaths
    {
        public static string Root => Harness.RepoPaths.Root;
    }
}
