using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.SpecTool.Diff;

/// <summary>
/// Compares the values a schema allows: a closed <c>enum</c>, or an open list kept as <c>x-known-values</c> (the
/// overlay's form). Narrowing what a client may send breaks it. Values added to what a client reads are not
/// breaking, because Cloudflare extends these lists over time and a client must accept values it does not know
/// (the project's overlay keeps scopes and statuses open strings for exactly that reason).
/// </summary>
internal static class EnumComparer
{
    private const string OpenNote = "; a client must accept values it does not know";

    public static void Compare(JObject before, JObject after, ChangeContext context, string where, bool sends, ChangeSink sink)
    {
        (bool oldClosed, List<JToken>? oldValues) = Values(before);
        (bool newClosed, List<JToken>? newValues) = Values(after);
        if (oldValues is null && newValues is null)
        {
            return;
        }

        List<JToken> removed = Except(oldValues ?? [], newValues ?? []);
        List<JToken> added = Except(newValues ?? [], oldValues ?? []);
        if (oldClosed && newClosed)
        {
            if (removed.Count > 0)
            {
                sink.Add(sends ? ChangeClass.Breaking : ChangeClass.NonBreaking, ChangeKinds.EnumValues, context, where,
                    $"removed {List(removed)} (now {List(newValues!)})");
            }

            if (added.Count > 0)
            {
                sink.Add(
                    ChangeClass.NonBreaking,
                    ChangeKinds.EnumValues,
                    context,
                    where,
                    $"added {List(added)}" + (sends ? string.Empty : OpenNote));
            }
        }
        else if (oldClosed)
        {
            string known = newValues is { Count: > 0 } ? $" (known values {List(newValues)})" : string.Empty;
            sink.Add(
                ChangeClass.NonBreaking,
                ChangeKinds.EnumValues,
                context,
                where,
                $"opened: was {List(oldValues!)}, now any string{known}");
        }
        else if (newClosed)
        {
            sink.Add(
                sends ? ChangeClass.Breaking : ChangeClass.NonBreaking,
                ChangeKinds.EnumValues,
                context,
                where,
                $"closed to {List(newValues!)}");
        }
        else
        {
            if (added.Count > 0)
            {
                sink.Add(ChangeClass.NonBreaking, ChangeKinds.EnumValues, context, where, $"known values added {List(added)}");
            }

            if (removed.Count > 0)
            {
                sink.Add(ChangeClass.NonBreaking, ChangeKinds.EnumValues, context, where, $"known values removed {List(removed)}");
            }
        }
    }

    private static (bool Closed, List<JToken>? Values) Values(JObject schema) =>
        schema["enum"] is JArray closed ? (true, closed.ToList())
        : schema[Overlay.KnownValuesKey] is JArray known ? (false, known.ToList())
        : (false, null);

    private static List<JToken> Except(List<JToken> values, List<JToken> other) =>
        values.Where(v => !other.Any(o => JToken.DeepEquals(o, v))).ToList();

    private static string List(IEnumerable<JToken> values) => string.Join(", ", values.Select(SchemaComparer.Show));
}
