namespace Nimbus.Core;

/// <summary>
/// The URL of Nimbus's own edge endpoint, known once the server is listening. Functions get it as
/// <c>AWS_ENDPOINT_URL</c> so the AWS SDK inside a function calls Nimbus.
/// </summary>
public sealed class EdgeEndpoint
{
    private string _url = "http://127.0.0.1:4566";

    public string Url
    {
        get => Volatile.Read(ref _url);
        set => Volatile.Write(ref _url, value.TrimEnd('/'));
    }
}
