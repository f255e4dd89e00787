using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Nimbus.DynamoDb.Service;

namespace Nimbus.DynamoDb.Tests;

/// <summary>
/// A real server whose clock the test moves: TTLs, stream retention (24 h) and transaction tokens (10 min) are
/// checked in the minutes and hours they promise without waiting for them. The clock starts at the real time, so
/// signed requests stay within their allowed skew until the test moves it; only S3 checks that skew, and these tests
/// speak DynamoDB. Background timers on the clock fire only when the test advances it.
/// </summary>
public sealed class FakeClockServerFixture : NimbusServerFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>
    /// Moves the clock, then runs one expiry sweep and waits for it: the sweeper's own timer also fires on the move, but
    /// in the background, so a test that asserts on what the sweep removed runs one itself.
    /// </summary>
    public Task AdvanceAndSweepAsync(TimeSpan by)
    {
        Clock.Advance(by);
        return Host.Services.GetRequiredService<ExpirySweeper>().SweepAsync();
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}
