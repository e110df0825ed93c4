using System.Globalization;
using CloudflareSecrets.Emulator.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CloudflareSecrets.Emulator.Http;

/// <summary>Parses the list and delete query parameters, answering 400 for anything the spec does not allow.</summary>
internal static class QueryParameters
{
    public const int DefaultPerPage = 20;
    public const int MaxPerPage = SecretsStoreLimits.MaxPageSize;

    public static ListQuery ParseList(IQueryCollection query, IReadOnlyCollection<string> orders)
    {
        // The spec allows page=0 (minimum 0); Cloudflare pages from 1, so 0 reads as the first page.
        int page = Math.Max(1, ParseInteger(query, "page", 1));
        int perPage = ParseInteger(query, "per_page", DefaultPerPage);
        if (perPage is < 1 or > MaxPerPage)
        {
            throw ApiErrorException.Validation($"per_page must be between 1 and {MaxPerPage} (got {perPage})");
        }

        string order = Single(query, "order") ?? "created";
        if (!orders.Contains(order))
        {
            throw ApiErrorException.Validation($"order must be one of {string.Join(", ", orders)} (got '{order}')");
        }

        string direction = Single(query, "direction") ?? "desc";
        if (direction is not ("asc" or "desc"))
        {
            throw ApiErrorException.Validation($"direction must be asc or desc (got '{direction}')");
        }

        return new ListQuery(page, perPage, order, direction == "desc");
    }

    /// <summary>
    /// <c>scopes</c> is an array sent in form style without explode (<c>scopes=workers,access</c>); repeated
    /// parameters (<c>scopes=workers&amp;scopes=access</c>) are accepted too and add up.
    /// </summary>
    public static SecretFilter ParseSecretFilter(IQueryCollection query)
    {
        string[] scopes = query["scopes"]
            .SelectMany(value => (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return new SecretFilter(Single(query, "search"), scopes);
    }

    public static bool ParseBoolean(IQueryCollection query, string name)
    {
        string? value = Single(query, name);
        if (value is null)
        {
            return false;
        }

        return bool.TryParse(value, out bool result)
            ? result
            : throw ApiErrorException.Validation($"{name} must be true or false (got '{value}')");
    }

    private static int ParseInteger(IQueryCollection query, string name, int defaultValue)
    {
        string? value = Single(query, name);
        if (value is null)
        {
            return defaultValue;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int result)
            ? result
            : throw ApiErrorException.Validation($"{name} must be a non-negative integer (got '{value}')");
    }

    private static string? Single(IQueryCollection query, string name)
    {
        StringValues values = query[name];
        if (values.Count > 1)
        {
            throw ApiErrorException.Validation($"{name} must be given at most once");
        }

        return string.IsNullOrEmpty(values.ToString()) ? null : values.ToString();
    }
}
