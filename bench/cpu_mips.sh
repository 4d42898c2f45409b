#!/usr/bin/env bash
# The host CPU model's speed on the CPU-bound firmware benchmark (build/firmware/cpubench.elf)
# with the default board (DMI on, default quantum). Runs it N times (default 5) and prints
# each run's MIPS, then the median and the best. Wall-clock figures: run on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
sim=${ACCELVP:-build/accelvp}
elf=${CPUBENCH:-build/firmware/cpubench.elf}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
figures=()
for i in $(seq "$runs"); do
  line=$("$sim" run --out "$out" -p sim.console=false "$elf" 2>&1 | tail -n 1)
  mips=$(sed -n 's/.*| \([0-9.]*\) MIPS$/\1/p' <<<"$line")
  echo "run $i: $line"
  figures+=("$mips")
done
sorted=$(printf '%s\n' "${figures[@]}" | sort -g)
median=$(sed -n "$(( (runs + 1) / 2 ))p" <<<"$sorted")
best=$(tail -n 1 <<<"$sorted")
echo "cpu_mips runs=$runs median=$median best=$best"
