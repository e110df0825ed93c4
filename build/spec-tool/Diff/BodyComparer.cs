using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool.Diff;

/// <summary>Compares request bodies and responses: presence, required flag, media types, and each common media type's schema.</summary>
internal static class BodyComparer
{
    public static void CompareRequestBody(
        ApiDocument from,
        ApiDocument to,
        ApiOperation before,
        ApiOperation after,
        ChangeSink sink,
        SchemaComparer schemas)
    {
        JObject? old = before.Node["requestBody"] is { } o ? from.ResolveObject(o) : null;
        JObject? now = after.Node["requestBody"] is { } n ? to.ResolveObject(n) : null;
        const string where = "request body";
        bool wasRequired = (bool?)old?["required"] ?? false, isRequired = (bool?)now?["required"] ?? false;
        switch (old, now)
        {
            case (null, null):
                return;
            case (null, not null):
                sink.Add(
                    isRequired ? ChangeClass.Breaking : ChangeClass.NonBreaking,
                    ChangeKinds.RequestBodyAdded,
                    ChangeContext.Request,
                    where,
                    isRequired ? $"added, required ({MediaTypes(now)})" : $"added, optional ({MediaTypes(now)})");
                return;
            case (not null, null):
                sink.Add(ChangeClass.Breaking, ChangeKinds.RequestBodyRemoved, ChangeContext.Request, where, "removed");
                return;
        }

        if (wasRequired != isRequired)
        {
            sink.Add(
                isRequired ? ChangeClass.Breaking : ChangeClass.NonBreaking,
                ChangeKinds.RequestBodyRequired,
                ChangeContext.Request,
                where,
                isRequired ? "optional → required" : "required → optional");
        }

        sink.Describe(ChangeContext.Request, where, (string?)old["description"], (string?)now["description"]);
        CompareContent(old, now, ChangeContext.Request, where, removedBreaks: true, sink, schemas);
    }

    public static void CompareResponses(
        ApiDocument from,
        ApiDocument to,
        ApiOperation before,
        ApiOperation after,
        ChangeSink sink,
        SchemaComparer schemas)
    {
        JObject old = before.Node["responses"] as JObject ?? [];
        JObject now = after.Node["responses"] as JObject ?? [];
        foreach (JProperty status in old.Properties())
        {
            string where = $"response {status.Name}";
            bool success = status.Name.StartsWith('2');
            if (now[status.Name] is not { } match)
            {
                // A success the client handled no longer comes; a failure declaration going away changes nothing it can
                // rely on.
                sink.Add(
                    success ? ChangeClass.Breaking : ChangeClass.NonBreaking,
                    ChangeKinds.ResponseRemoved,
                    ChangeContext.Response,
                    where,
                    "removed");
                continue;
            }

            JObject o = from.ResolveObject(status.Value), n = to.ResolveObject(match);
            sink.Describe(ChangeContext.Response, where, (string?)o["description"], (string?)n["description"]);
            CompareContent(o, n, ChangeContext.Response, where, removedBreaks: success, sink, schemas);
        }

        foreach (JProperty status in now.Properties().Where(p => old[p.Name] is null))
        {
            sink.Add(ChangeClass.NonBreaking, ChangeKinds.ResponseAdded, ChangeContext.Response, $"response {status.Name}", "added");
        }
    }

    private static void CompareContent(
        JObject old,
        JObject now,
        ChangeContext context,
        string where,
        bool removedBreaks,
        ChangeSink sink,
        SchemaComparer schemas)
    {
        JObject oldContent = old["content"] as JObject ?? [];
        JObject newContent = now["content"] as JObject ?? [];
        foreach (JProperty media in oldContent.Properties())
        {
            string at = media.Name == "application/json" ? where : $"{where} ({media.Name})";
            if (newContent[media.Name] is not { } match)
            {
                sink.Add(
                    removedBreaks ? ChangeClass.Breaking : ChangeClass.NonBreaking,
                    ChangeKinds.MediaTypeRemoved,
                    context,
                    at,
                    $"{media.Name} removed");
                continue;
            }

            schemas.Compare(media.Value["schema"], match["schema"], context, at, followComponents: true);
        }

        foreach (JProperty media in newContent.Properties().Where(p => oldContent[p.Name] is null))
        {
            sink.Add(ChangeClass.NonBreaking, ChangeKinds.MediaTypeAdded, context, where, $"{media.Name} added");
        }
    }

    private static string MediaTypes(JObject body) =>
        string.Join(", ", (body["content"] as JObject ?? []).Properties().Select(p => p.Name));
}
