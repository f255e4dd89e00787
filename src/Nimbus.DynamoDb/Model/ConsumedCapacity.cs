namespace Nimbus.DynamoDb.Model;

/// <summary>Capacity units one call consumed on one table (ReturnConsumedCapacity TOTAL or INDEXES).</summary>
internal sealed record ConsumedCapacity(string TableName, double ReadUnits, double WriteUnits)
{
    public double Total => ReadUnits + WriteUnits;
}
