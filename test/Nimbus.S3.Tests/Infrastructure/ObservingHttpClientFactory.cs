using Amazon.Runtime;

namespace Nimbus.S3.Tests.Infrastructure;

/// <summary>Gives the SDK an HttpClient that shows each outgoing request to <paramref name="observe"/> (what the SDK really sent).</summary>
internal sealed class ObservingHttpClientFactory(Action<HttpRequestMessage> observe) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Observer(observe));

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    private sealed class Observer(Action<HttpRequestMessage> observe) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            observe(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
