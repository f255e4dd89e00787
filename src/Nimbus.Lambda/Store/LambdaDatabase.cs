using Nimbus.Core.Storage;

namespace Nimbus.Lambda.Store;

/// <summary>Lambda's own SQLite file (<c>db/lambda.db</c>), shared by its stores; a distinct type so DI cannot mix it up with another module's.</summary>
internal sealed record LambdaDatabase(SqliteDatabase Database);
