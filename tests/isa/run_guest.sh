#!/usr/bin/env bash
# Runs one guest program on a machine (QEMU or memvp) and checks it: the exit status, the
# console output (stdout, carriage returns dropped) against an expected file, and words that
# must appear on stderr. Used by the isa.* ctest entries; fails with a diff on mismatch.
# --drop-lines REGEX leaves console lines matching the extended regex out of the comparison
# (figures a test prints for people but does not check).
#   run_guest.sh [--expect FILE] [--exit N] [--timeout S] [--stderr-has WORD]...
#                [--drop-lines REGEX] -- CMD...
set -euo pipefail

expect="" want_exit=0 limit=120 stderr_words=() drop=
while [ $# -gt 0 ]; do
  case "$1" in
    --expect) expect="$2"; shift 2 ;;
    --exit) want_exit="$2"; shift 2 ;;
    --timeout) limit="$2"; shift 2 ;;
    --stderr-has) stderr_words+=("$2"); shift 2 ;;
    --drop-lines) drop="$2"; shift 2 ;;
    --) shift; break ;;
    *) echo "run_guest.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { echo "run_guest.sh: no command after --" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

status=0
timeout --kill-after=5 "$limit" "$@" <"/dev/null" >"$tmp/out" 2>"$tmp/err" || status=$?
tr -d '\r' <"$tmp/out" >"$tmp/console"
if [ -n "$drop" ]; then
  grep -Ev -- "$drop" "$tmp/console" >"$tmp/compared" || true
else
  cp "$tmp/console" "$tmp/compared"
fi

fail=0
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  echo "FAIL: timed out after ${limit}s: $*"
  fail=1
elif [ "$status" -ne "$want_exit" ]; then
  echo "FAIL: exit status $status, expected $want_exit: $*"
  fail=1
fi
if [ -n "$expect" ] && ! diff -u "$expect" "$tmp/compared" >"$tmp/diff"; then
  echo "FAIL: console output differs from $expect:"
  cat "$tmp/diff"
  fail=1
fi
for w in "${stderr_words[@]}"; do
  if ! grep -qi -- "$w" "$tmp/err"; then
    echo "FAIL: stderr does not mention '$w'"
    fail=1
  fi
done

if [ "$fail" -ne 0 ]; then
  echo "--- console ---"; cat "$tmp/console"
  echo "--- stderr ---"; cat "$tmp/err"
  exit 1
fi
echo "ok: $*"
