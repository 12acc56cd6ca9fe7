#!/usr/bin/env bash
# Submits the shards as one array job, and the merge to start once every shard has ended well.
# Run it on the login node, from anywhere: both jobs run in the kit's root folder, found from this script's place.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
kit="$(cd "$here/../../.." && pwd)"
# Shards that start together would all build the grader in the same folder: build it once first (README.md).
if [ ! -s "$kit/test-harness/grader/target/grader.classpath" ]; then
  echo "error: build the kit once first: cd $kit && mvn -B -ntp -q install -DskipTests && bin/grade --help" >&2
  exit 1
fi
cd "$here"
jobid=$(sbatch --parsable --chdir="$kit" grade.sbatch)
# --parsable prints "id", or "id;cluster" where there are several clusters: afterok wants the id.
jobid=${jobid%%;*}
merge=$(sbatch --parsable --chdir="$kit" --dependency=afterok:"$jobid" merge.sbatch)
echo "grade: job $jobid (array); merge: job ${merge%%;*}, held until every shard has ended well"
