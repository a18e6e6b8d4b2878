"""Measure gofix-bind's detection on a real Go corpus and write docs/detection-quality.md.

The report holds: findings by source and by sink; safe, unsafe and suppressed counts; a seeded
random sample of findings, each with its code and a verdict; a seeded sample of listener calls
gofix-bind did not flag, each checked for a miss; and a comparison with the ast-grep and Semgrep
rules of benchmarks/rules/ on the same files, suppressions off, with every difference explained.

Verdicts are written by hand in benchmarks/quality_verdicts.toml, keyed by "path:line" relative
to the corpus root; the script never guesses one, and lists any sampled site still without one.

    python benchmarks/detection_quality.py --corpus ../go-corpus [--astgrep X --semgrep Y]

Build the corpus first with shared/corpus/make_corpus.sh (as root, after apt-get update).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peers
import tomllib

HERE = Path(__file__).resolve().parent
VERDICTS = HERE / "quality_verdicts.toml"
OUTPUT = HERE.parent / "docs" / "detection-quality.md"
SEED = 20261124
FINDING_SAMPLE = 60
UNFLAGGED_SAMPLE = 40
# Listener calls as a reader would grep for them, independent of gofix-bind's own tables.
LISTENER_CALL = re.compile(
    rb"\b(?:net\.Listen(?:TCP|UDP|IP|Packet|Unix)?|tls\.Listen|ListenAndServe(?:TLS)?"
    rb"|\.ListenPacket|\.Listen)\("
)
# Directories Go tools never build, which gofix-bind lists without reading.
SKIPPED_PARTS = re.compile(r"(^|/)(vendor|testdata)/|(^|/)[_.][^/]*/")


@dataclass(frozen=True)
class Site:
    """A place in the corpus: a path relative to the corpus root and a 1-based line."""

    path: str
    line: int

    @property
    def key(self) -> str:
        """Return the verdict-file key."""
        return f"{self.path}:{self.line}"


def rank(site: Site) -> str:
    """Order sites by a seeded hash: a sample stays put when other sites come or go."""
    return hashlib.sha256(f"{SEED}:{site.key}".encode()).hexdigest()


def run_gofix_bind(corpus: Path, extra: Sequence[str]) -> tuple[dict[str, Any], float]:
    """Run gofix-bind in report mode with JSON output; a corpus run exits 2 on parse errors."""
    command = [sys.executable, "-m", "gofix_bind", "--format", "json", *extra, str(corpus)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1, 2):
        sys.exit(f"gofix-bind failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    document: dict[str, Any] = json.loads(done.stdout)
    return document, seconds


def relative(path: str, corpus: Path) -> str:
    """Return a finding's path relative to the corpus root."""
    return Path(path).resolve().relative_to(corpus.resolve()).as_posix()


def source_line(corpus: Path, site: Site) -> str:
    """Return one line of source, trimmed, for an excerpt."""
    lines = (corpus / site.path).read_bytes().decode("utf-8", "replace").splitlines()
    line = lines[site.line - 1].strip() if 0 < site.line <= len(lines) else ""
    return line if len(line) <= 110 else line[:107] + "..."


def load_verdicts() -> dict[str, dict[str, str]]:
    """Read the hand-written verdicts: findings, unflagged calls and peer differences."""
    if not VERDICTS.exists():
        return {}
    data: dict[str, dict[str, str]] = tomllib.loads(VERDICTS.read_text())
    return data


def verdict_of(table: dict[str, Any], key: str) -> tuple[str, str]:
    """Return (verdict, note) for a key, or a marker that it still needs review."""
    entry = table.get(key)
    if not isinstance(entry, dict):
        return "UNREVIEWED", ""
    return str(entry.get("verdict", "UNREVIEWED")), str(entry.get("note", ""))


def fix_kind(finding: dict[str, Any]) -> str:
    """Return safe, unsafe or none for a finding's fix."""
    fix = finding.get("fix")
    return "none" if fix is None else str(fix["applicability"])


def listener_calls(corpus: Path, failed: set[str]) -> list[Site]:
    """Return every line that calls a listener-like function, in files gofix-bind reads."""
    sites = []
    for path in sorted(corpus.rglob("*.go")):
        name = path.relative_to(corpus).as_posix()
        if SKIPPED_PARTS.search(name) or name in failed:
            continue
        for number, line in enumerate(path.read_bytes().splitlines(), 1):
            stripped = line.lstrip()
            if stripped.startswith(b"//") or LISTENER_CALL.search(line) is None:
                continue
            sites.append(Site(name, number))
    return sites


