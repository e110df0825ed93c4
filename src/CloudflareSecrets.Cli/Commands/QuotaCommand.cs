using System.CommandLine;
using CloudflareSecrets.Cli.Output;

namespace CloudflareSecrets.Cli.Commands;

internal static class QuotaCommand
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("quota", "Show how many secrets the account may hold and holds now.");
        global.SetAction(command, async (session, result, cancellationToken) =>
        {
            SecretsQuota quota = await session.Client.GetQuotaAsync(cancellationToken: cancellationToken);
            if (session.Json)
            {
                JsonOutput.Write(session.Host.Output, w => JsonOutput.Quota(w, quota));
            }
            else
            {
                Tables.Line(session.Out, $"{quota.Usage} of {quota.Quota} secrets used ({quota.Remaining} left)");
            }

            return 0;
        });
        return command;
    }
}
