using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Service;

/// <summary>
/// AWS's capacity arithmetic (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html):
/// a read unit is 4 KB strongly consistent (half for eventually consistent), a write unit 1 KB; each rounds up;
/// transactional reads and writes cost double.
/// </summary>
internal static class Capacity
{
    public static double Read(long bytes, bool consistent, bool transactional = false)
    {
        var units = Math.Max(1, (bytes + 4095) / 4096);
        return units * (transactional ? 2.0 : consistent ? 1.0 : 0.5);
    }

    public static double Write(long bytes, bool transactional = false)
    {
        var units = Math.Max(1, (bytes + 1023) / 1024);
        return units * (transactional ? 2.0 : 1.0);
    }

    /// <summary>A write is charged for the larger of the old and new item.</summary>
    public static double Write(IReadOnlyDictionary<string, AttributeValue>? old, IReadOnlyDictionary<string, AttributeValue>? @new, bool transactional = false) =>
        Write(Math.Max(old is null ? 0 : ItemSize.Of(old), @new is null ? 0 : ItemSize.Of(@new)), transactional);
}
