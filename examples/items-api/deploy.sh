#!/usr/bin/env bash
# Deploys the Items API to a running Nimbus (./nimbus up) with the AWS CLI: the items table, the Python function, an
# HTTP API (POST /items, GET /items, GET /items/{id}, CORS for the page) and the web page in an S3 bucket.
#   examples/items-api/deploy.sh [web-bucket] [table]
# AWS_ENDPOINT_URL (default http://127.0.0.1:4566) names the Nimbus to deploy to. examples/items-api/remove.sh undoes it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../lib.sh"
bucket="${1:-items-web}"
table="${2:-items}"
endpoint="${AWS_ENDPOINT_URL%/}"
port="$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlsplit(sys.argv[1]).port or 80)' "$endpoint")"

step "Table $table"
table_exists "$table" || aws dynamodb create-table --table-name "$table" --billing-mode PAY_PER_REQUEST \
  --attribute-definitions AttributeName=id,AttributeType=S --key-schema AttributeName=id,KeyType=HASH >/dev/null
aws dynamodb wait table-exists --table-name "$table"
step "Function items-api (python3.12)"
zip="$(zip_python "$here/app.py")"
deploy_function items-api "$zip" python3.12 app.handler "Variables={ITEMS_TABLE=$table}" --timeout 30 --memory-size 256
rm -rf "$(dirname "$zip")"
function_arn="$(aws lambda get-function --function-name items-api --query Configuration.FunctionArn --output text)"

step "HTTP API items-api with CORS for the page's origin"
# The page is served by S3 on the endpoint's origin; the API lives on its own host ({id}.execute-api.localhost), so the
# browser asks before each call. Both spellings of the loopback origin are allowed.
cors="AllowOrigins=http://127.0.0.1:$port,http://localhost:$port,AllowMethods=GET,POST,OPTIONS,AllowHeaders=content-type,MaxAge=300"
api_id="$(aws apigatewayv2 get-apis --query "Items[?Name=='items-api'].ApiId | [0]" --output text)"
if [ "$api_id" = "None" ] || [ -z "$api_id" ]; then
  api_id="$(aws apigatewayv2 create-api --name items-api --protocol-type HTTP --cors-configuration "$cors" --query ApiId --output text)"
else
  aws apigatewayv2 update-api --api-id "$api_id" --cors-configuration "$cors" >/dev/null
fi
step "Integration and routes POST /items, GET /items, GET /items/{id}"
integration="$(aws apigatewayv2 get-integrations --api-id "$api_id" --query 'Items[0].IntegrationId' --output text)"
if [ "$integration" = "None" ] || [ -z "$integration" ]; then
  integration="$(aws apigatewayv2 create-integration --api-id "$api_id" --integration-type AWS_PROXY \
    --integration-uri "$function_arn" --payload-format-version 2.0 --query IntegrationId --output text)"
fi
existing="$(aws apigatewayv2 get-routes --api-id "$api_id" --query 'Items[].RouteKey' --output text)"
for route in "POST /items" "GET /items" "GET /items/{id}"; do
  grep -qF "$route" <<<"$existing" || aws apigatewayv2 create-route --api-id "$api_id" --route-key "$route" \
    --target "integrations/$integration" >/dev/null
done
aws apigatewayv2 get-stage --api-id "$api_id" --stage-name '$default' >/dev/null 2>&1 \
  || aws apigatewayv2 create-stage --api-id "$api_id" --stage-name '$default' --auto-deploy >/dev/null
step "Permission for API Gateway to invoke items-api"
quietly aws lambda remove-permission --function-name items-api --statement-id apigateway-invoke
aws lambda add-permission --function-name items-api --statement-id apigateway-invoke --action lambda:InvokeFunction \
  --principal apigateway.amazonaws.com --source-arn "arn:aws:execute-api:$AWS_DEFAULT_REGION:$(account):$api_id/*" >/dev/null
api_url="$(aws apigatewayv2 get-api --api-id "$api_id" --query ApiEndpoint --output text)"

step "Web page in s3://$bucket"
bucket_exists "$bucket" || aws s3 mb "s3://$bucket" >/dev/null
config="$(mktemp)"
printf 'window.ITEMS_API = %s;\n' "$(python3 -c 'import json, sys; print(json.dumps(sys.argv[1]))' "$api_url")" >"$config"
aws s3 cp "$config" "s3://$bucket/config.js" --content-type application/javascript --cache-control no-cache >/dev/null
rm -f "$config"
aws s3 cp "$here/web/" "s3://$bucket/" --recursive >/dev/null

cat <<USAGE

Deployed. Open the page:   $endpoint/$bucket/index.html
The API:                   $api_url

  curl -s -X POST $api_url/items -H 'content-type: application/json' -d '{"name": "Desk lamp", "price": 19.99}'
  curl -s $api_url/items
  curl -s $api_url/items/<id>
  curl -s -X POST $api_url/items -d '{"name": ""}'     # 400 with a message saying what is wrong

Remove it with examples/items-api/remove.sh
USAGE
