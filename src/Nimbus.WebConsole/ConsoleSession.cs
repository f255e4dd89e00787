namespace Nimbus.WebConsole;

/// <summary>
/// What the console's scripts need to call the AWS APIs on the same endpoint as any SDK would: an access key it may
/// sign with, the account and the region. The console uses no private API for what the AWS APIs already answer.
/// </summary>
public sealed record ConsoleSession(string AccessKeyId, string SecretAccessKey, string AccountId, string Region);
