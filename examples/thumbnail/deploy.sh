#!/usr/bin/env bash
# Deploys the thumbnail pipeline to a running Nimbus (./nimbus up) with the AWS CLI: two buckets, the metadata table,
# the function, the permission for S3 to invoke it, and the bucket notification. Re-running updates the code.
#   examples/thumbnail/deploy.sh [source-bucket] [thumbnail-bucket] [table]
# AWS_ENDPOINT_URL (default http://127.0.0.1:4566) names the Nimbus to deploy to. examples/thumbnail/remove.sh undoes it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../lib.sh"
source_bucket="${1:-photos}"
target_bucket="${2:-photo-thumbnails}"
table="${3:-photo-metadata}"

step "Packaging the function (npm install on first use, then cached)"
zip="$("$here/../../test/fixtures/thumbnail/prepare.sh")"
step "Buckets s3://$source_bucket and s3://$target_bucket"
bucket_exists "$source_bucket" || aws s3 mb "s3://$source_bucket" >/dev/null
bucket_exists "$target_bucket" || aws s3 mb "s3://$target_bucket" >/dev/null
step "Table $table (key: the image's key; index by-day for the hourly report)"
if ! table_exists "$table"; then
  aws dynamodb create-table --table-name "$table" --billing-mode PAY_PER_REQUEST \
    --attribute-definitions AttributeName=key,AttributeType=S AttributeName=day,AttributeType=S AttributeName=uploadedAt,AttributeType=S \
    --key-schema AttributeName=key,KeyType=HASH \
    --global-secondary-indexes 'IndexName=by-day,KeySchema=[{AttributeName=day,KeyType=HASH},{AttributeName=uploadedAt,KeyType=RANGE}],Projection={ProjectionType=ALL}' \
    >/dev/null
fi
aws dynamodb wait table-exists --table-name "$table"
step "Function thumbnail (nodejs20.x)"
deploy_function thumbnail "$zip" nodejs20.x index.handler \
  "Variables={THUMBNAIL_BUCKET=$target_bucket,THUMBNAIL_WIDTH=128,METADATA_TABLE=$table}" --timeout 60 --memory-size 512
step "Permission for S3 to invoke it, and the notification on s3://$source_bucket"
quietly aws lambda remove-permission --function-name thumbnail --statement-id s3-invoke
aws lambda add-permission --function-name thumbnail --statement-id s3-invoke --action lambda:InvokeFunction \
  --principal s3.amazonaws.com --source-arn "arn:aws:s3:::$source_bucket" --source-account "$(account)" >/dev/null
arn="$(aws lambda get-function --function-name thumbnail --query Configuration.FunctionArn --output text)"
aws s3api put-bucket-notification-configuration --bucket "$source_bucket" --notification-configuration "{
  \"LambdaFunctionConfigurations\": [{\"Id\": \"thumbnails\", \"LambdaFunctionArn\": \"$arn\", \"Events\": [\"s3:ObjectCreated:*\"]}]}"

cat <<USAGE

Deployed. Images copied to s3://$source_bucket get a 128-pixel-wide copy in s3://$target_bucket/thumbnails/
and a row in the DynamoDB table $table. Try it:

  $(credentials_hint)
  aws --endpoint-url $AWS_ENDPOINT_URL s3 cp $here/sample.png s3://$source_bucket/sample.png
  aws --endpoint-url $AWS_ENDPOINT_URL s3 ls s3://$target_bucket/thumbnails/
  aws --endpoint-url $AWS_ENDPOINT_URL dynamodb get-item --table-name $table --key '{"key": {"S": "sample.png"}}'
  aws --endpoint-url $AWS_ENDPOINT_URL logs filter-log-events --log-group-name /aws/lambda/thumbnail --query 'events[].message' --output text

Remove it with examples/thumbnail/remove.sh
USAGE
