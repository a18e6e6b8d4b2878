"""Time two gofix-bind builds side by side on the corpus, runs interleaved, and compare them.

A refactoring must not cost speed; on a noisy 2-core machine only a ratio measured in one run
says so. Each round runs the baseline, then the candidate (the order alternates every round),
so both see the same load. The JSON reports are also compared, apart from keys the candidate
adds (--ignore-key), so the speed is that of the same results.

    python benchmarks/compare.py --baseline OLD/.venv/bin/gofix-bind
        --candidate .venv/bin/gofix-bind [--corpus ../go-corpus] [--runs 9]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed import Measured, measure


def _merge(into: Measured, run: Measured) -> None:
    into.walls += run.walls
    into.cpus += run.cpus
    into.rss_mib += run.rss_mib
    into.stdout = run.stdout


def _document(stdout: str, ignored: Sequence[str]) -> object:
    document = json.loads(stdout)
    for key in ignored:
        document.pop(key, None)
    return document


def main(argv: Sequence[str] | None = None) -> int:
    """Run both builds, print the medians and the candidate's ratios to the baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("../go-corpus"))
    parser.add_argument("--baseline", required=True, help="the gofix-bind executable before")
    parser.add_argument("--candidate", required=True, help="the gofix-bind executable after")
    parser.add_argument("--runs", type=int, default=9, help="rounds (one run of each build)")
    parser.add_argument("--jobs", default="2")
    parser.add_argument("--ignore-key", action="append", default=["files"])
    args = parser.parse_args(argv)
    flags = ("--no-suppress", "--format", "json", "-j", args.jobs, ".")
    ok = (0, 1, 2)  # the corpus has files that do not parse: gofix-bind exits 2
    builds = {
        "baseline": Measured("baseline", (args.baseline, *flags)),
        "candidate": Measured("candidate", (args.candidate, *flags)),
    }
    for round_ in range(args.runs):
        order = list(builds.values()) if round_ % 2 == 0 else list(builds.values())[::-1]
        for build in order:
            _merge(build, measure(build.label, build.command, args.corpus, 1, ok=ok))
    base, new = builds["baseline"], builds["candidate"]
    same = _document(base.stdout, args.ignore_key) == _document(new.stdout, args.ignore_key)
    print(f"{args.runs} interleaved rounds on {args.corpus} (-j {args.jobs}); medians.\n")
    print("| build | wall | CPU | peak RSS | walls |")
    print("|---|---|---|---|---|")
    for build in (base, new):
        walls = ", ".join(f"{w:.2f}" for w in sorted(build.walls))
        print(
            f"| {build.label} | {build.wall:.2f} s | {statistics.median(build.cpus):.2f} s | "
            f"{statistics.median(build.rss_mib):.0f} MiB | {walls} |"
        )
    print(
        f"\ncandidate / baseline: wall {new.wall / base.wall:.3f}, "
        f"CPU {statistics.median(new.cpus) / statistics.median(base.cpus):.3f}"
    )
    ignored = ", ".join(args.ignore_key)
    print(f"JSON reports identical (apart from {ignored}): {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
