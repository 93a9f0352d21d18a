#!/usr/bin/env bash
# Throughput of `rolenorm batch` on the shared corpus, replicated to >= 300 MB, with 1 and 2 threads, its peak
# memory, and the bare Aho-Corasick pass over the same file (the practical speed limit).
#
#   scripts/bench-corpus.sh
#
# Environment:
#   ROLENORM_CORPUS   the gzipped (or plain) JSONL corpus; default ../shared/corpus/ads.jsonl.gz beside the repo
#   BENCH_MIN_MB      the size to replicate the corpus to, in MB; default 300
#   BENCH_THREADS     the thread counts to measure; default "1 2"
#   BENCH_TMP         where to put the replicated file; default a new directory from mktemp (removed at the end)
# Not run in CI. Needs GNU time (/usr/bin/time; Debian package `time`).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${ROLENORM_CORPUS:-$root/../shared/corpus/ads.jsonl.gz}"
min_mb="${BENCH_MIN_MB:-300}"
threads_list="${BENCH_THREADS:-1 2}"
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
rolenorm="$root/target/release/rolenorm"
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
echo "== the corpus ($one_ads ads, $one_bytes bytes) is replicated $copies times into $file:" \
    "$((one_ads * copies)) ads, $((file_bytes / 1000000)) MB (repeated ads: the input cache is warm, the ads are not new)" >&2

# Warm the page cache so the first run does not pay for the disk.
cat "$file" >/dev/null

declare -A ads_s mb_s rss_mb
for threads in $threads_list; do
    echo "== rolenorm batch --threads $threads" >&2
    log="$tmp/time-$threads.log"
    /usr/bin/time -v "$rolenorm" batch "$file" -o /dev/null --threads "$threads" 2>"$log" || {
        status=$?
        # exit code 1 means some lines failed: still a measurement; anything else is not.
        if [[ $status -ne 1 ]]; then cat "$log" >&2; exit 2; fi
    }
    # The last line of the form "rolenorm batch: N ads, E errors, S s, X ads/s, Y MB/s ..." is the summary.
    summary=$(grep -E '^rolenorm batch: .* ads/s, [0-9.]+ MB/s' "$log" | tail -1 || true)
    if [[ -n "$summary" ]]; then
        echo "$summary" >&2
        ads_s[$threads]=$(sed -E 's/.* ([0-9.]+) ads\/s.*/\1/' <<<"$summary")
        mb_s[$threads]=$(sed -E 's/.* ([0-9.]+) MB\/s.*/\1/' <<<"$summary")
    else
        # No summary line (an older binary): fall back to the wall clock of /usr/bin/time.
        wall=$(grep -E 'Elapsed \(wall clock\)' "$log" | awk '{print $NF}' | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
        echo "no summary line from rolenorm batch; using the wall clock ($wall s)" >&2
        ads_s[$threads]=$(awk -v n="$((one_ads * copies))" -v s="$wall" 'BEGIN { printf "%.0f", n / s }')
        mb_s[$threads]=$(awk -v b="$file_bytes" -v s="$wall" 'BEGIN { printf "%.1f", b / s / 1e6 }')
    fi
    rss_kb=$(grep -E 'Maximum resident set size' "$log" | awk '{print $NF}')
    rss_mb[$threads]=$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }')
done

echo "== bare automaton" >&2
bare_out=$("$bare" "$file")
echo "$bare_out" >&2
bare_mb_s=$(grep -E 'MB/s' <<<"$bare_out" | sed -E 's/.* ([0-9.]+) MB\/s.*/\1/')

echo
echo "machine: $cores cores (nproc); input: $((file_bytes / 1000000)) MB, $((one_ads * copies)) ads ($copies copies of $(basename "$corpus"))"
echo "bare automaton (1 thread): $bare_mb_s MB/s"
echo
printf '| %-7s | %9s | %7s | %13s | %12s | %25s |\n' threads "ads/s" "MB/s" "MB/s per core" "peak RSS MB" "bare MB/s ÷ MB/s per core"
printf '|%s|%s|%s|%s|%s|%s|\n' "---------" "-----------" "---------" "--------------" "--------------" "---------------------------"
for threads in $threads_list; do
    used=$(( threads < cores ? threads : cores ))
    per_core=$(awk -v m="${mb_s[$threads]}" -v c="$used" 'BEGIN { printf "%.1f", m / c }')
    ratio=$(awk -v b="$bare_mb_s" -v p="$per_core" 'BEGIN { printf "%.1f", b / p }')
    printf '| %-7s | %9s | %7s | %13s | %12s | %25s |\n' "$threads" "${ads_s[$threads]}" "${mb_s[$threads]}" "$per_core" "${rss_mb[$threads]}" "$ratio"
done
