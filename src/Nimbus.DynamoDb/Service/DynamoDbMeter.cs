using Nimbus.Core;
using Nimbus.Core.Metering;

namespace Nimbus.DynamoDb.Service;

/// <summary>
/// On-demand usage as AWS bills it (usage types <c>ReadRequestUnits</c>, <c>WriteRequestUnits</c> of the price table),
/// per table. The units are those of <see cref="Capacity"/>. Billing is optional: without an
/// <see cref="IUsageMeter"/> registered nothing is recorded.
/// </summary>
internal sealed class DynamoDbMeter(TimeProvider time, IUsageMeter? meter = null)
{
    public const string Service = "dynamodb";

    public void Read(AwsScope scope, string table, double units) => Record(scope, "ReadRequestUnits", table, units);

    public void Write(AwsScope scope, string table, double units) => Record(scope, "WriteRequestUnits", table, units);

    public void Record(AwsScope scope, string usageType, string table, double quantity)
    {
        if (meter is not null && quantity > 0)
        {
            meter.Record(new UsageRecord(scope, Service, usageType, table, quantity, time.GetUtcNow()));
        }
    }
}
