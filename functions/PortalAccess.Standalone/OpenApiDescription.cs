using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PortalAccess.Http;

namespace PortalAccess.Standalone;

/// <summary>
/// The OpenAPI 3.1 document of the route table (<see cref="PortalApi.Routes"/>), precise enough to generate a client
/// from: the security scheme of each route, every problem it can answer (<see cref="ApiRoute.ProblemStatuses"/>),
/// request fields typed as required and not null, and an example of each main body.
/// </summary>
internal static class OpenApiDescription
{
    public const string BearerScheme = "bearer";
    public const string FunctionKeyScheme = "functionKey";

    private static readonly HashSet<Type> RequestTypes = PortalApi.Routes.Select(r => r.Request).OfType<Type>().ToHashSet();

    public static OpenApiOptions DescribeRouteTable(this OpenApiOptions options) => options
        .AddDocumentTransformer(DescribeDocument)
        .AddOperationTransformer(DescribeOperation)
        .AddSchemaTransformer(DescribeSchema);

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "PortalAccess";
        document.Info.Version = "v1";
        document.Info.Description = "Who may enter which part of the customer portal. See API.md.";
        document.Servers = [];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = "The access token that POST /api/auth/login and /api/auth/refresh answer.",
            },
            [FunctionKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "x-functions-key",
                Description = "The system key of the billing and telephony systems (the function key on Azure).",
            },
        };
        return Task.CompletedTask;
    }

    private static async Task DescribeOperation(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (PortalApi.Routes.FirstOrDefault(r => r.Name == operation.OperationId) is not { } route)
        {
            return;
        }
        if (route.Access != RouteAccess.Public)
        {
            var scheme = route.Access == RouteAccess.Bearer ? BearerScheme : FunctionKeyScheme;
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] }];
        }
        // request bodies come from the route table, not from Accepts metadata: that would make routing answer 415
        // before the handler could say which media type it wants (EndpointMapping)
        if (route.Request is { } type)
        {
            var body = new OpenApiMediaType { Schema = await context.GetOrCreateSchemaAsync(type, null, ct) };
            if (route.Example is { } example)
            {
                body.Example = JsonSerializer.SerializeToNode(example, example.GetType(), JsonBody.Options);
            }
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { [JsonBody.JsonMediaType] = body },
            };
        }
    }

    private static Task DescribeSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        // numbers are answered as numbers: reading them from strings (the web defaults) is no part of the contract
        if (schema.Type == (JsonSchemaType.Integer | JsonSchemaType.String))
        {
            schema.Type = JsonSchemaType.Integer;
            schema.Pattern = null;
        }
        // a request record takes null only to name a missing field in its 400; the contract requires the field
        if (RequestTypes.Contains(context.JsonTypeInfo.Type) && schema is { Properties: { } properties, Required: { } required })
        {
            foreach (var property in required.Select(name => properties[name]).OfType<OpenApiSchema>().Where(p => p.Type is not null))
            {
                property.Type &= ~JsonSchemaType.Null;
            }
        }
        return Task.CompletedTask;
    }
}
