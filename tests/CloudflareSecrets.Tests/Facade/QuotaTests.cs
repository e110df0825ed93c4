using System.Net;
using CloudflareSecrets.Tests.Facade.Support;
using Newtonsoft.Json.Linq;

namespace CloudflareSecrets.Tests.Facade;

public class QuotaTests
{
    public class TheGetQuotaAsyncMethod
    {
        [Test]
        public async Task GetsTheAccountQuotaAndMapsQuotaAndUsage()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(new JObject { ["secrets"] = new JObject { ["quota"] = 100, ["usage"] = 7 } }));

            SecretsQuota quota = await fake.CreateClient().GetQuotaAsync();

            Assert.That(fake.SingleRequest.Method, Is.EqualTo(HttpMethod.Get));
            Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.Url("quota")));
            Assert.That(quota, Is.EqualTo(new SecretsQuota(100, 7)));
            Assert.That(quota.Remaining, Is.EqualTo(93));
        }

        [Test]
        public async Task NeverReportsANegativeRemainder()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(new JObject { ["secrets"] = new JObject { ["quota"] = 100, ["usage"] = 120 } }));

            SecretsQuota quota = await fake.CreateClient().GetQuotaAsync();

            Assert.That(quota.Remaining, Is.Zero);
        }

        [Test]
        public async Task ReadsANaNQuotaAsZeroAndHoldsAHugeUsageToTheLargestNumber()
        {
            // Newtonsoft reads a bare NaN; a count that is not a number is no count, and one past long's range is held to it.
            using var fake = new FakeCloudflare();
            fake.AnswerAll("""{"success":true,"errors":[],"messages":[],"result":{"secrets":{"quota":NaN,"usage":1e20}}}""");

            SecretsQuota quota = await fake.CreateClient().GetQuotaAsync();

            Assert.That((quota.Quota, quota.Usage), Is.EqualTo((0L, long.MaxValue)));
        }

        [Test]
        public async Task AsksForTheAccountPassedInsteadOfTheDefault()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(new JObject { ["secrets"] = new JObject { ["quota"] = 100, ["usage"] = 0 } }));

            await fake.CreateClient().GetQuotaAsync(FakeCloudflare.OtherAccountId);

            Assert.That(fake.SingleRequest.Url, Is.EqualTo(FakeCloudflare.Url("quota", FakeCloudflare.OtherAccountId)));
        }

        [Test]
        public void ThrowsApiExceptionWhenTheResponseHasNoQuota()
        {
            using var fake = new FakeCloudflare();
            fake.AnswerAll(Canned.Success(null));

            CloudflareApiException? exception = Assert.ThrowsAsync<CloudflareApiException>(() => fake.CreateClient().GetQuotaAsync());

            Assert.That(exception!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(exception.Message, Does.Contain("no secrets quota"));
        }
    }
}
