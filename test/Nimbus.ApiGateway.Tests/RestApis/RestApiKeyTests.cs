using System.Net;
using System.Text.Json;
using Nimbus.ApiGateway.Tests.Infrastructure;

namespace Nimbus.ApiGateway.Tests.RestApis;

/// <summary>API keys required per method, usage plans with per-key throttles and quotas, and GetUsage.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RestApiKeyTests(GatewayFixture gateway) : IAsyncLifetime
{
    private JsonElement _ids;

    private string ApiId => _ids.GetProperty("api").GetString()!;

    private string Key(string name) => _ids.GetProperty(name).GetString()!;

    public async Task InitializeAsync()
    {
        _ids = await RestScripts.RunAsync(gateway, $$"""
            api, root = new_api("keys")
            res = resource(api, root, "paid")
            proxy(api, res, "GET", "{{gateway.EchoArn}}", apiKeyRequired=True)
            free = resource(api, root, "free")
            proxy(api, free, "GET", "{{gateway.EchoArn}}")
            deploy(api)
            def key(name, enabled=True):
                k = apigw.create_api_key(name=name + "-" + api, enabled=enabled)
                return k["id"], apigw.get_api_key(apiKey=k["id"], includeValue=True)["value"]
            def plan(name, key_id, **kw):
                p = apigw.create_usage_plan(name=name, apiStages=[{"apiId": api, "stage": "prod"}], **kw)["id"]
                apigw.create_usage_plan_key(usagePlanId=p, keyId=key_id, keyType="API_KEY")
                return p
            plain_id, plain = key("plain")
            throttled_id, throttled = key("throttled")
            quota_id, quota = key("quota")
            disabled_id, disabled = key("disabled", enabled=False)
            orphan_id, orphan = key("orphan")
            plan("plain", plain_id)
            plan("throttled", throttled_id, throttle={"rateLimit": 0.001, "burstLimit": 2})
            quota_plan = plan("quota", quota_id, quota={"limit": 3, "period": "DAY"})
            plan("disabled", disabled_id)
            print(json.dumps({"api": api, "plain": plain, "throttled": throttled, "quota": quota, "quotaId": quota_id, "quotaPlan": quota_plan,
                              "disabled": disabled, "orphan": orphan, "plainId": plain_id}))
            """);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpResponseMessage> CallAsync(string path, string? key) =>
        gateway.GetAsync(ApiId, path, r =>
        {
            if (key is not null)
            {
                r.Headers.Add("x-api-key", key);
            }
        });

    [Fact]
    public async Task ValidKey_ReachesTheFunction_AndNamesTheKeyInTheEvent()
    {
        var evt = await GatewayFixture.EventOf(await CallAsync("/prod/paid", Key("plain")));
        var identity = evt.GetProperty("requestContext").GetProperty("identity");

        Assert.Equal(Key("plain"), identity.GetProperty("apiKey").GetString());
        Assert.Equal(Key("plainId"), identity.GetProperty("apiKeyId").GetString());
        Assert.Equal(HttpStatusCode.OK, (await CallAsync("/prod/free", null)).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key-not-a-key-not-a-key")]
    [InlineData("disabled")]
    [InlineData("orphan")]
    public async Task MissingInvalidDisabledOrPlanlessKey_Is403Forbidden(string? key)
    {
        var value = key is "disabled" or "orphan" ? Key(key) : key;

        var response = await CallAsync("/prod/paid", value);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("{\"message\":\"Forbidden\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UsagePlanThrottle_Is429TooManyRequests_BeyondTheBurst()
    {
        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((int)(await CallAsync("/prod/paid", Key("throttled"))).StatusCode);
        }
        var throttled = await CallAsync("/prod/paid", Key("throttled"));

        Assert.Equal([200, 200, 429], statuses);
        Assert.Equal(429, (int)throttled.StatusCode);
        Assert.Equal("{\"message\":\"Too Many Requests\"}", await throttled.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Quota_Is429LimitExceeded_OnceUsedUp_AndGetUsageCountsIt()
    {
        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((int)(await CallAsync("/prod/paid", Key("quota"))).StatusCode);
        }
        var exceeded = await CallAsync("/prod/paid", Key("quota"));
        var usage = await RestScripts.RunAsync(gateway, $$"""
            today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
            u = apigw.get_usage(usagePlanId="{{Key("quotaPlan")}}", startDate=today, endDate=today)
            print(json.dumps(u["items"]))
            """);

        Assert.Equal([200, 200, 200, 429], statuses);
        Assert.Equal("{\"message\":\"Limit Exceeded\"}", await exceeded.Content.ReadAsStringAsync());
        Assert.Equal("LimitExceededException", exceeded.Headers.GetValues("x-amzn-ErrorType").Single());
        var day = usage.GetProperty(Key("quotaId"))[0];
        Assert.Equal(3, day[0].GetInt64());
        Assert.Equal(0, day[1].GetInt64());
    }
}
