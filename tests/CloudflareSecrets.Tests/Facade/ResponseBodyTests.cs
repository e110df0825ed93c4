using System.Net;
using System.Text;
using CloudflareSecrets.Tests.Facade.Support;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;

namespace CloudflareSecrets.Tests.Facade;

/// <summary>How response bodies are read: the MaxResponseBytes ceiling on the bytes actually read, and text decoding.</summary>
public class ResponseBodyTests
{
    private const int Limit = 4096;

    [TestCase(true, TestName = "A body over MaxResponseBytes fails, when Content-Length says so")]
    [TestCase(false, TestName = "A body over MaxResponseBytes fails, without Content-Length")]
    public void ABodyOverTheLimitFailsWithTheLimit(bool declareLength)
    {
        using var fake = new FakeCloudflare();
        byte[] body = Encoding.UTF8.GetBytes(Canned.Success(Canned.Secret(comment: new string('c', Limit))));
        Respond(fake, body, declareLength);

        CloudflareApiException? exception = Assert.CatchAsync<CloudflareApiException>(
            () => fake.CreateClient(o => o.MaxResponseBytes = Limit).GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId));

        Assert.That(exception, Is.TypeOf<CloudflareApiException>());
        Assert.That(exception!.Message, Does.Contain("exceeded 4,096 bytes (MaxResponseBytes)"));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task ABodyOfExactlyTheLimitIsRead(bool declareLength)
    {
        using var fake = new FakeCloudflare();
        Respond(fake, Encoding.UTF8.GetBytes(Padded(Canned.Success(Canned.Secret()), Limit)), declareLength);

        Secret secret = await fake.CreateClient(o => o.MaxResponseBytes = Limit)
            .GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId);

