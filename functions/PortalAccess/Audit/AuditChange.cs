using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace PortalAccess.Audit;

/// <summary>One field's value before and after a change.</summary>
public sealed record AuditChange(object? Before, object? After);
