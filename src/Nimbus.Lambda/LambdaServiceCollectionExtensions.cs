using Microsoft.Extensions.DependencyInjection;

namespace Nimbus.Lambda;

public static class LambdaServiceCollectionExtensions
{
    /// <summary>The Lambda API (<c>2015-03-31</c>), its store, and the <see cref="Core.Invocation.IFunctionInvoker"/> seam.</summary>
    public static IServiceCollection AddNimbusLambda(this IServiceCollection services)
    {
        return services;
    }
}
