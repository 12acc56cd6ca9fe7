#!/usr/bin/env bash
# Gradescope runs this once, as root, on its Ubuntu image, with the network: install JDK 17 and Maven from the
# distribution's packages, build the kit's grader, and copy every library it needs beside it, so that grading
# (run_autograder) needs neither the network nor Maven.
set -euo pipefail
root="${EXERCISE11_AUTOGRADER_ROOT:-/autograder}"
kit="$root/source/kit"
if ! command -v javac >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless maven python3 >/dev/null
fi
cd "$kit"
# One Maven run: package the grader and the kit's parts it uses, and copy every jar it needs into lib/.
mvn -B -ntp -q -pl test-harness/grader -DskipTests package dependency:copy-dependencies -DincludeScope=runtime \
  -DoutputDirectory="$kit/lib"
cp test-harness/grader/target/exercise11-grader-*.jar "$kit/lib/"
# The student's code runs as 'nobody': it may read the grader's libraries and the visible checks, not the solution
# or the hidden checks' sources (the grader, as root, compiles those).
chmod -R a+rX "$kit"
chmod -R go-rwx "$kit/exercise-11-solution" "$kit/test-harness/checks/hidden"
echo "setup done: the grader and its libraries are in $kit/lib"
