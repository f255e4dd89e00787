#!/usr/bin/env bash
# Deploys the thumbnail pipeline to a running Nimbus (./nimbus up) with the AWS CLI: two buckets, the function,
# the permission for S3 to invoke it, and the bucket notification. Re-running updates the code.
#   examples/thumbnail/deploy.sh [source-bucket] [thumbnail-bucket]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source_bucket="${1:-photos}"
target_bucket="${2:-photo-thumbnails}"
export AWS_ENDPOINT_URL="${AWS_ENDPOINT_URL:-http://127.0.0.1:4566}"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-000000000000}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-nimbus}"
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}"
account="$(aws sts get-caller-identity --query Account --output text 2>/dev/null || echo 000000000000)"

zip="$("$here/../../test/fixtures/thumbnail/prepare.sh")"
aws s3 mb "s3://$source_bucket" >/dev/null 2>&1 || true
aws s3 mb "s3://$target_bucket" >/dev/null 2>&1 || true
if aws lambda get-function --function-name thumbnail >/dev/null 2>&1; then
  aws lambda update-function-code --function-name thumbnail --zip-file "fileb://$zip" >/dev/null
else
  aws lambda create-function --function-name thumbnail --runtime nodejs20.x --handler index.handler \
    --role "arn:aws:iam::$account:role/thumbnail" --zip-file "fileb://$zip" --timeout 60 --memory-size 512 \
    --environment "Variables={THUMBNAIL_BUCKET=$target_bucket,THUMBNAIL_WIDTH=128}" >/dev/null
  aws lambda add-permission --function-name thumbnail --statement-id s3-invoke --action lambda:InvokeFunction \
    --principal s3.amazonaws.com --source-arn "arn:aws:s3:::$source_bucket" --source-account "$account" >/dev/null
fi
aws lambda wait function-active-v2 --function-name thumbnail
arn="$(aws lambda get-function --function-name thumbnail --query Configuration.FunctionArn --output text)"
aws s3api put-bucket-notification-configuration --bucket "$source_bucket" --notification-configuration "{
  \"LambdaFunctionConfigurations\": [{\"Id\": \"thumbnails\", \"LambdaFunctionArn\": \"$arn\", \"Events\": [\"s3:ObjectCreated:*\"]}]}"
echo "deployed: images copied to s3://$source_bucket get a 128-pixel-wide copy in s3://$target_bucket/thumbnails/"
