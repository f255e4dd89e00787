using Nimbus.Core;
using Nimbus.Core.Logs;

namespace Nimbus.CloudWatch.Logs.Model;

/// <summary>Events for one stream, in the order they are to be stored.</summary>
internal sealed record StreamBatch(AwsScope Scope, string GroupName, string StreamName, IReadOnlyList<LogRecord> Events);
