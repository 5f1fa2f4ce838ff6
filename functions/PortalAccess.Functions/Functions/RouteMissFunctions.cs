using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using PortalAccess.Http;

namespace PortalAccess.Functions;

/// <summary>
/// 404 and 405 as problem+json (<see cref="RouteMisses"/>), where the Functions platform would answer with an empty body.
/// Each route is a catch-all whose pattern matches only paths that no other function of the same methods takes: one
/// function for unknown paths, and per set of methods the table's paths take, one for the methods they lack (which
/// also brings CORS preflights to the app, <see cref="CorsMiddleware"/>). The patterns are constants because the
/// worker's metadata generator reads the attributes; <c>RouteMissTests</c> hold them to <see cref="RouteMisses"/>.
/// </summary>
public sealed class RouteMissFunctions
{
    private const string GetPaths = @"{*path:regex(^(?:\.well-known/jwks\.json|areas|audit|desk-features|health|me)/?$)}";
    private const string PostPaths = @"{*path:regex(^(?:auth/activation|auth/activation/check|auth/login|auth/logout|auth/password-reset|auth/password-reset/check|auth/password-reset/confirm|auth/refresh|officedesks/[^/]+/activation-mail|users/[^/]+/activation-mail)/?$)}";
    private const string PutDeletePaths = @"{*path:regex(^(?:customers/[^/]+)/?$)}";
    private const string PostOptionsPaths = @"{*path:regex(^(?:events/telephony)/?$)}";
    private const string PutPaths = @"{*path:regex(^(?:me/password)/?$)}";
    private const string GetPutDeletePaths = @"{*path:regex(^(?:officedesks/[^/]+|users/[^/]+)/?$)}";
    private const string GetPostPaths = @"{*path:regex(^(?:officedesks|users)/?$)}";
    private const string UnknownPaths = @"{*path:regex(^(?!(?:\.well-known/jwks\.json|areas|audit|auth/activation|auth/activation/check|auth/login|auth/logout|auth/password-reset|auth/password-reset/check|auth/password-reset/confirm|auth/refresh|customers/[^/]+|desk-features|events/telephony|health|me|me/password|officedesks|officedesks/[^/]+|officedesks/[^/]+/activation-mail|users|users/[^/]+|users/[^/]+/activation-mail)/?$).*$)}";

    [Function("NoSuchRoute")]
    public IResult NoSuchRoute([HttpTrigger(AuthorizationLevel.Anonymous, Route = UnknownPaths)] HttpRequest req) =>
        RouteMisses.Answer(req);

    [Function("NotAllowedOnGetPaths")]
    public IResult NotAllowedOnGetPaths([HttpTrigger(AuthorizationLevel.Anonymous, "head", "post", "put", "patch", "delete", "options", Route = GetPaths)] HttpRequest req) =>
        RouteMisses.Answer(req);

    [Function("NotAllowedOnPostPaths")]
    public IResult NotAllowedOnPostPaths([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "put", "patch", "delete", "options", Route = PostPaths)] HttpRequest req) =>
        RouteMisses.Answer(req);

    [Function("NotAllowedOnPutDeletePaths")]
    public IResult NotAllowedOnPutDeletePaths([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "patch", "options", Route = PutDeletePaths)] HttpRequest req) =>
        RouteMisses.Answer(req);

    [Function("NotAllowedOnPostOptionsPaths")]
    public IResult NotAllowedOnPostOptionsPaths([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "put", "patch", "delete", Route = PostOptionsPaths)] HttpRequest req) =>
        RouteMisses.Answer(req);

    [Function("NotAllowedOnPutPaths")]
    public IResult NotAllowedOnPutPaths([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "patch", "delete", "options", Route = PutPaths)] HttpRequest req) =>
        RouteMisses.Answer(req);

    [Function("NotAllowedOnGetPutDeletePaths")]
    public IResult NotAllowedOnGetPutDeletePaths([HttpTrigger(AuthorizationLevel.Anonymous, "head", "post", "patch", "options", Route = GetPutDeletePaths)] HttpRequest req) =>
        RouteMisses.Answer(req);

    [Function("NotAllowedOnGetPostPaths")]
    public IResult NotAllowedOnGetPostPaths([HttpTrigger(AuthorizationLevel.Anonymous, "head", "put", "patch", "delete", "options", Route = GetPostPaths)] HttpRequest req) =>
        RouteMisses.Answer(req);
}
