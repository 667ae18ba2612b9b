"""Checks the Mesa port decision by decision against Covenant's own traces.

For each seed, `covenant run examples/classroom.cov --seed S --format json`
writes every event with the draw that decided it (docs/output.md). This
script hands those draws, in order, to the port in place of its
`model.random`, steps the port a year at a time, and compares, year by year,
every power's capability, the norm's strength, the war memory and the
League's standing and life with Covenant's `state` lines, and, at the end,
each of the ensemble's per-run counts with those counted off Covenant's
events. With the same draws the two must make the same decisions; the
figures agree to rounding (both are IEEE doubles, summed in the same order).

    python replay_check.py COVENANT_BINARY CASE [--seeds N] [--variant V] [--stress]

The classroom case never reaches two of the port's paths: Borduria, with no
constraint, never gives way, and Syldavia, trusting Ruritania less than
Borduria, never opposes the League's action, so it never splits. `--stress`
checks them too, on a copy of the case (in a temporary file) where Borduria
has `constraint 0.8` and Ruritania and Syldavia trust each other 0.9, the
port's model changed to match.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

import classroom_mesa as port

TOLERANCE = 1e-12


class Replay:
    """Covenant's draws, in the order its run made them, as a `random.Random` stand-in."""

    def __init__(self, draws):
        self.draws = list(draws)
        self.used = 0

    def random(self):
        if self.used >= len(self.draws):
            raise AssertionError("the port drew more than Covenant did")
        self.used += 1
        return self.draws[self.used - 1]


def trace(binary, case, seed, variant):
    command = [binary, "run", case, "--seed", str(seed), "--format", "json"]
    if variant:
        command += ["--variant", variant]
    lines = subprocess.run(command, check=True, capture_output=True, text=True).stdout.splitlines()
    records = [json.loads(line) for line in lines[1:]]
    return [r for r in records if "seq" in r], [r for r in records if "state" in r]


def draws_of(events):
    """Every draw of the run, in order: one per decided event, and for a year
    of war the draw that decided whether it was decisive first, then the
    victor's draw, or the view through the fog and the draw against trust."""
    draws = []
    for event in events:
        figures = event["figures"]
        if event["kind"] in ("war_end", "war_goes_on"):
            draws.append(figures["decided_by"])
            if "view" in figures:
                draws.append(figures["view"])
        if event["draw"] is not None:
            draws.append(event["draw"])
    return draws


def counts_of(events):
    """The ensemble's per-run counts, read off the events as src/ensemble/measure.rs reads them."""
    kind = {e["seq"]: e["kind"] for e in events}
    counts = dict.fromkeys(port.MEASURES, 0)
    for e in events:
        k = e["kind"]
        if k in ("war_end", "war_goes_on"):
            counts["war_years"] += 1
            counts["wars"] += int(e.get("began", e["year"]) == e["year"])
        counts["defections"] += int(k == "defection")
        counts["obligations"] += int(k in ("balancing", "defection") and e["commitment"] is not None)
        counts["deterred"] += int(k == "deterred")
        counts["yielded"] += int(k == "yielded")
        counts["settled"] += int(k == "settled")
        counts["consultations"] += int(k == "consult")
        counts["decisions_to_act"] += int(k == "trust" and bool(e["after"]) and kind.get(e["after"][0]) == "decision")
    return counts


def stressed(case):
    """A copy of the case where the target may give way and the concert may split, in a temporary file."""
    with open(case, encoding="utf-8") as f:
        text = f.read()
    changes = [("  interest Border 1 ", "  constraint 0.8  interest Border 1 "),
               ("relation Ruritania Syldavia { trust 0.3 }", "relation Ruritania Syldavia { trust 0.9 }")]
    for old, new in changes:
        if text.count(old) != 1:
            sys.exit(f"--stress: the case no longer reads `{old.strip()}`")
        text = text.replace(old, new)
    handle, path = tempfile.mkstemp(suffix=".cov")
    with os.fdopen(handle, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def stress(model):
    """The port's model changed as `stressed` changes the case."""
    ruritania, borduria, syldavia = model.powers
    borduria.constraint = 0.8
    model.set_trust(ruritania, syldavia, 0.9)


def check(binary, case, seed, variant, change=None):
    events, states = trace(binary, case, seed, variant)
    model = port.Classroom(seed=seed, variant=variant)
    if change:
        change(model)
    model.random = Replay(draws_of(events))
    problems = []

    def compare(what, ours, theirs):
        if abs(ours - theirs) > TOLERANCE:
            problems.append(f"seed {seed}, {what}: port {ours!r}, Covenant {theirs!r}")

    for state in states:
        year = state["state"]
        try:
            model.step()
        except AssertionError as error:
            problems.append(f"seed {seed}, {year}: {error}")
            return problems, counts_of(events)
        compare(f"{year} war memory", model.war_memory, state["war_memory"])
        compare(f"{year} no_conquest", model.norms[0].strength, state["norms"]["no_conquest"])
        league = state["commitments"]["League"]
        compare(f"{year} League cohesion", model.league.cohesion, league["cohesion"])
        compare(f"{year} League credibility", model.league.credibility, league["credibility"])
        compare(f"{year} League alive", float(model.league.alive), float(league["alive"]))
        for power in model.powers:
            compare(f"{year} {power.name} capability", power.capability, state["powers"][power.name]["capability"])
    if model.random.used != len(model.random.draws):
        problems.append(f"seed {seed}: the port used {model.random.used} of Covenant's {len(model.random.draws)} draws")
    expected = counts_of(events)
    for key, value in expected.items():
        if model.counts[key] != value:
            problems.append(f"seed {seed}, {key}: port {model.counts[key]}, Covenant {value}")
    return problems, expected


def main():
    parser = argparse.ArgumentParser(description="the port against Covenant's traces, draw by draw")
    parser.add_argument("binary")
    parser.add_argument("case")
    parser.add_argument("--seeds", type=int, default=300)
    parser.add_argument("--variant", choices=port.VARIANTS)
    parser.add_argument("--stress", action="store_true", help="a copy of the case where the target may give way")
    args = parser.parse_args()
    case = stressed(args.case) if args.stress else args.case
    problems, totals = [], dict.fromkeys(port.MEASURES, 0)
    try:
        for seed in range(1, args.seeds + 1):
            found, counts = check(args.binary, case, seed, args.variant, stress if args.stress else None)
            problems += found
            for key, value in counts.items():
                totals[key] += value
    finally:
        if args.stress:
            os.unlink(case)
    label = f"variant {args.variant}" if args.variant else "base case"
    if args.stress:
        label += ", stressed (Borduria constraint 0.8, trust Ruritania-Syldavia 0.9)"
    exercised = ", ".join(f"{key} {value}" for key, value in totals.items() if value)
    if problems:
        print(f"replay, {label}: {len(problems)} differences over seeds 1..{args.seeds}")
        for problem in problems[:20]:
            print("  " + problem)
        sys.exit(1)
    print(f"replay, {label}: seeds 1..{args.seeds} identical to Covenant year by year ({exercised})")


if __name__ == "__main__":
    main()
