#!/usr/bin/env bash
# The runtime model test's long run (issue 17): the randomized model test of tests/Routilux.Tests/Model for
# ROUTILUX_MODEL_MINUTES (default 20) under each JIT setting — default, DOTNET_TieredPGO=0, DOTNET_TieredCompilation=0 —
# going on after failures, then one line per setting: scenarios (iterations), jobs, handler runs and violations.
# Usage: tests/model-long-run.sh [minutes-per-setting]
set -uo pipefail
cd "$(dirname "$0")/.."

minutes="${1:-${ROUTILUX_MODEL_MINUTES:-20}}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build tests/Routilux.Tests -c Release -v quiet -nologo >/dev/null || { echo "build failed" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
summary=()
for setting in default DOTNET_TieredPGO=0 DOTNET_TieredCompilation=0; do
  report="$work/$setting.txt"
  log="$work/$setting.log"
  : >"$report"
  envs=(ROUTILUX_MODEL_MINUTES="$minutes" ROUTILUX_MODEL_KEEP_GOING=1 ROUTILUX_MODEL_REPORT="$report")
  [ "$setting" != default ] && envs+=("$setting")
  echo "== $setting: $minutes minute(s)"
  # The hang bound of dotnet test is the run's own budget plus the reducer's and a margin.
  env "${envs[@]}" dotnet test tests/Routilux.Tests -c Release --no-build \
    --filter FullyQualifiedName~RuntimeModelTests --logger "console;verbosity=normal" \
    --blame-hang-timeout "$(( (minutes + 10) * 60 ))s" --blame-hang-dump-type none >"$log" 2>&1
  rc=$?
  line="$(tail -n 1 "$report" 2>/dev/null)"
  [ -n "$line" ] || line="no summary (exit code $rc; see below)"
  summary+=("$setting: ${line#model: }")
  if [ "$rc" -ne 0 ]; then
    status=1
    grep -E '^\s*(\[[a-z-]+\] seeds|model: seed|first failure|replay)' "$log" | head -n 40
  fi
done

echo
echo "model long run, $minutes minute(s) per setting:"
printf '  %s\n' "${summary[@]}"
exit "$status"
