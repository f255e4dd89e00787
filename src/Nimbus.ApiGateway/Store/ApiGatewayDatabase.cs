using Nimbus.Core.Storage;

namespace Nimbus.ApiGateway.Store;

/// <summary>API Gateway's own SQLite file (<c>db/apigateway.db</c>); a distinct type so DI cannot mix it up with another module's.</summary>
internal sealed record ApiGatewayDatabase(SqliteDatabase Database);
