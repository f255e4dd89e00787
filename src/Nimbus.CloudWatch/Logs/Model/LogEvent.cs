namespace Nimbus.CloudWatch.Logs.Model;

/// <summary>A stored event. <see cref="Id"/> grows with every stored event and orders events of equal timestamp.</summary>
internal sealed record LogEvent(long Id, string StreamName, long Timestamp, long IngestionTime, string Message)
{
    public EventKey Key => new(Timestamp, Id);
}
