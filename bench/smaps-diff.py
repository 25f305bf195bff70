#!/usr/bin/env python3
"""Where ReachRight's memory differs from the blank app's, mapping by mapping.

    bench/smaps-diff.py [DIR]     (default bench/out/app-startup-smaps, written by app-startup.sh --smaps)

Reads the /proc/PID/smaps copies that `bench/app-startup.sh --smaps` kept of one launch of each app
(files LABEL.PID.COMM.smaps) and prints, per process kind and mapping, the PSS of each app and the
difference, largest difference first. The apps' own binaries are both shown as "<app binary>" and their
processes as "app", so the two sides line up. Anonymous memory is one row per process ("[anon]").
"""
import collections
import os
import re
import sys

HEADER = re.compile(r"^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$")


def mappings(path):
    """(name, pss_kb) for every mapping in one smaps file."""
    name = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = HEADER.match(line)
            if m:
                name = m.group(1).strip() or "[anon]"
                continue
            if line.startswith("Pss:") and name is not None:
                yield name, int(line.split()[1])


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "bench/out/app-startup-smaps"
    if not os.path.isdir(folder):
        sys.exit(f"smaps-diff: {folder} is not a folder (run bench/app-startup.sh --smaps first)")
    totals = collections.defaultdict(lambda: collections.Counter())  # (proc, mapping) -> {label: kb}
    labels = set()
    for entry in sorted(os.listdir(folder)):
        parts = entry.split(".")
        if len(parts) < 4 or parts[-1] != "smaps":
            continue
        label, comm = parts[0], parts[2]
        labels.add(label)
        path = os.path.join(folder, entry)
        for name, kb in mappings(path):
            proc = comm if comm.startswith("WebKit") else "app"
            if proc == "app" and os.path.basename(name) in ("reachright", "blank"):
                name = "<app binary>"
            elif name.startswith("/"):
                # Libraries differ only by where they are; fonts and caches are named by file.
                name = os.path.basename(name)
            totals[(proc, name)][label] += kb
    if labels != {"ours", "blank"}:
        sys.exit(f"smaps-diff: {folder} needs files of both apps (found: {sorted(labels) or 'none'})")

    rows = [(proc, name, c["ours"], c["blank"]) for (proc, name), c in totals.items()]
    rows.sort(key=lambda r: -abs(r[2] - r[3]))
    by_proc = collections.defaultdict(lambda: [0, 0])
    for proc, _, ours, blank in rows:
        by_proc[proc][0] += ours
        by_proc[proc][1] += blank
    print("| process | ReachRight PSS | blank PSS | difference |")
    print("|---|---:|---:|---:|")
    for proc, (ours, blank) in sorted(by_proc.items()):
        print(f"| {proc} | {ours / 1024:.1f} MB | {blank / 1024:.1f} MB | {(ours - blank) / 1024:+.1f} MB |")
    print()
    print("| process | mapping | ReachRight kB | blank kB | difference kB |")
    print("|---|---|---:|---:|---:|")
    for proc, name, ours, blank in rows:
        if abs(ours - blank) < 256:
            break
        print(f"| {proc} | {name} | {ours} | {blank} | {ours - blank:+d} |")


if __name__ == "__main__":
    main()
