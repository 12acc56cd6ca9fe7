#!/usr/bin/env bash
# The Classroom step: run the visible checks once, then write 'result=<base64 of JSON>' to $GITHUB_OUTPUT in the
# format of classroom-resources/autograding-command-grader, with each check's points. A build that does not compile
# gives status "error" with the compiler's message; so does a runner whose loopback lacks what some checks rest on
# (-Dexercise11.grading=true: a grading run never skips them). Locally: GITHUB_OUTPUT=out.txt bash .github/classroom/checks.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
: "${GITHUB_OUTPUT:?set GITHUB_OUTPUT to the file the result goes to}"
mkdir -p target
result=target/classroom-result.json
log=target/classroom-build.log
rm -f "$result"
mvn -B -ntp verify -Dexercise11.grading=true -Dexercise11.classroomResult="$PWD/$result" >"$log" 2>&1
cat "$log"
if [[ ! -s "$result" ]]; then
  # Nothing ran: the code (or the checks) did not compile, or the build broke before the checks.
  python3 - "$log" "$result" <<'PY'
import json, re, sys
# Maven 3.8 writes colour resets even in batch mode: take them out before reading its lines.
log = [re.sub(r"\x1b\[[0-9;]*m", "", l) for l in open(sys.argv[1], encoding="utf-8", errors="replace").read().splitlines()]
errors = [l[len("[ERROR] "):] for l in log if l.startswith("[ERROR] ") and (".java" in l or "COMPILATION" in l)]
message = "\n".join(errors[:20]) or "the build failed before any check ran; see the log of this step"
points = [l.split() for l in open("src/test/resources/exercise11/points.txt", encoding="utf-8") if l.strip() and not l.startswith("#")]
json.dump({"version": 1, "status": "error", "max_score": sum(float(p[1]) for p in points),
           "tests": [{"name": "compile", "status": "error", "score": 0, "message": message, "line_no": 0}]},
          open(sys.argv[2], "w", encoding="utf-8"))
PY
fi
echo "result=$(base64 -w0 "$result")" >>"$GITHUB_OUTPUT"
echo "Classroom result: $(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["status"], sum(t["score"] for t in r["tests"]), "of", r["max_score"])' "$result")"
# The reporter, the next step, turns the result into the grade and the check's colour; this step always succeeds.
exit 0
