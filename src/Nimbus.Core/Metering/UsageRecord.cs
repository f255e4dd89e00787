namespace Nimbus.Core.Metering;

/// <summary>
/// One metered quantity of a service other than Lambda, named as AWS's bill names it: for example S3
/// <c>Requests-Tier1</c> (PUT, COPY, POST, LIST) and <c>Requests-Tier2</c> (GET and the rest), DynamoDB
/// <c>ReadRequestUnits</c>/<c>WriteRequestUnits</c>, API Gateway <c>ApiGatewayHttpRequest</c>.
/// </summary>
/// <param name="Service">The service's signing name: <c>s3</c>, <c>dynamodb</c>, <c>apigateway</c>, <c>events</c>.</param>
/// <param name="UsageType">The billed unit, matched against the price table.</param>
/// <param name="Resource">The bucket, table or API the usage belongs to.</param>
/// <param name="Quantity">How many units (requests, request units, bytes).</param>
public sealed record UsageRecord(AwsScope Scope, string Service, string UsageType, string Resource, double Quantity, DateTimeOffset Timestamp);
