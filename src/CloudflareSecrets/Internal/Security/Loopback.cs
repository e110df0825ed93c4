using System.Net;

namespace CloudflareSecrets.Internal;

/// <summary>
/// The one definition of "this URL stays on this machine": <c>localhost</c> or a loopback address (IPv4-mapped ones
/// too).
/// </summary>
internal static class Loopback
{
    public static bool Is(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress? address) && IsAddress(address));

    public static bool IsAddress(IPAddress address) =>
        IPAddress.IsLoopback(address) || (address.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(address.MapToIPv4()));
}