        Assert.That(secret, Is.EqualTo(Canned.SecretModel()));
    }

    [Test]
    public async Task ALargePageWithoutContentLengthIsReadWhole()
    {
        using var fake = new FakeCloudflare();
        JObject[] items = Canned.Secrets(1, 100);
        foreach (JObject item in items)
        {
            item["comment"] = new string('c', 500) + " é ключ 🔑";
        }

        Respond(fake, Encoding.UTF8.GetBytes(Canned.ListPage(1, 100, 100, 1, items)), declareLength: false);

        var listed = new List<Secret>();
        await foreach (Secret secret in fake.CreateClient()
            .ListSecretsAsync(FakeCloudflare.StoreId, new ListSecretsOptions { PageSize = 100 }))
        {
            listed.Add(secret);
        }

        Assert.That(listed, Has.Count.EqualTo(100));
        Assert.That(listed.Select(s => s.Comment), Is.All.EqualTo(new string('c', 500) + " é ключ 🔑"));
    }

    [Test]
    public async Task AUtf8ByteOrderMarkIsSkipped()
    {
        using var fake = new FakeCloudflare();
        Respond(
            fake,
            [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Canned.Success(Canned.Secret(comment: "ключ")))],
            declareLength: true);

        Secret secret = await fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId);

        Assert.That(secret.Comment, Is.EqualTo("ключ"));
    }

    [Test]
    public async Task AUtf16BodyWithAByteOrderMarkIsDecoded()
    {
        using var fake = new FakeCloudflare();
        Respond(
            fake,
            [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Canned.Success(Canned.Secret(comment: "ключ")))],
            declareLength: true);

        Secret secret = await fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId);

        Assert.That(secret.Comment, Is.EqualTo("ключ"));
    }

    [TestCase(64 * 1024, true, TestName = "The errors of a 64 KiB failure of another shape are still read")]
    [TestCase((64 * 1024) + 1, false, TestName = "A failure of another shape over 64 KiB is mapped by its status alone")]
    public void AFailureOfAnotherShapeIsReadForItsErrorsUpTo64KiB(int bytes, bool errorsRead)
    {
        using var fake = new FakeCloudflare();
        // "messages" is not a list: the documented failure envelope cannot be bound, the errors array can still be read.
        const string body =
            """{"success":false,"errors":[{"code":10001,"message":"name is invalid"}],"messages":"see the log","result":null}""";
        Respond(fake, Encoding.UTF8.GetBytes(Padded(body, bytes)), declareLength: true, HttpStatusCode.BadRequest);

        CloudflareValidationException? exception = Assert.ThrowsAsync<CloudflareValidationException>(
            () => fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId));

        Assert.That(
            exception!.Errors,
            Is.EqualTo(errorsRead ? new[] { new CloudflareError(10001, "name is invalid") } : Array.Empty<CloudflareError>()));
        Assert.That(
            exception.Message,
            errorsRead ? Does.Contain("[10001] name is invalid") : Does.Contain("the response had no Cloudflare errors array"));
    }

    [Test]
    public void ABodyNestedDeeperThan32LevelsIsRefused()
    {
        using var fake = new FakeCloudflare();
        JObject secret = Canned.Secret();
        secret["extra"] = Nested(40);
        fake.AnswerAll(Canned.Success(secret));

        CloudflareApiException? exception = Assert.ThrowsAsync<CloudflareApiException>(
            () => fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId));

        Assert.That(
            exception!.Message,
            Does.Contain("could not be read as the documented JSON envelope"),
            "a hostile body costs no deep recursion");
    }

    [Test]
    public async Task ABodyNested32LevelsIsRead()
    {
        using var fake = new FakeCloudflare();
        JObject secret = Canned.Secret();
        // The envelope and the secret are two levels: 30 more make 32.
        secret["extra"] = Nested(30);
        fake.AnswerAll(Canned.Success(secret));

        Secret read = await fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId);

        Assert.That(read, Is.EqualTo(Canned.SecretModel()));
    }

    [Test]
    public async Task ATimeKeepsTheOffsetTheServerWroteItWith()
    {
        using var fake = new FakeCloudflare();
        JObject secret = Canned.Secret();
        secret["created"] = "2025-03-01T10:00:00.5+02:00";
        fake.AnswerAll(Canned.Success(secret));

        Secret read = await fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId);

        Assert.That(
            (read.Created, read.Created.Offset),
            Is.EqualTo((new DateTimeOffset(2025, 3, 1, 10, 0, 0, 500, TimeSpan.FromHours(2)), TimeSpan.FromHours(2))));
    }

    [Test]
    public async Task DollarPropertiesAreDataNotSerializerInstructions()
    {
        using var fake = new FakeCloudflare();
        // First in the object, where Newtonsoft would read them as its own metadata (a reference, a type to create).
        var secret = new JObject { ["$ref"] = "2", ["$type"] = "System.IO.FileInfo, System.IO.FileSystem" };
        secret.Merge(Canned.Secret());
        fake.AnswerAll(Canned.Success(secret));

        Secret read = await fake.CreateClient().GetSecretAsync(FakeCloudflare.StoreId, FakeCloudflare.SecretId);

        Assert.That(read, Is.EqualTo(Canned.SecretModel()));
    }

    private static JToken Nested(int levels)
    {
        JToken value = "bottom";
        for (int i = 0; i < levels; i++)
        {
            value = new JObject { ["a"] = value };
        }

        return value;
    }

    /// <summary>The JSON text followed by spaces up to <paramref name="bytes"/> bytes (ASCII text: one byte per char).</summary>
    private static string Padded(string json, int bytes)
    {
        Assert.That(Encoding.UTF8.GetByteCount(json), Is.LessThan(bytes));
        return json + new string(' ', bytes - Encoding.UTF8.GetByteCount(json));
    }

    private static void Respond(FakeCloudflare fake, byte[] body, bool declareLength, HttpStatusCode status = HttpStatusCode.OK) =>
        fake.Mock.When("*").Respond(_ =>
        {
            HttpContent content = declareLength ? new ByteArrayContent(body) : new StreamContent(new UnseekableStream(body));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return Task.FromResult(new HttpResponseMessage(status) { Content = content });
        });

    /// <summary>A stream whose length is unknown, so the response has no Content-Length (like a chunked body).</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }
}
