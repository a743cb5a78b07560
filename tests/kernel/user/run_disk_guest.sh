#!/usr/bin/env bash
# Runs a guest test on a fresh copy of a disk image, then checks the copy on the host with
# e2fsprogs: e2fsck -fn must find the file system clean, debugfs -R "cat PATH" must give the
# bytes of an expected file, and removed paths must be gone.
#   run_disk_guest.sh --image SRC --copy COPY [--scratch SRC=COPY]... [--cat PATH=FILE]...
#                     [--absent PATH]... -- CMD...
# CMD (run_guest.sh and the machine's command line) must use COPY as its disk; each --scratch
# image (a swap disk) is copied too, for CMD to use, and not checked.
set -euo pipefail

image="" copy="" cats=() absent=() scratch=()
while [ $# -gt 0 ]; do
  case "$1" in
    --image) image="$2"; shift 2 ;;
    --copy) copy="$2"; shift 2 ;;
    --scratch) scratch+=("$2"); shift 2 ;;
    --cat) cats+=("$2"); shift 2 ;;
    --absent) absent+=("$2"); shift 2 ;;
    --) shift; break ;;
    *) echo "run_disk_guest.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
E2FSCK=${E2FSCK:-e2fsck} DEBUGFS=${DEBUGFS:-debugfs}

cp "$image" "$copy"
for entry in "${scratch[@]}"; do
  cp "${entry%%=*}" "${entry#*=}"
done
"$@"

fail=0
if ! "$E2FSCK" -fn "$copy" >"$copy.e2fsck" 2>&1; then
  echo "FAIL: e2fsck -fn $copy:"; cat "$copy.e2fsck"; fail=1
fi
for entry in "${cats[@]}"; do
  path=${entry%%=*} want=${entry#*=}
  if ! "$DEBUGFS" -R "cat $path" "$copy" 2>/dev/null | cmp -s - "$want"; then
    echo "FAIL: debugfs cat $path differs from $want"; fail=1
  fi
done
for path in "${absent[@]}"; do
  if "$DEBUGFS" -R "stat $path" "$copy" 2>&1 | grep -q "Inode:"; then
    echo "FAIL: $path is still on the disk"; fail=1
  fi
done
[ "$fail" -eq 0 ] && echo "PASS: $copy is clean and holds what the guest wrote"
exit "$fail"
