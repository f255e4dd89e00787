namespace Nimbus.CloudWatch.Logs.Patterns;

/// <summary>A filter pattern that has to look inside each message (JSON, space-delimited, regular expression).</summary>
internal interface IMessagePredicate
{
    bool Matches(string message);
}
