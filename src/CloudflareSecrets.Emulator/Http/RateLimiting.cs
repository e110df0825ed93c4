using System.Globalization;
using CloudflareSecrets.Emulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace CloudflareSecrets.Emulator.Http;

/// <summary>The rate-limit state a request saw: what the headers report, and whether the budget refuses it.</summary>
internal readonly record struct RateLimitDecision(bool Rejected, int Remaining, int ResetSeconds);

/// <summary>
/// A fixed-window request counter for all callers together. Every request counts, enforced or not, so the
/// <c>Ratelimit</c> header tells the truth even when the budget is off; only an enforced budget refuses requests.
/// </summary>
internal sealed class RequestCounter(EmulatorSettings settings)
{
    private readonly Lock gate = new();
    private DateTimeOffset windowStart = settings.TimeProvider.GetUtcNow();
    private int used;

    public string PolicyHeader { get; } = string.Create(
        CultureInfo.InvariantCulture,
        $"\"burst\";q={settings.BudgetLimit};w={(int)settings.BudgetWindow.TotalSeconds}");

    public RateLimitDecision Take()
    {
        lock (gate)
        {
            DateTimeOffset now = settings.TimeProvider.GetUtcNow();
            if (now >= windowStart + settings.BudgetWindow)
            {
                windowStart = now;
                used = 0;
            }

            int reset = Math.Max(1, (int)Math.Ceiling((windowStart + settings.BudgetWindow - now).TotalSeconds));
            if (used >= settings.BudgetLimit && settings.BudgetEnforced)
            {
                return new RateLimitDecision(true, 0, reset);
            }

            used++;
            return new RateLimitDecision(false, Math.Max(0, settings.BudgetLimit - used), reset);
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            windowStart = settings.TimeProvider.GetUtcNow();
            used = 0;
        }
    }

    public static string Header(RateLimitDecision decision) =>
        string.Create(CultureInfo.InvariantCulture, $"\"default\";r={decision.Remaining};t={decision.ResetSeconds}");
}

/// <summary>Refuses requests the budget has no room for. Runs after fault injection, before authentication.</summary>
internal static class RequestBudgetMiddleware
{
    public static Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        RateLimitDecision decision = RequestContext.Get(context).RateLimit;
        if (!decision.Rejected)
        {
            return next(context);
        }

        throw new ApiErrorException(
            StatusCodes.Status429TooManyRequests,
            [new ApiMessage(EmulatorErrorCodes.RateLimited, $"You are being rate limited; retry after {decision.ResetSeconds} second(s)")],
            new Dictionary<string, string> { ["Retry-After"] = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture) });
    }
}
