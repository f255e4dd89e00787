using Nimbus.Core;

namespace Nimbus.Protocol.Errors;

/// <summary>Writes an AWS error in one protocol's wire shape. One implementation per protocol.</summary>
public interface IAwsErrorWriter
{
    Task WriteAsync(AwsRequestContext request, AwsServiceException error);
}
