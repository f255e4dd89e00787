#!/usr/bin/env bash
# Removes what examples/items-api/deploy.sh created (the HTTP API, function, its logs, table, and the page's bucket).
#   examples/items-api/remove.sh [web-bucket] [table]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../lib.sh"
bucket="${1:-items-web}"
table="${2:-items}"

step "HTTP API items-api"
for api_id in $(aws apigatewayv2 get-apis --query "Items[?Name=='items-api'].ApiId" --output text); do
  aws apigatewayv2 delete-api --api-id "$api_id"
done
step "Function items-api and its logs"
delete_function items-api
step "Table $table"
delete_table "$table"
step "Bucket s3://$bucket (the page)"
delete_bucket "$bucket"
echo "Removed."
