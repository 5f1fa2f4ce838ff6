using PortalAccess;
using PortalAccess.Http;
using PortalAccess.Standalone;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddPortalAccess(builder.Configuration);
builder.Services.AddStandaloneHost(builder.Configuration);

var app = builder.Build();
app.UseStorageRequestCountHeader();
app.UseSecurityHeaders();
app.UseTrustedProxies();
app.UseExceptionHandler();
app.UsePortalPages();
app.UseRoutingProblems();
app.UseCors();
app.UseRateLimiter();
app.MapPortalAccess();
app.MapOpenApi(StandaloneHost.OpenApiRoute);
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
