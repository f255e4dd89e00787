using Nimbus.Core;
using Nimbus.Lambda.Model;

namespace Nimbus.Lambda.Store;

/// <summary>
/// Where function documents persist. Read once at start-up; written on every change (never on invoke).
/// A SQLite implementation now, PostgreSQL in cluster mode.
/// </summary>
internal interface ILambdaStore
{
    IReadOnlyList<(AwsScope Scope, FunctionDocument Function)> LoadAll();

    void Save(AwsScope scope, FunctionDocument function);

    void Delete(AwsScope scope, string functionName);
}
