#!/usr/bin/env bash
# Removes what examples/hourly-report/deploy.sh created (schedule, function, its logs, the bucket with its reports).
#   examples/hourly-report/remove.sh [report-bucket]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../lib.sh"
bucket="${1:-photo-reports}"

step "Schedule thumbnail-report-hourly"
quietly aws scheduler delete-schedule --name thumbnail-report-hourly
step "Function thumbnail-report and its logs"
delete_function thumbnail-report
step "Bucket s3://$bucket (with its reports)"
delete_bucket "$bucket"
echo "Removed."
