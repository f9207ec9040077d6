#!/usr/bin/env python3
"""Turns BenchmarkDotNet's JSON reports of the Routilux suite into Markdown tables.

Reads BenchmarkDotNet.Artifacts/results/*-report-full.json (BenchmarkDotNet's full JSON export) and the
*-routilux.json files the suite writes beside them (role, messages per invocation, exact bytes per message),
prints one table per scenario with the DESIGN.md targets checked, then the wall-clock scenarios the program's
scenario mode wrote (*-scenario.json: table, readings and note, laid out as they come), and writes the tables between
<!-- results:start --> and <!-- results:end --> and the machine between <!-- machine:start --> and
<!-- machine:end --> in benchmarks/README.md.

    python3 benchmarks/make-results-table.py                 # from the repository root
    python3 benchmarks/make-results-table.py --results DIR --readme PATH
    python3 benchmarks/make-results-table.py --print-only    # print, do not touch the README

Standard library only.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import sys
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# Scenario order and titles: (benchmark class, category or None for the whole class).
SCENARIOS = [
    ("StreamingBenchmarks", None, "Streaming: 1M messages through a 10-stage chain"),
    ("LatencyBenchmarks", None, "Job latency: one message through 10 stages and back"),
    ("FanBenchmarks", "FanOut", "Fan-out 1 -> 8: 100,000 messages to 8 sinks"),
    ("FanBenchmarks", "FanIn", "Fan-in 8 -> 1: 8 x 12,500 messages into one sink"),
    ("ScenarioBenchmarks", "ChainJob1000", "A 10-routine chain job of 1000 messages"),
    ("ScenarioBenchmarks", "ParallelJobs50", "50 parallel one-message jobs"),
    ("ScenarioBenchmarks", "Diamond100", "A 100-routine diamond flow, one job (198 messages)"),
    ("ScenarioBenchmarks", "Describe100", "Building and describing a 100-routine flow as JSON"),
]

# Below this many bytes per message, what remains is per-job setup spread over the messages: "0 B/msg".
ZERO_BYTES_PER_MESSAGE = 0.05

# Operations reported in nanoseconds; the others (round trips, jobs, flows) in microseconds.
NANOSECOND_UNITS = {"hop", "delivery"}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--results", help="folder with *-report-full.json (default: BenchmarkDotNet.Artifacts/results "
                        "in the current folder, else in the repository root)")
    parser.add_argument("--readme", default=os.path.join(HERE, "README.md"), help="README to update (default: benchmarks/README.md)")
    parser.add_argument("--print-only", action="store_true", help="print the tables; leave the README alone")
    return parser.parse_args()


def find_results(explicit: str | None) -> str:
    if explicit:
        return explicit
    for base in (os.getcwd(), REPO):
        candidate = os.path.join(base, "BenchmarkDotNet.Artifacts", "results")
        if glob.glob(os.path.join(candidate, "*-report-full.json")) or glob.glob(os.path.join(candidate, "*-scenario.json")):
            return candidate
    return os.path.join(os.getcwd(), "BenchmarkDotNet.Artifacts", "results")


def job_of(display_info: str) -> str:
    # "StreamingBenchmarks.Routilux: Full(IterationCount=10, ...)" or "...: Dry(...)" or "...: DefaultJob"
    match = re.search(r":\s*([A-Za-z0-9_\-]+)", display_info)
    return match.group(1) if match else "?"


class Row:
    def __init__(self, report: dict, meta: dict | None, host: dict, source: str) -> None:
        self.type = report["Type"]
        self.method = report["Method"]
        self.job = job_of(report.get("DisplayInfo", ""))
        stats = report.get("Statistics") or {}
        self.median_ns = stats.get("Median")
        self.mean_ns = stats.get("Mean")
        memory = report.get("Memory") or {}
        self.allocated_per_op = memory.get("BytesAllocatedPerOperation")
        self.meta = meta or {}
        self.role = self.meta.get("role") or guess_role(self.method)
        self.per = self.meta.get("per") or "op"
        self.categories = self.meta.get("categories") or []
        self.bytes_per_message = self.meta.get("bytesPerMessage")
        if self.bytes_per_message is None and self.allocated_per_op is not None:
            ops = self.meta.get("operationsPerInvoke")
            messages = self.meta.get("messagesPerInvoke")
            if ops and messages:
                self.bytes_per_message = self.allocated_per_op * ops / messages
        self.host = host
        self.source = source

    @property
    def measured(self) -> bool:
        return self.median_ns is not None


def guess_role(method: str) -> str:
    if "Routilux" in method or not any(p in method for p in ("Dataflow", "Channels", "Akka", "Direct")):
        return "Routilux"
    return "Limit" if "Direct" in method else "Peer"


def load(results: str) -> tuple[list[Row], list[dict], list[str]]:
    metas: dict[tuple[str, str, str], dict] = {}
    for path in glob.glob(os.path.join(results, "*-routilux.json")):
        with open(path, encoding="utf-8") as handle:
            for entry in json.load(handle).get("benchmarks", []):
                metas[(entry["type"], entry["method"], entry.get("job", ""))] = entry
                metas.setdefault((entry["type"], entry["method"], "*"), entry)

    rows: list[Row] = []
    hosts: list[dict] = []
    files = sorted(glob.glob(os.path.join(results, "*-report-full.json")))
    for path in files:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        host = document.get("HostEnvironmentInfo") or {}
        host = dict(host, _file=path, _mtime=os.path.getmtime(path))
        hosts.append(host)
        for report in document.get("Benchmarks", []):
            job = job_of(report.get("DisplayInfo", ""))
            meta = metas.get((report["Type"], report["Method"], job)) or metas.get((report["Type"], report["Method"], "*"))
            rows.append(Row(report, meta, host, path))
    return rows, hosts, files


# Wall-clock scenarios of the program's scenario mode (--scenario), in README order; others follow by id.
SCENARIO_ORDER = ["colocated", "idle-workers"]


def load_scenarios(results: str) -> list[dict]:
    scenarios = []
    for path in glob.glob(os.path.join(results, "*-scenario.json")):
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        document["_mtime"] = os.path.getmtime(path)
        scenarios.append(document)
    order = {name: i for i, name in enumerate(SCENARIO_ORDER)}
    return sorted(scenarios, key=lambda d: (order.get(d.get("id"), len(order)), d.get("id", "")))


def render_scenarios(scenarios: list[dict]) -> str:
    out: list[str] = []
    for scenario in scenarios:
        columns = scenario.get("columns") or []
        out.append(f"### {scenario.get('title', scenario.get('id', '?'))}")
        out.append("")
        parameters = scenario.get("parameters") or {}
        if "mode" in parameters:
            out.append(f"> {parameters['mode']}.")
            out.append("")
        out.append("| " + " | ".join(columns) + " |")
        out.append("| --- |" + " ---: |" * (len(columns) - 1))
        for row in scenario.get("rows") or []:
            out.append("| " + " | ".join(row) + " |")
        out.append("")
        for reading in scenario.get("readings") or []:
            out.append(f"- {reading}")
        if scenario.get("readings"):
            out.append("")
        if scenario.get("note"):
            out.append(scenario["note"])
            out.append("")
        shown = ", ".join(f"{k} {v}" for k, v in parameters.items() if k != "mode")
        machine = scenario.get("machine") or {}
        out.append(f"Run: {shown}; {machine.get('configuration', '?')} build, measured {scenario.get('measuredUtc', '?')}.")
        out.append("")
    return "\n".join(out).rstrip() + "\n" if out else ""


def fmt_time(ns: float | None, per: str) -> str:
    if ns is None:
        return "failed"
    if per in NANOSECOND_UNITS:
        return f"{ns:,.1f} ns/{per}" if ns < 100 else f"{ns:,.0f} ns/{per}"
    us = ns / 1000.0
    return f"{us:,.2f} µs/{per}" if us < 100 else f"{us:,.0f} µs/{per}"


def fmt_ratio(value: float | None, reference: float | None) -> str:
    if value is None or not reference:
        return "–"
    return f"{value / reference:.2f}×"


def fmt_bytes(value: float | None) -> str:
    if value is None:
        return "–"
    if value < ZERO_BYTES_PER_MESSAGE:
        return "0" if value == 0 else f"{value:.3f}".rstrip("0").rstrip(".") or "0"
    return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"


def fmt_allocated(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f} B"


def met(ok: bool | None) -> str:
    return "n/a (not measured)" if ok is None else ("**met**" if ok else "**not met**")


def scenario_rows(rows: list[Row], type_name: str, category: str | None, job: str) -> list[Row]:
    return [r for r in rows if r.type == type_name and r.job == job and (category is None or category in r.categories or
                                                                       (not r.categories and r.method.startswith(category)))]


def targets(type_name: str, category: str | None, group: list[Row]) -> list[str]:
    lines: list[str] = []
    routilux = [r for r in group if r.role == "Routilux"]
    by_method = {r.method: r for r in group}
    steady = type_name == "StreamingBenchmarks" or type_name == "FanBenchmarks"
    if steady:
        for r in routilux:
            value = r.bytes_per_message
            ok = None if value is None or not r.measured else value < ZERO_BYTES_PER_MESSAGE
            lines.append(f"- Target: 0 B allocated per message on the steady-state path — {r.method}: "
                         f"{fmt_bytes(value)} B/msg → {met(ok)}")
    if type_name == "StreamingBenchmarks":
        dataflow = by_method.get("DataflowUnbounded")
        for name in ("Routilux", "RoutiluxNoHistory"):
            mine = by_method.get(name)
            if mine and dataflow and mine.measured and dataflow.measured:
                bound = dataflow.median_ns / 2
                lines.append(f"- Target: throughput at least twice TPL Dataflow's unbounded chain, i.e. ≤ {bound:.1f} ns/hop "
                             f"(½ × {dataflow.median_ns:.1f}) — {name}: {mine.median_ns:.1f} ns/hop "
                             f"({dataflow.median_ns / mine.median_ns:.2f}× Dataflow) → {met(mine.median_ns <= bound)}")
            elif mine:
                lines.append(f"- Target: throughput at least twice TPL Dataflow's unbounded chain — {name} → n/a (not measured)")
    if type_name == "LatencyBenchmarks":
        dataflow = by_method.get("Dataflow")
        for name in ("Routilux", "RoutiluxRunAsync"):
            mine = by_method.get(name)
            if mine and dataflow and mine.measured and dataflow.measured:
                lines.append(f"- Target: single-job latency under TPL Dataflow's round trip ({fmt_time(dataflow.median_ns, 'round trip')}) "
                             f"— {name}: {fmt_time(mine.median_ns, 'round trip')} → {met(mine.median_ns < dataflow.median_ns)}")
            elif mine:
                lines.append(f"- Target: single-job latency under TPL Dataflow's round trip — {name} → n/a (not measured)")
    return lines


def table(group: list[Row]) -> list[str]:
    peers = [r for r in group if r.role == "Peer" and r.measured]
    best_peer = min((r.median_ns for r in peers), default=None)
    routilux = next((r for r in group if r.role == "Routilux" and r.measured), None)
    lines = [
        "| Method | Who | Median | vs best peer | vs Routilux | Allocated/op | B/msg |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in group:
        who = {"Routilux": "Routilux", "Peer": "peer", "Limit": "limit"}.get(r.role, r.role)
        lines.append(
            f"| {r.method} | {who} | {fmt_time(r.median_ns, r.per)} | {fmt_ratio(r.median_ns, best_peer)} | "
            f"{fmt_ratio(r.median_ns, routilux.median_ns if routilux else None)} | {fmt_allocated(r.allocated_per_op)} | "
            f"{fmt_bytes(r.bytes_per_message)} |")
    return lines


def render(rows: list[Row]) -> str:
    jobs = sorted({r.job for r in rows}, key=lambda j: (j != "Full", j))
    out: list[str] = []
    for job in jobs:
        if len(jobs) > 1:
            out.append(f"### Job {job}")
            out.append("")
        if job.startswith("Dry"):
            out.append(f"> Job **{job}**: a check that everything runs (one cold invocation), not a measurement. "
                       "Run the full job for numbers.")
            out.append("")
        elif job == "Short":
            out.append("> Job **Short**: the quick check (1 warmup, 3 iterations); numbers are indicative only.")
            out.append("")
        heading = "####" if len(jobs) > 1 else "###"
        known = set()
        for type_name, category, title in SCENARIOS:
            group = scenario_rows(rows, type_name, category, job)
            known.update((r.type, r.method) for r in group)
            if not group:
                continue
            out.append(f"{heading} {title}")
            out.append("")
            out.extend(table(group))
            out.append("")
            target_lines = targets(type_name, category, group)
            if target_lines:
                out.extend(target_lines)
                out.append("")
        others = [r for r in rows if r.job == job and (r.type, r.method) not in known]
        if others:
            out.append(f"{heading} Other benchmarks")
            out.append("")
            out.extend(table(others))
            out.append("")
    out.append("Median of the measured iterations. ns/hop: per stage handling one message; ns/delivery: per message "
               "arriving at a sink; µs per round trip, job or flow. \"vs best peer\" divides by the fastest peer "
               "(direct calls are the limit, not a peer); Allocated/op is BenchmarkDotNet's (whole bytes per operation); "
               "B/msg is bytes allocated on all threads per message sent, exact.")
    return "\n".join(out).rstrip() + "\n"


def render_scenario_machine(scenarios: list[dict]) -> str:
    latest = max(scenarios, key=lambda d: d["_mtime"])
    machine = latest.get("machine") or {}
    lines = [
        "| | |",
        "| --- | --- |",
        f"| OS | {machine.get('os', '?')} |",
        f"| Cores | {machine.get('logicalCores', '?')} logical |",
        f"| .NET | {machine.get('runtime', '?')} |",
        f"| Measured | {latest.get('measuredUtc', '?')} (scenarios only) |",
    ]
    return "\n".join(lines) + "\n"


def render_machine(hosts: list[dict], rows: list[Row], scenarios: list[dict]) -> str:
    if not hosts:
        return render_scenario_machine(scenarios) if scenarios else "Not yet measured.\n"
    host = max(hosts, key=lambda h: h["_mtime"])
    when = datetime.fromtimestamp(host["_mtime"], tz=timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    jobs = ", ".join(sorted({r.job for r in rows}))
    cores = f"{host.get('PhysicalCoreCount', '?')} physical / {host.get('LogicalCoreCount', '?')} logical cores"
    if host.get("PhysicalProcessorCount"):
        cores += f" on {host['PhysicalProcessorCount']} CPU(s)"
    lines = [
        "| | |",
        "| --- | --- |",
        f"| OS | {host.get('OsVersion', '?')} |",
        f"| CPU | {host.get('ProcessorName', '?')} ({host.get('Architecture', '?')}) |",
        f"| Cores | {cores} |",
        f"| .NET | {host.get('RuntimeVersion', '?')}, SDK {host.get('DotNetCliVersion', '?')} |",
        f"| BenchmarkDotNet | {host.get('BenchmarkDotNetVersion', '?')}, job {jobs} |",
        f"| Measured | {when} |",
    ]
    return "\n".join(lines) + "\n"


def replace_between(text: str, start: str, end: str, body: str) -> str:
    if start not in text or end not in text:
        raise SystemExit(f"markers {start} / {end} not found in the README")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body}{end}{tail}"


def main() -> int:
    args = parse_args()
    results = find_results(args.results)
    rows, hosts, files = load(results)
    scenarios = load_scenarios(results)
    if not files and not scenarios:
        print(f"No *-report-full.json or *-scenario.json in {results}. Run the suite first (see benchmarks/README.md).",
              file=sys.stderr)
        return 1
    parts = [render(rows)] if files else []
    if scenarios:
        parts.append(render_scenarios(scenarios))
    body = "\n".join(parts)
    machine = render_machine(hosts, rows, scenarios)
    print(f"<!-- from {len(files)} report(s) and {len(scenarios)} scenario(s) in {results} -->")
    print(machine)
    print(body)
    if not args.print_only:
        with open(args.readme, encoding="utf-8") as handle:
            text = handle.read()
        text = replace_between(text, "<!-- results:start -->", "<!-- results:end -->", body)
        text = replace_between(text, "<!-- machine:start -->", "<!-- machine:end -->", machine)
        with open(args.readme, "w", encoding="utf-8") as handle:
            handle.write(text)
        print(f"Updated {args.readme}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
