namespace CloudflareSecrets.Emulator.Tests.Support;

/// <summary>Which headers a test request carries.</summary>
public sealed record Credentials(string? BearerToken = null, string? Email = null, string? Key = null, string? RawAuthorization = null)
{
    public static readonly Credentials Token = new(BearerToken: EmulatorOptions.DefaultApiToken);

    public static readonly Credentials GlobalKey = new(Email: EmulatorOptions.DefaultEmail, Key: EmulatorOptions.DefaultApiKey);

    public static readonly Credentials None = new();

    public void Apply(HttpRequestMessage request)
    {
        if (BearerToken is not null)
        {
            request.Headers.Authorization = new("Bearer", BearerToken);
        }

        if (RawAuthorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", RawAuthorization);
        }

        if (Email is not null)
        {
            request.Headers.Add("X-Auth-Email", Email);
        }

        if (Key is not null)
        {
            request.Headers.Add("X-Auth-Key", Key);
        }
    }
}
