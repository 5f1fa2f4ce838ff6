using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using PortalAccess;
using PortalAccess.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<HttpProblemMiddleware>();
builder.UseMiddleware<SecurityHeadersMiddleware>();
builder.UseMiddleware<CorsMiddleware>();
builder.UseMiddleware<RateLimitMiddleware>();
builder.Services.AddPortalAccess(builder.Configuration);
builder.Services.AddFunctionsHost();
builder.Build().Run();
