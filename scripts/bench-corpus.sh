#!/usr/bin/env bash
# Throughput of `rolenorm batch` on the shared corpus, replicated to >= 300 MB: MB/s and ads/s per thread count,
# peak memory, and, on the same file in the same run, the two yardsticks of issue 10:
#   - `grep -F -i -c -f PHRASES` (GNU grep) with 300 of the norm's task terms, in two locales: LC_ALL=C (bytes;
#     -i folds ASCII only) and LC_ALL=C.UTF-8 (the same job as rolenorm's: -i folds umlauts too);
#   - the bare Aho-Corasick pass (crates/rolenorm-analyze/examples/bare_automaton.rs) with all of them.
#
#   scripts/bench-corpus.sh
#
# Environment:
#   ROLENORM_CORPUS   the gzipped (or plain) JSONL corpus; default ../shared/corpus/ads.jsonl.gz beside the repo
#   BENCH_MIN_MB      the size to replicate the corpus to, in MB; default 300
#   BENCH_THREADS     the thread counts to measure; default "1 2"
#   BENCH_RUNS        runs of each measurement; the fastest counts (the machine is shared); default 3
#   BENCH_PHRASES     how many task terms grep gets, sampled from the current norm; default: none, grep gets the
#                     fixed list scripts/bench-phrases.txt (300 terms of norm 0.10.0, spread evenly over its sorted
#                     terms). The list is fixed because grep -c stops at a line's first match: a sample that
#                     happens to hold a common word ("reach", "print") makes grep three times faster, and every
#                     norm change shifts the sample (norm 0.11.0's sample: 1.81 s instead of 5.82 s with C.UTF-8).
#   BENCH_TMP         where to put the replicated file; default a new directory from mktemp (removed at the end)
#   ROLENORM_BIN      the rolenorm binary to measure (an older build, say); default the release build of this tree
# Every speed is the wall clock of the whole process (/usr/bin/time), start-up and Analyzer::new included; the
# "MB/s of CPU time" column divides by the same run's user + system time instead (all threads together).
# Not run in CI. Needs GNU time (/usr/bin/time; Debian package `time`) and GNU grep.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${ROLENORM_CORPUS:-$root/../shared/corpus/ads.jsonl.gz}"
min_mb="${BENCH_MIN_MB:-300}"
threads_list="${BENCH_THREADS:-1 2}"
runs="${BENCH_RUNS:-3}"
phrase_count="${BENCH_PHRASES:-}"
cores="$(nproc)"

if [[ ! -x /usr/bin/time ]]; then
    echo "bench-corpus: /usr/bin/time is missing; install it with: apt-get install time" >&2
    exit 2
fi
if [[ ! -r "$corpus" ]]; then
    echo "bench-corpus: cannot read the corpus $corpus (set ROLENORM_CORPUS)" >&2
    exit 2
fi

echo "== building release binaries" >&2
(cd "$root" && cargo build --release -p rolenorm-cli && cargo build --release -p rolenorm-analyze --example bare_automaton) >&2
rolenorm="${ROLENORM_BIN:-$root/target/release/rolenorm}"
bare="$root/target/release/examples/bare_automaton"

if [[ -n "${BENCH_TMP:-}" ]]; then
    tmp="$BENCH_TMP"
    mkdir -p "$tmp"
else
    tmp="$(mktemp -d -t rolenorm-bench.XXXXXX)"
    trap 'rm -rf "$tmp"' EXIT
fi

one="$tmp/one.jsonl"
case "$corpus" in
    *.gz) gzip -dc "$corpus" >"$one" ;;
    *) cp "$corpus" "$one" ;;
esac
one_bytes=$(stat -c %s "$one")
one_ads=$(wc -l <"$one")
copies=$(( (min_mb * 1000000 + one_bytes - 1) / one_bytes ))
file="$tmp/corpus-x$copies.jsonl"
: >"$file"
for _ in $(seq "$copies"); do cat "$one" >>"$file"; done
rm -f "$one"
file_bytes=$(stat -c %s "$file")
ads=$((one_ads * copies))
echo "== the corpus ($one_ads ads, $one_bytes bytes) is replicated $copies times into $file:" \
    "$ads ads, $((file_bytes / 1000000)) MB (repeated ads: the input cache is warm, the ads are not new)" >&2
cat "$file" >/dev/null

phrases="$root/scripts/bench-phrases.txt"
if [[ -n "$phrase_count" ]]; then
    phrases="$tmp/phrases.txt"
    "$bare" --phrases "$phrase_count" "$phrases" >&2
fi

