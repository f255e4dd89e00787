#!/usr/bin/env bash
# Removes what examples/thumbnail/deploy.sh created (buckets with their objects, table, function, its log group).
#   examples/thumbnail/remove.sh [source-bucket] [thumbnail-bucket] [table]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../lib.sh"
source_bucket="${1:-photos}"
target_bucket="${2:-photo-thumbnails}"
table="${3:-photo-metadata}"

step "Buckets s3://$source_bucket and s3://$target_bucket (with their objects)"
delete_bucket "$source_bucket"
delete_bucket "$target_bucket"
step "Function thumbnail and its logs"
delete_function thumbnail
step "Table $table"
delete_table "$table"
echo "Removed."
