namespace Nimbus.Lambda.Service;

/// <summary>What GetAccountSettings reports for one scope.</summary>
internal sealed record AccountSettings(int ConcurrentExecutions, int UnreservedConcurrentExecutions, long TotalCodeSize, long FunctionCount);