def table(rows: Iterable[Sequence[object]], header: Sequence[str]) -> list[str]:
    """Render a Markdown table."""
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        cells = [str(cell).replace("|", "\\|").replace("\n", " ") for cell in row]
        out.append("| " + " | ".join(cells) + " |")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, compare with the peers, and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="the Go corpus directory")
    parser.add_argument("--astgrep", help="ast-grep executable (or $ASTGREP)")
    parser.add_argument("--semgrep", help="semgrep executable (or $SEMGREP)")
    parser.add_argument("--no-peers", action="store_true", help="skip the peer comparison")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the report")
    args = parser.parse_args(argv)
    corpus: Path = args.corpus.resolve()
    verdicts = load_verdicts()
    unreviewed: list[str] = []

    report, seconds = run_gofix_bind(corpus, [])
    audit, _ = run_gofix_bind(corpus, ["--no-suppress"])
    findings = report["findings"]
    summary = report["summary"]
    failed = {relative(e["path"], corpus) for e in report["errors"]}
    lines = [
        "# Detection quality on a real Go corpus",
        "",
        "Written by `benchmarks/detection_quality.py` from one run; verdicts are read by hand",
        "and kept in `benchmarks/quality_verdicts.toml`. Do not edit this file by hand.",
        "",
        f"Corpus: {summary['files_scanned']} Go files scanned, {summary['files_skipped']} "
        f"skipped (vendor/, testdata/, _dirs, generated), {len(report['errors'])} that do not "
        f"parse (Go's own test/ fixtures, reported as errors). Report mode took {seconds:.1f} s.",
        "",
        "## Findings",
        "",
        f"{len(findings)} findings: {sum(fix_kind(f) == 'safe' for f in findings)} with a safe "
        f"fix, {sum(fix_kind(f) == 'unsafe' for f in findings)} with an unsafe fix, "
        f"{sum(fix_kind(f) == 'none' for f in findings)} with no fix; {summary['suppressed']} "
        f"sites suppressed by comments ({len(audit['findings'])} findings with `--no-suppress`).",
        "",
    ]
    by_source = Counter(f["source"] for f in findings)
    lines += table(sorted(by_source.items(), key=lambda kv: -kv[1]), ["source", "findings"])
    lines.append("")
    by_sink = Counter((f["sink"], fix_kind(f)) for f in findings)
    sinks = sorted({sink for sink, _ in by_sink})
    rows = [
        (f"`{sink}`", *(by_sink[(sink, kind)] for kind in ("safe", "unsafe", "none")))
        for sink in sinks
    ]
    lines += table(rows, ["sink", "safe fix", "unsafe fix", "no fix"])
    lines.append("")

    # A seeded sample of findings, each with a hand verdict.
    sample = sorted(findings, key=lambda f: rank(Site(relative(f["path"], corpus), f["line"])))
    sample = sample[:FINDING_SAMPLE]
    sample.sort(key=lambda f: (f["path"], f["line"]))
    counts: Counter[str] = Counter()
    rows = []
    for finding in sample:
        site = Site(relative(finding["path"], corpus), finding["line"])
        verdict, note = verdict_of(verdicts.get("findings", {}), site.key)
        counts[verdict] += 1
        if verdict == "UNREVIEWED":
            unreviewed.append(f"finding {site.key}")
        step = finding["trace"][0]
        listener = Site(relative(step["path"], corpus), step["line"])
        code = f"`{source_line(corpus, site)}`"
        if listener != site:
            code += f" → {listener.key}: `{source_line(corpus, listener)}`"
        rows.append((site.key, finding["source"], fix_kind(finding), code, verdict, note or ""))
    lines += [
        f"## A sample of {len(sample)} findings (seed {SEED})",
        "",
        "Verdicts: " + ", ".join(f"{n} {v}" for v, n in sorted(counts.items())) + ".",
        "TP: the code binds every interface there. TP*: it binds the wildcard but serves",
        "nothing (a client, raw socket or port probe), so the packet or port-probe rules give it",
        "an unsafe fix that names the risk. FP: not a finding a user should get; each comes with",
        "the plan to remove it.",
        "",
    ]
    lines += table(rows, ["site", "source", "fix", "code (→ listener)", "verdict", "note"])
    lines.append("")

    # Listener calls that gofix-bind left alone, sampled and checked for a miss.
    flagged = {
        Site(relative(s["path"], corpus), s["line"]) for f in audit["findings"] for s in f["trace"]
    }
    calls = [s for s in listener_calls(corpus, failed) if s not in flagged]
    unflagged = sorted(calls, key=rank)[:UNFLAGGED_SAMPLE]
    unflagged.sort(key=lambda s: (s.path, s.line))
    counts = Counter()
    rows = []
    for site in unflagged:
        verdict, note = verdict_of(verdicts.get("unflagged", {}), site.key)
        counts[verdict] += 1
        if verdict == "UNREVIEWED":
            unreviewed.append(f"unflagged {site.key}")
        rows.append((site.key, f"`{source_line(corpus, site)}`", verdict, note))
    lines += [
        f"## A sample of {len(unflagged)} listener calls not flagged (seed {SEED})",
        "",
        f"Of {len(calls)} lines that call a listener-like function (a grep for `Listen(`,",
        "`ListenAndServe(` and friends, outside vendor/ and testdata/) and that no finding's",
        "trace names. Verdicts: " + ", ".join(f"{n} {v}" for v, n in sorted(counts.items())),
        "(OK: rightly not flagged; MISS: binds every interface and should be flagged).",
        "",
    ]
    lines += table(rows, ["site", "code", "verdict", "why"])
    lines.append("")

    if not args.no_peers:
        lines += compare_peers(args, corpus, audit, failed, verdicts, unreviewed)

    if unreviewed:
        lines += ["## Still to review", "", *(f"- {item}" for item in unreviewed), ""]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(lines))
    print(f"wrote {args.output}; {len(unreviewed)} sampled sites without a verdict")
    for item in unreviewed:
        print(f"  {item}")
    return 1 if unreviewed else 0


