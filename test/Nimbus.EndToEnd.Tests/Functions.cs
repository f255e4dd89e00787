namespace Nimbus.EndToEnd.Tests;

/// <summary>The sample functions of the walk-through, one per runtime family.</summary>
internal static class Functions
{
    public const string NodeHandler = """
        exports.handler = async (event, context) => {
          console.log("hello from node", JSON.stringify(event));
          if (event.fail) { throw new Error("node failed on purpose"); }
          return { runtime: "node", echo: event, requestId: context.awsRequestId, version: context.functionVersion,
                   fn: process.env.AWS_LAMBDA_FUNCTION_NAME, greeting: process.env.GREETING || null };
        };
        """;

    public const string NodeHandlerV2 = """
        exports.handler = async (event) => ({ runtime: "node", revision: 2 });
        """;

    public const string PythonHandler = """
        import os

        def handler(event, context):
            print("hello from python", event)
            if event.get("fail"):
                raise ValueError("python failed on purpose")
            return {"runtime": "python", "echo": event, "requestId": context.aws_request_id,
                    "version": context.function_version, "fn": os.environ["AWS_LAMBDA_FUNCTION_NAME"],
                    "greeting": os.environ.get("GREETING")}
        """;

    public const string PythonHandlerV2 = """
        def handler(event, context):
            return {"runtime": "python", "revision": 2}
        """;

    /// <summary>A custom runtime in bash, speaking the Runtime API with curl, as AWS's tutorial shows.</summary>
    public const string BashBootstrap = """
        #!/bin/bash
        set -euo pipefail
        API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
        while true; do
          HEADERS="$(mktemp)"
          EVENT_DATA=$(curl -sS -LD "$HEADERS" "$API/invocation/next")
          REQUEST_ID=$(grep -Fi Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)
          echo "hello from bash $EVENT_DATA"
          if [[ "$EVENT_DATA" == *'"fail"'* ]]; then
            curl -sS -X POST "$API/invocation/$REQUEST_ID/error" -H "Lambda-Runtime-Function-Error-Type: Unhandled" \
              -d '{"errorMessage":"bash failed on purpose","errorType":"BashError"}' > /dev/null
          else
            curl -sS -X POST "$API/invocation/$REQUEST_ID/response" -d "{\"runtime\":\"bash\",\"echo\":$EVENT_DATA}" > /dev/null
          fi
        done
        """;

    public const string BashBootstrapV2 = """
        #!/bin/bash
        API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
        while true; do
          HEADERS="$(mktemp)"
          curl -sS -LD "$HEADERS" "$API/invocation/next" > /dev/null
          REQUEST_ID=$(grep -Fi Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)
          curl -sS -X POST "$API/invocation/$REQUEST_ID/response" -d '{"runtime":"bash","revision":2}' > /dev/null
        done
        """;
}
