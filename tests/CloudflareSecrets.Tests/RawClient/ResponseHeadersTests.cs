using System.Net;
using System.Text;
using CloudflareSecrets.Generated;
using CloudflareSecrets.Internal;

namespace CloudflareSecrets.Tests.RawClient;

/// <summary>
/// The response headers the generated client hands on: the response's and the content's, copied only when read (a
/// successful call never reads them), and kept by a raw exception beyond the response's life.
/// </summary>
public class ResponseHeadersTests
{
    [Test]
    public void ReadsTheResponseHeadersAndTheContentHeaders()
    {
        using HttpResponseMessage response = Response();

        var headers = new ResponseHeaders(response);

        Assert.Multiple(() =>
        {
            Assert.That(headers["CF-Ray"], Is.EqualTo(new[] { "8c5a1e2b3d4f6a7b-EMU" }));
            Assert.That(headers["Content-Type"], Is.EqualTo(new[] { "application/json; charset=utf-8" }));
            Assert.That(headers.ContainsKey("Retry-After"), Is.False);
            Assert.That(headers.Keys, Is.SupersetOf(new[] { "CF-Ray", "Content-Type" }));
        });
    }

    [Test]
    public void CopiesNothingUntilSomethingReadsThem()
    {
        using HttpResponseMessage response = Response();
        var headers = new ResponseHeaders(response);

        // Added after the view was made and before it was read: a copy made up front would not have it.
        response.Headers.TryAddWithoutValidation("Retry-After", "7");

        Assert.That(headers.TryGetValue("Retry-After", out IEnumerable<string>? value) ? value : null, Is.EqualTo(new[] { "7" }));
    }

    [Test]
    public void ARawExceptionKeepsTheHeadersAfterTheResponseIsDisposed()
    {
        HttpResponseMessage response = Response();
        var exception = new SecretsStoreRawException("failed", 500, null, new ResponseHeaders(response), null);
        response.Dispose();
        response.Headers.Clear();

        Assert.That(exception.Headers["CF-Ray"], Is.EqualTo(new[] { "8c5a1e2b3d4f6a7b-EMU" }));
    }

    private static HttpResponseMessage Response()
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        response.Headers.TryAddWithoutValidation("CF-Ray", "8c5a1e2b3d4f6a7b-EMU");
        return response;
    }
}