def compare_peers(
    args: argparse.Namespace,
    corpus: Path,
    audit: dict[str, Any],
    failed: set[str],
    verdicts: dict[str, dict[str, str]],
    unreviewed: list[str],
) -> list[str]:
    """Run both peers on the corpus and explain every difference with gofix-bind's findings."""
    astgrep = peers.find_executable("ast-grep", "ASTGREP", args.astgrep)
    semgrep = peers.find_executable("semgrep", "SEMGREP", args.semgrep)
    runs = [
        peers.run_astgrep(astgrep, [corpus], corpus),
        peers.run_semgrep(semgrep, [corpus], corpus),
    ]
    ours = {(relative(f["path"], corpus), f["line"]): f for f in audit["findings"]}
    lines = [
        "## Recall against ast-grep and Semgrep",
        "",
        "The rules in `benchmarks/rules/` match what a pattern tool can see: a listener call",
        "(or `http.Server{Addr: ...}`) whose address argument is itself an all-interfaces string",
        "literal. Both ran on the same corpus directory with suppressions off (gofix-bind with",
        "`--no-suppress`, Semgrep with `--disable-nosem` and without its default ignore list);",
        "findings are compared by file and line of the address literal.",
        "",
    ]
    rows = []
    explained: dict[str, dict[str, str]] = verdicts.get("peers", {})
    for run in runs:
        theirs = set(run.findings)
        only_theirs = sorted(theirs - set(ours))
        rows.append(
            (
                f"{run.tool} {run.version}",
                len(theirs),
                f"{run.seconds:.1f} s",
                len(theirs & set(ours)),
                len(only_theirs),
            )
        )
    lines += table(rows, ["tool", "findings", "wall", "also found by gofix-bind", "missed"])
    lines.append("")
    peer_only: dict[tuple[str, int], list[str]] = {}
    for run in runs:
        for key in run.findings:
            if key not in ours:
                peer_only.setdefault(key, []).append(run.tool)
    lines += [f"### Found by a peer, not by gofix-bind: {len(peer_only)}", ""]
    rows = []
    for (path, line), tools in sorted(peer_only.items()):
        site = Site(path, line)
        reason = ""
        if path in failed:
            reason = "parse error (gofix-bind reports the file as an error)"
        elif SKIPPED_PARTS.search(path):
            reason = (
                "in vendor/, testdata/ or a _dir, which Go tools skip; gofix-bind lists it unread"
            )
        verdict, note = verdict_of(explained, site.key)
        if not reason and verdict == "UNREVIEWED":
            unreviewed.append(f"peer-only {site.key}")
        rows.append((site.key, ", ".join(tools), f"`{source_line(corpus, site)}`", reason or note))
    lines += table(rows, ["site", "found by", "code", "why gofix-bind has no finding"])
    lines.append("")
    either = set().union(*(set(run.findings) for run in runs))
    extra = [f for key, f in sorted(ours.items()) if key not in either]
    by_source = Counter(f["source"] for f in extra)
    lines += [
        f"### Found by gofix-bind, by neither peer: {len(extra)}",
        "",
        "By source. Only `literal` findings are within the rules' reach; the others need data",
        "flow (values, flags, config fields), types (address structs, net.IP, netip) or",
        "knowledge of defaults (no address at all), which a pattern rule does not have.",
        "",
    ]
    lines += table(sorted(by_source.items(), key=lambda kv: -kv[1]), ["source", "findings"])
    lines.append("")
    literal = [f for f in extra if f["source"] == "literal"]
    if literal:
        sinks = Counter(f["sink"] for f in literal)
        lines += [
            "The `literal` ones, by sink: the rules cover the standard library's listeners; the",
            "rest are framework sinks (gin, echo, fiber, fasthttp, iris) and network-specific",
            "forms the rules do not spell out:",
            "",
        ]
        lines += table(sorted(sinks.items()), ["sink", "findings"])
        lines.append("")
    return lines


if __name__ == "__main__":
    sys.exit(main())
