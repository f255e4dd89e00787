namespace Nimbus.CloudWatch.Logs.Model;

/// <summary>What a store append found when groups and streams must already exist (PutLogEvents).</summary>
internal enum AppendOutcome
{
    Stored,
    GroupNotFound,
    StreamNotFound,
}
