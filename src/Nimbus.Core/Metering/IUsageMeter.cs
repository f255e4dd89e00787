namespace Nimbus.Core.Metering;

/// <summary>
/// Where services other than Lambda report billable usage (implemented by Nimbus.Billing). Runs on hot paths,
/// so implementations queue and return. Services depend on it optionally: with none registered, nothing is metered.
/// </summary>
public interface IUsageMeter
{
    void Record(UsageRecord record);
}
