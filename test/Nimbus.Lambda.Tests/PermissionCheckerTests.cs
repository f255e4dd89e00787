using Microsoft.Extensions.DependencyInjection;
using Nimbus.Core.Invocation;
using Nimbus.Lambda.Tests.Infrastructure;

namespace Nimbus.Lambda.Tests;

/// <summary>
/// The <see cref="IFunctionPermissionChecker"/> seam S3 validates notification destinations with: resource policy
/// statements added through the real AddPermission API, evaluated as Lambda evaluates them for a service principal.
/// </summary>
public sealed class PermissionCheckerTests : IAsyncLifetime
{
    private const string Prefix = "arn:aws:lambda:us-east-1:000000000000:function:";
    private static readonly FunctionInvokeSource FromBucket = new("s3.amazonaws.com", "arn:aws:s3:::photos", "000000000000");
    private LambdaTestHost _host = null!;

    public async Task InitializeAsync() => _host = await LambdaTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private IFunctionPermissionChecker Checker => _host.Services.GetRequiredService<IFunctionPermissionChecker>();

    [Fact]
    public async Task Statement_MustNameThePrincipalAndAction_AndItsConditionsMustHold()
    {
        await _host.CreateFunctionAsync("nopolicy");
        Assert.Equal(FunctionPermission.FunctionNotFound, Checker.CheckInvoke(Prefix + "missing", FromBucket));
        Assert.Equal(FunctionPermission.FunctionNotFound, Checker.CheckInvoke("not an arn", FromBucket));
        Assert.Equal(FunctionPermission.NotAuthorized, Checker.CheckInvoke(Prefix + "nopolicy", FromBucket));

        await Permit("wildcard", """{"StatementId":"a","Action":"lambda:*","Principal":"s3.amazonaws.com","SourceArn":"arn:aws:s3:::pho*"}""");
        Assert.Equal(FunctionPermission.Allowed, Checker.CheckInvoke(Prefix + "wildcard", FromBucket));
        Assert.Equal(FunctionPermission.NotAuthorized, Checker.CheckInvoke(Prefix + "wildcard", FromBucket with { SourceArn = "arn:aws:s3:::videos" }));

        await Permit("account", """{"StatementId":"a","Action":"lambda:InvokeFunction","Principal":"s3.amazonaws.com","SourceAccount":"111111111111"}""");
        Assert.Equal(FunctionPermission.NotAuthorized, Checker.CheckInvoke(Prefix + "account", FromBucket));

        await Permit("otherservice", """{"StatementId":"a","Action":"lambda:InvokeFunction","Principal":"sns.amazonaws.com"}""");
        Assert.Equal(FunctionPermission.NotAuthorized, Checker.CheckInvoke(Prefix + "otherservice", FromBucket));

        await Permit("otheraction", """{"StatementId":"a","Action":"lambda:GetFunction","Principal":"s3.amazonaws.com"}""");
        Assert.Equal(FunctionPermission.NotAuthorized, Checker.CheckInvoke(Prefix + "otheraction", FromBucket));
    }

    [Fact]
    public async Task PolicyOfTheUnqualifiedFunction_DoesNotCoverAnAlias()
    {
        await Permit("aliased", """{"StatementId":"a","Action":"lambda:InvokeFunction","Principal":"s3.amazonaws.com"}""");
        await _host.WaitSettledAsync("aliased");
        var (published, _, _) = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/aliased/versions", "{}");
        Assert.Equal(System.Net.HttpStatusCode.Created, published);
        var (aliased, _, _) = await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/aliased/aliases", """{"Name":"live","FunctionVersion":"1"}""");
        Assert.Equal(System.Net.HttpStatusCode.Created, aliased);
        Assert.Equal(FunctionPermission.Allowed, Checker.CheckInvoke(Prefix + "aliased", FromBucket));
        Assert.Equal(FunctionPermission.NotAuthorized, Checker.CheckInvoke(Prefix + "aliased:live", FromBucket));
        Assert.Equal(FunctionPermission.FunctionNotFound, Checker.CheckInvoke(Prefix + "aliased:nosuchalias", FromBucket));

        await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/aliased/policy?Qualifier=live",
            """{"StatementId":"b","Action":"lambda:InvokeFunction","Principal":"s3.amazonaws.com"}""");
        Assert.Equal(FunctionPermission.Allowed, Checker.CheckInvoke(Prefix + "aliased:live", FromBucket));
    }

    private async Task Permit(string name, string statement)
    {
        if (_host.Service.Find(Core.AwsScope.Default, name) is null)
        {
            await _host.CreateFunctionAsync(name);
        }
        await _host.CallAsync(HttpMethod.Post, $"/2015-03-31/functions/{name}/policy", statement);
    }
}
