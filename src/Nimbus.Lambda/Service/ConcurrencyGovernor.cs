using System.Collections.Concurrent;
using Nimbus.Core;

namespace Nimbus.Lambda.Service;

/// <summary>
/// Lambda's concurrency model: a function with reserved concurrency runs at most that many invocations at once;
/// all other functions of the account share what is left of the account limit (limit − Σ reserved).
/// https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html
/// </summary>
internal sealed class ConcurrencyGovernor
{
    public const string ReservedLimitReason = "ReservedFunctionConcurrentInvocationLimitExceeded";
    public const string AccountLimitReason = "ConcurrentInvocationLimitExceeded";

    private readonly ConcurrentDictionary<AwsScope, AccountCounters> _accounts = new();

    public ConcurrencyGovernor(int accountLimit) => AccountLimit = accountLimit;

    public int AccountLimit { get; }

    /// <summary>Counts one invocation in, or throws <c>TooManyRequestsException</c> with AWS's reason.</summary>
    public ConcurrencyLease Acquire(FunctionEntry entry, int? reserved)
    {
        var account = Account(entry.Scope);
        if (reserved is int limit)
        {
            if (entry.IncrementInFlight() > limit)
            {
                entry.DecrementInFlight();
                throw LambdaErrors.Throttled(ReservedLimitReason);
            }
            Interlocked.Increment(ref account.Total);
            return new ConcurrencyLease(entry, account, Unreserved: false);
        }
        var unreservedLimit = AccountLimit - Volatile.Read(ref account.ReservedSum);
        if (Interlocked.Increment(ref account.Unreserved) > unreservedLimit)
        {
            Interlocked.Decrement(ref account.Unreserved);
            throw LambdaErrors.Throttled(AccountLimitReason);
        }
        entry.IncrementInFlight();
        Interlocked.Increment(ref account.Total);
        return new ConcurrencyLease(entry, account, Unreserved: true);
    }

    public void SetReservedSum(AwsScope scope, int sum) => Volatile.Write(ref Account(scope).ReservedSum, sum);

    public int InFlight(AwsScope scope) => Volatile.Read(ref Account(scope).Total);

    /// <summary>In-flight invocations of functions without reserved concurrency (Lambda's UnreservedConcurrentExecutions).</summary>
    public int UnreservedInFlight(AwsScope scope) => Volatile.Read(ref Account(scope).Unreserved);

    private AccountCounters Account(AwsScope scope) => _accounts.GetOrAdd(scope, static _ => new AccountCounters());

    internal sealed class AccountCounters
    {
        public int Unreserved;
        public int Total;
        public int ReservedSum;
    }
}
