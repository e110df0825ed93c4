using System.Net;
using Microsoft.AspNetCore.Http;

namespace CloudflareSecrets.Emulator.Http;

/// <summary>
/// Which <c>Host</c> headers the emulator answers: a defence against DNS rebinding, where a web page makes the browser
/// send requests to a name the attacker controls that resolves to 127.0.0.1. Such a request names the attacker's host;
/// the emulator answers only requests that name <c>localhost</c> (or a <c>.localhost</c> name, which RFC 6761 keeps on
/// this machine), a loopback address, the address the request arrived on, or a host of
/// <see cref="EmulatorOptions.AllowedHosts"/> (<c>*</c>: any).
/// </summary>
internal static class HostCheck
{
    public static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address) || (address.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(address.MapToIPv4()));

    public static bool IsAllowed(HttpRequest request, IReadOnlySet<string> allowedHosts)
    {
        // HTTP/1.0 may send no Host: there is no name that could have been rebound.
        HostString host = request.Host;
        if (!host.HasValue)
        {
            return true;
        }

        string name = host.Host;
        if (allowedHosts.Contains("*") || allowedHosts.Contains(name))
        {
            return true;
        }

        if (string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(name.Trim('[', ']'), out IPAddress? address) &&
            (IsLoopback(address) || Same(address, request.HttpContext.Connection.LocalIpAddress));
    }

    private static bool Same(IPAddress address, IPAddress? local) =>
        local is not null && (address.Equals(local) || (local.IsIPv4MappedToIPv6 && address.Equals(local.MapToIPv4())));
}
