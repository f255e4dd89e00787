namespace Nimbus.Execution.RuntimeApi;

/// <summary>A status code and a pre-encoded JSON body for a Runtime API POST.</summary>
internal readonly record struct RuntimeApiResult(int StatusCode, ReadOnlyMemory<byte> Body)
{
    // Bodies as the Lambda Runtime Interface Emulator renders them (aws-lambda-runtime-interface-emulator, rapi/rendering).
    public static readonly RuntimeApiResult Accepted = new(202, """{"status":"OK"}"""u8.ToArray());

    public static readonly RuntimeApiResult InvalidRequestId =
        new(400, """{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}"""u8.ToArray());

    public static readonly RuntimeApiResult TooLarge = new(413,
        """{"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).","errorType":"RequestEntityTooLarge"}"""u8.ToArray());

    public static readonly RuntimeApiResult NotFound = new(404, """{"errorMessage":"Not found","errorType":"NotFound"}"""u8.ToArray());

    public static RuntimeApiResult InvalidStateTransition(string from, string to) => new(403, System.Text.Encoding.UTF8.GetBytes(
        $$"""{"errorMessage":"State transition from {{from}} to {{to}} failed for runtime. Error: State transition is not allowed","errorType":"InvalidStateTransition"}"""));
}
