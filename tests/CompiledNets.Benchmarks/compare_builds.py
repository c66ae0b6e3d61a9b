#!/usr/bin/env python3
"""Runs the benchmark suite on two builds side by side and prints their ratios.

A change is measured against the commit before it in the same session, on the same machine, runs alternating: a
shared machine moves a row by 30-50% over minutes, so figures from different hours cannot be compared. This script
checks out BASE in a temporary git worktree, builds the suite there and in the current working tree (uncommitted
changes included), then runs the two in turn, ROUNDS times, the order flipped each round so that a drift of the
machine falls on both. Each run's per-example medians come from the suite's own summary
(BenchmarkDotNet.Artifacts/compilednets-summary.md).

Usage, from the repository root:
    python3 tests/CompiledNets.Benchmarks/compare_builds.py BASE [--rounds N] [--env NAME=VALUE ...] [-- SUITE ARGS]

    python3 tests/CompiledNets.Benchmarks/compare_builds.py HEAD~1 --rounds 3 -- --filter '*ConvBenchmarks.C*'
    python3 tests/CompiledNets.Benchmarks/compare_builds.py main --env DOTNET_EnableAVX512=0 -- --filter '*Digit*'

SUITE ARGS go to the suite after --quick (default: none, which runs every benchmark). It prints one Markdown table: per row, each build's
median and range of its runs' medians (ns per example), and the ratio new / base of each round and of the medians.
Below 1 is faster.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

PROJECT = "tests/CompiledNets.Benchmarks"
SUMMARY = os.path.join("BenchmarkDotNet.Artifacts", "compilednets-summary.md")
TABLE_HEADER = "| Workload | Method | examples/s |"


def run(command, cwd, env=None):
    result = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed in {cwd} (exit {result.returncode}):\n{result.stdout[-4000:]}")
    return result.stdout


def medians(summary_path):
    """(workload, method) -> median ns per example, from the first table of one run's summary."""
    rows, in_table = {}, False
    with open(summary_path, encoding="utf-8") as summary:
        for line in summary:
            if line.startswith(TABLE_HEADER):
                in_table = True
                continue
            if in_table and not line.startswith("|"):
                break
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if in_table and len(cells) >= 4 and not cells[0].startswith("---"):
                rows[(cells[0], cells[1])] = float(cells[3].replace(",", ""))
    if not rows:
        sys.exit(f"{summary_path} has no summary table: did the filter match any benchmark?")
    return rows


def measure(tree, suite_args, env):
    run(["dotnet", "run", "--no-build", "-c", "Release", "--project", PROJECT, "--", "--quick", *suite_args], tree, env)
    return medians(os.path.join(tree, SUMMARY))


def spread(values):
    return f"{min(values):,.0f}-{max(values):,.0f}" if len(values) > 1 else f"{values[0]:,.0f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base", help="the revision to compare against (a commit, branch or tag)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each build (default 3)")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE", help="set for both builds' runs")
    arguments, suite_args = parser.parse_known_args()
    suite_args = [a for a in suite_args if a != "--"]  # the suite runs every benchmark when given no filter
    env = dict(os.environ)
    for setting in arguments.env:
        name, _, value = setting.partition("=")
        env[name] = value

    head = run(["git", "rev-parse", "--show-toplevel"], os.getcwd()).strip()
    base_commit = run(["git", "rev-parse", "--short", arguments.base], head).strip()
    dirty = run(["git", "status", "--porcelain", "--untracked-files=no"], head).strip() != ""
    new_name = run(["git", "rev-parse", "--short", "HEAD"], head).strip() + (" + changes" if dirty else "")

    with tempfile.TemporaryDirectory(prefix="compare-builds-") as scratch:
        base = os.path.join(scratch, "base")
        run(["git", "worktree", "add", "--detach", base, base_commit], head)
        try:
            for tree in (base, head):
                print(f"building {tree} ...", file=sys.stderr)
                run(["dotnet", "build", "-c", "Release", PROJECT], tree)
            results = {base: [], head: []}
            for round_number in range(arguments.rounds):
                order = (base, head) if round_number % 2 == 0 else (head, base)
                for tree in order:
                    print(f"round {round_number + 1}/{arguments.rounds}: {'base' if tree == base else 'new'} ...", file=sys.stderr)
                    results[tree].append(measure(tree, suite_args, env))
        finally:
            run(["git", "worktree", "remove", "--force", base], head)

    settings = " ".join(arguments.env) or "no environment settings"
    print(f"ns per example (the suite's median), {arguments.rounds} alternating runs each, {settings}; "
          f"base {base_commit}, new {new_name}\n")
    print("| workload | method | base | new | new / base, per round | new / base, medians |")
    print("|---|---|---:|---:|---:|---:|")
    for key in results[head][0]:
        before = [result[key] for result in results[base] if key in result]
        after = [result[key] for result in results[head] if key in result]
        if not before or len(before) != len(after):
            continue
        per_round = ", ".join(f"{a / b:.2f}" for b, a in zip(before, after))
        ratio = statistics.median(after) / statistics.median(before)
        print(f"| {key[0]} | {key[1]} | {spread(before)} | {spread(after)} | {per_round} | {ratio:.2f} |")


if __name__ == "__main__":
    main()
