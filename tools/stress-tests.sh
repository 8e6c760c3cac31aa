#!/usr/bin/env bash
# Runs Maven modules' tests while a CPU hog keeps every core busy, to find tests that pass only on an idle machine.
# Independent of .ci/run. The hog is stress-ng (installed from the distribution with apt-get when missing), else one
# spinning JVM thread per core.
#
# Usage: tools/stress-tests.sh [-n ROUNDS] [-m MODULE,MODULE,...] [-- EXTRA MAVEN ARGS]
#   -n ROUNDS   how many times to run the tests (default 1)
#   -m MODULES  Maven modules (-pl) whose tests run; default: the whole suite
#   e.g. tools/stress-tests.sh -n 2 -m client/core,client/logback -- -o
# Maven runs under flock on ${ECOMLOG_MVN_LOCK:-/tmp/ecomlog-mvn.lock}, so it never overlaps another build that uses
# the same lock; the hog runs only while this script holds it. Exit status: 0 when every round passed.
set -euo pipefail

rounds=1
modules=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) rounds="$2"; shift 2 ;;
    -m) modules="$2"; shift 2 ;;
    --) shift; break ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "stress-tests.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
extra=("$@")

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cores=$(nproc)
lock=${ECOMLOG_MVN_LOCK:-/tmp/ecomlog-mvn.lock}

# every AWS client in the tests has an endpoint override to 127.0.0.1 and static credentials
export AWS_EC2_METADATA_DISABLED=true AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test \
       SPARK_LOCAL_IP=127.0.0.1 AWS_EMF_ENVIRONMENT=Local

install_stress_ng() {
  command -v stress-ng >/dev/null && return 0
  command -v apt-get >/dev/null || return 1
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || return 1
    sudo=(sudo -n)
  fi
  echo "stress-tests.sh: installing stress-ng with apt-get" >&2
  # another install may hold the dpkg lock for a while: wait for it rather than fail
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends \
      stress-ng >&2 \
    || { DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update >&2 \
         && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y \
              --no-install-recommends stress-ng >&2; }
}

hog_pid=""
start_hog() {
  if install_stress_ng; then
    stress-ng --cpu "$cores" --cpu-method int64 --quiet &
    hog_pid=$!
    echo "stress-tests.sh: stress-ng --cpu $cores (pid $hog_pid) keeps the cores busy" >&2
  else
    local src
    src=$(mktemp -d)/Spin.java
    cat >"$src" <<'EOF'
public class Spin {
    static volatile long sink;
    public static void main(String[] args) {
        for (int i = 0; i < Integer.parseInt(args[0]); i++) {
            new Thread(() -> { long x = 0; while (true) { x += System.nanoTime() & 7; sink = x; } }).start();
        }
    }
}
EOF
    java "$src" "$cores" &
    hog_pid=$!
    echo "stress-tests.sh: no stress-ng; a JVM spinning $cores threads (pid $hog_pid) keeps the cores busy" >&2
  fi
}

stop_hog() {
  if [[ -n "$hog_pid" ]]; then
    kill "$hog_pid" 2>/dev/null || true
    wait "$hog_pid" 2>/dev/null || true
    hog_pid=""
  fi
}
trap stop_hog EXIT

mvn_args=(-B -ntp verify)
if [[ -n "$modules" ]]; then
  mvn_args+=(-pl "$modules")
fi
mvn_args+=("${extra[@]}")

failed_rounds=0
exec 9>"$lock"
for round in $(seq 1 "$rounds"); do
  echo "stress-tests.sh: round $round of $rounds: waiting for $lock" >&2
  flock 9
  start_hog
  start=$(date +%s)
  status=0
  ./mvnw "${mvn_args[@]}" || status=$?
  took=$(( $(date +%s) - start ))
  stop_hog
  flock -u 9

  # the failing tests, from the Surefire and Failsafe reports this round wrote
  reports=$(find . \( -path '*/target/surefire-reports/*.xml' -o -path '*/target/failsafe-reports/*.xml' \) \
      -newermt "@$start" -print 2>/dev/null || true)
  tests=0; failures=0
  if [[ -n "$reports" ]]; then
    tests=$(grep -ho '<testsuite [^>]*' $reports | grep -o ' tests="[0-9]*"' | tr -dc '0-9\n' \
        | awk '{ n += $1 } END { print n + 0 }' || true)
    failures=$( (grep -l '<failure\|<error' $reports || true) | wc -l)
  fi
  if [[ $status -eq 0 ]]; then
    echo "stress-tests.sh: round $round PASSED in ${took}s ($tests tests, $cores cores busy)"
  else
    failed_rounds=$((failed_rounds + 1))
    echo "stress-tests.sh: round $round FAILED in ${took}s ($tests tests; $failures report files with failures):"
    if [[ -n "$reports" ]]; then
      (grep -l '<failure\|<error' $reports || true) | sed 's/^/  /'
    fi
  fi
done
[[ $failed_rounds -eq 0 ]]
