#!/usr/bin/env bash
# Deploys the hourly report to a running Nimbus (./nimbus up) with the AWS CLI: the report bucket, the Python function
# and an EventBridge Scheduler schedule that invokes it every hour. Needs examples/thumbnail deployed (its table).
#   examples/hourly-report/deploy.sh [report-bucket] [table]
# AWS_ENDPOINT_URL (default http://127.0.0.1:4566) names the Nimbus to deploy to. examples/hourly-report/remove.sh undoes it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../lib.sh"
bucket="${1:-photo-reports}"
table="${2:-photo-metadata}"

step "Checking for the thumbnail example's table $table"
table_exists "$table" || { echo "No table $table: deploy examples/thumbnail first (examples/thumbnail/deploy.sh)." >&2; exit 1; }
step "Bucket s3://$bucket"
bucket_exists "$bucket" || aws s3 mb "s3://$bucket" >/dev/null
step "Function thumbnail-report (python3.12)"
zip="$(zip_python "$here/report.py")"
deploy_function thumbnail-report "$zip" python3.12 report.handler \
  "Variables={METADATA_TABLE=$table,REPORT_BUCKET=$bucket,REPORT_HOURS=24}" --timeout 60 --memory-size 256
rm -rf "$(dirname "$zip")"
step "Schedule thumbnail-report-hourly: rate(1 hour)"
arn="$(aws lambda get-function --function-name thumbnail-report --query Configuration.FunctionArn --output text)"
# Scheduler assumes RoleArn to invoke the target (no Lambda permission is involved); it passes the tick's time.
schedule=(--name thumbnail-report-hourly --schedule-expression "rate(1 hour)" --flexible-time-window Mode=OFF
  --description "Report of the last 24 hours' thumbnails, written to s3://$bucket/reports/"
  --target "{\"Arn\": \"$arn\", \"RoleArn\": \"arn:aws:iam::$(account):role/thumbnail-report-scheduler\",
             \"Input\": \"{\\\"time\\\": \\\"<aws.scheduler.scheduled-time>\\\"}\"}")
if aws scheduler get-schedule --name thumbnail-report-hourly >/dev/null 2>&1; then
  aws scheduler update-schedule "${schedule[@]}" >/dev/null
else
  aws scheduler create-schedule "${schedule[@]}" >/dev/null
fi

cat <<USAGE

Deployed. Every hour thumbnail-report writes s3://$bucket/reports/<time>.json and .csv (the first run is now).
Run it now and print the report:

  examples/hourly-report/run-now.sh
  # or by hand:
  $(credentials_hint)
  aws --endpoint-url $AWS_ENDPOINT_URL lambda invoke --function-name thumbnail-report /dev/stdout
  aws --endpoint-url $AWS_ENDPOINT_URL s3 ls s3://$bucket/reports/
  aws --endpoint-url $AWS_ENDPOINT_URL scheduler get-schedule --name thumbnail-report-hourly

Remove it with examples/hourly-report/remove.sh
USAGE