# Runs "$@" under /usr/bin/time `runs` times; sets best_s (fastest wall clock, s), best_kb (its peak RSS, KB) and
# best_cpu (its user + system CPU time, s: steadier than the wall clock on a shared machine).
# Exit codes 0 and 1 count (grep -c exits 1 when no line matches; batch exits 1 when a record failed).
measure() {
    best_s=""
    best_kb=""
    best_cpu=""
    local log="$tmp/time.log"
    for _ in $(seq "$runs"); do
        /usr/bin/time -f '%e %M %U %S' -o "$log" "$@" >"$tmp/out.txt" 2>"$tmp/err.txt" || {
            status=$?
            if [[ $status -ne 1 ]]; then cat "$tmp/err.txt" >&2; exit 2; fi
        }
        read -r s kb user sys <"$log"
        if [[ -z "$best_s" ]] || awk -v a="$s" -v b="$best_s" 'BEGIN { exit !(a < b) }'; then
            best_s=$s
            best_kb=$kb
            best_cpu=$(awk -v u="$user" -v y="$sys" 'BEGIN { printf "%.2f", u + y }')
        fi
    done
}
mb_per_s() { awk -v b="$file_bytes" -v s="$1" 'BEGIN { printf "%.1f", b / s / 1e6 }'; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A ads_s mb_s rss_mb cpu_mb_s
for threads in $threads_list; do
    echo "== rolenorm batch --threads $threads (best of $runs)" >&2
    measure "$rolenorm" batch "$file" -o /dev/null --threads "$threads"
    mb_s[$threads]=$(mb_per_s "$best_s")
    ads_s[$threads]=$(awk -v n="$ads" -v s="$best_s" 'BEGIN { printf "%.0f", n / s }')
    rss_mb[$threads]=$(awk -v k="$best_kb" 'BEGIN { printf "%.1f", k / 1024 }')
    cpu_mb_s[$threads]=$(mb_per_s "$best_cpu")
    echo "$best_s s ($best_cpu s CPU), ${mb_s[$threads]} MB/s, ${rss_mb[$threads]} MB peak RSS" >&2
done

declare -A grep_mb_s
for locale in C C.UTF-8; do
    echo "== LC_ALL=$locale grep -F -i -c -f phrases.txt ($(wc -l <"$phrases") phrases, best of $runs)" >&2
    measure env LC_ALL="$locale" grep -F -i -c -f "$phrases" "$file"
    grep_mb_s[$locale]=$(mb_per_s "$best_s")
    echo "$best_s s, ${grep_mb_s[$locale]} MB/s, $(cat "$tmp/out.txt") matching lines" >&2
done

echo "== bare automaton (best of $runs)" >&2
bare_mb_s=""
for _ in $(seq "$runs"); do
    out=$("$bare" "$file")
    m=$(grep -E 'MB/s' <<<"$out" | sed -E 's/.* ([0-9.]+) MB\/s.*/\1/')
    if [[ -z "$bare_mb_s" ]] || awk -v a="$m" -v b="$bare_mb_s" 'BEGIN { exit !(a > b) }'; then bare_mb_s=$m; fi
done
echo "$out" >&2
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo
echo "machine: $cores cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), load average $load_before before, $load_after after"
echo "input: $((file_bytes / 1000000)) MB, $ads ads ($copies copies of $(basename "$corpus")); best of $runs runs each"
echo "grep -F -i -c ($(wc -l <"$phrases") phrases): ${grep_mb_s[C]} MB/s with LC_ALL=C, ${grep_mb_s[C.UTF-8]} MB/s with LC_ALL=C.UTF-8; bare automaton (1 thread, its scan only): $bare_mb_s MB/s"
echo
printf '| %-7s | %9s | %7s | %13s | %11s | %16s | %16s | %22s | %26s |\n' threads "ads/s" "MB/s" "MB/s per core" "peak RSS MB" "MB/s of CPU time" "time ÷ grep (C)" "time ÷ grep (C.UTF-8)" "bare MB/s ÷ MB/s per core"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "---------" "-----------" "---------" "---------------" "-------------" "------------------" "------------------" "------------------------" "----------------------------"
for threads in $threads_list; do
    used=$(( threads < cores ? threads : cores ))
    per_core=$(awk -v m="${mb_s[$threads]}" -v c="$used" 'BEGIN { printf "%.1f", m / c }')
    vs_grep_c=$(awk -v g="${grep_mb_s[C]}" -v m="${mb_s[$threads]}" 'BEGIN { printf "%.2f", g / m }')
    vs_grep_utf8=$(awk -v g="${grep_mb_s[C.UTF-8]}" -v m="${mb_s[$threads]}" 'BEGIN { printf "%.2f", g / m }')
    vs_bare=$(awk -v b="$bare_mb_s" -v p="$per_core" 'BEGIN { printf "%.2f", b / p }')
    printf '| %-7s | %9s | %7s | %13s | %11s | %16s | %16s | %22s | %26s |\n' "$threads" "${ads_s[$threads]}" "${mb_s[$threads]}" "$per_core" "${rss_mb[$threads]}" "${cpu_mb_s[$threads]}" "$vs_grep_c" "$vs_grep_utf8" "$vs_bare"
done
