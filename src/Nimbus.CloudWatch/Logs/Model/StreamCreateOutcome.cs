namespace Nimbus.CloudWatch.Logs.Model;

internal enum StreamCreateOutcome
{
    Created,
    AlreadyExists,
    GroupNotFound,
}
