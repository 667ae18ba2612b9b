"""Covenant against its Mesa port on examples/classroom.cov: the same outcome
frequencies, and how long each takes on one thread. `run.sh` calls this in
the virtual environment it made; see README.md beside it.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import classroom_mesa as port  # noqa: E402

Z = 1.959963984540054


def timed(command):
    """Runs a command; returns its standard output and its wall time, process start to exit."""
    start = time.perf_counter()
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return out, time.perf_counter() - start


def covenant_command(args, runs, variant=None):
    command = [args.covenant, "run", args.case, "--runs", str(runs), "--threads", "1", "--format", "json"]
    return command + (["--variant", variant] if variant else [])


def mesa_command(args, runs, variant=None, *extra):
    command = [sys.executable, os.path.join(HERE, "classroom_mesa.py"), "--runs", str(runs), "--seed", "1", "--json"]
    return command + (["--variant", variant] if variant else []) + list(extra)


# The port's three ways of running, timed: as it runs by default (each model
# released after its run, the DataCollector's row taken at the end), as Mesa
# 3.3.1 runs it when not told to release models (mesa issue #3179), and with a
# DataCollector row every year, as Mesa's tutorials collect.
MESA_WAYS = {
    "mesa": ("Mesa, the port's default", ()),
    "kept": ("Mesa --keep-models", ("--keep-models",)),
    "yearly": ("Mesa --collect yearly", ("--collect", "yearly")),
}


def se(mean, interval):
    """The standard error behind a 95% normal interval (its upper half: the lower may be cut at 0)."""
    return (interval[1] - mean) / Z if interval else 0.0


def fmt(mean, interval):
    lo, hi = interval if interval else (mean, mean)
    return f"{mean:.4f} [{lo:.4f}, {hi:.4f}]"


def frequencies(args, variant):
    cov = json.loads(timed(covenant_command(args, args.runs, variant))[0])
    mesa = json.loads(timed(mesa_command(args, args.runs, variant))[0])
    name = f"variant `{variant}`" if variant else "the base case"
    print(f"\n{name}: {args.runs} runs each, seeds 1..{args.runs} (Covenant ChaCha8, Mesa model.random)")
    print(f"  {'measure':<26}{'Covenant mean [95%]':<28}{'Mesa mean [95%]':<28}{'overlap':<9}z")
    mismatches = 0
    for key, label in port.MEASURES.items():
        c, m = cov[key], mesa[key]
        ci = tuple(c["interval"]) if c["interval"] else None
        mi = tuple(m["interval"]) if m["interval"] else None
        if c["total"] == 0 and m["total"] == 0:
            overlap, z = "both 0", ""
        else:
            lo_c, hi_c = ci or (c["mean"], c["mean"])
            lo_m, hi_m = mi or (m["mean"], m["mean"])
            overlaps = lo_c <= hi_m and lo_m <= hi_c
            mismatches += not overlaps
            overlap = "yes" if overlaps else "NO"
            spread = math.hypot(se(c["mean"], ci), se(m["mean"], mi))
            z = f"{(m['mean'] - c['mean']) / spread:+.2f}" if spread > 0 else ""
        print(f"  {label:<26}{fmt(c['mean'], ci):<28}{fmt(m['mean'], mi):<28}{overlap:<9}{z}")
    cs, ms = cov["commitments"]["League"]["survived"], mesa["commitments"]["League"]["survived"]
    overlaps = cs["interval"][0] <= ms["interval"][1] and ms["interval"][0] <= cs["interval"][1]
    mismatches += not overlaps
    print(f"  {'League survives (share)':<26}{fmt(cs['share'], cs['interval']):<28}"
          f"{fmt(ms['share'], ms['interval']):<28}{'yes' if overlaps else 'NO'}")
    # Covenant gives a norm's mean without an interval: under the hypothesis
    # that both draw from one distribution, Mesa's spread serves for both.
    cn, mn = cov["norms"]["no_conquest"], mesa["norms"]["no_conquest"]
    half = mn["interval"][1] - mn["mean"]
    ci = (cn["mean"] - half, cn["mean"] + half)
    overlaps = ci[0] <= mn["interval"][1] and mn["interval"][0] <= ci[1]
    mismatches += not overlaps
    z = (mn["mean"] - cn["mean"]) / (math.sqrt(2) * half / Z)
    print(f"  {'no_conquest at the end *':<26}{fmt(cn['mean'], ci):<28}{fmt(mn['mean'], mn['interval']):<28}"
          f"{'yes' if overlaps else 'NO':<9}{z:+.2f}")
    q = lambda d: "/".join(f"{d[k]:.2f}" for k in ("lower", "median", "upper"))  # noqa: E731
    print(f"  {'  its quartiles':<26}{q(cn['quartiles']):<28}{q(mn['quartiles']):<28}"
          f"{'same' if q(cn['quartiles']) == q(mn['quartiles']) else 'differ'}")
    print("  * Covenant reports no interval for a norm's mean: its interval here has Mesa's half-width")
    return mismatches


def timings(args):
    print(f"\ntimings, the base case, one thread; medians of {args.repeats} repetitions for Mesa, "
          f"{3 * args.repeats} for Covenant (wall time, perf_counter):")
    samples = {k: [] for k in ("cov_1", "cov_n", "cov_10n")}
    for way in MESA_WAYS:
        samples[way], samples[way + "_loop"] = [], []
    # One unmeasured run of each first, so that no sample pays for a cold disk cache.
    for command in (covenant_command(args, 1), covenant_command(args, args.runs), mesa_command(args, 1)):
        timed(command)
    for _ in range(args.repeats):
        # Interleaved, so that a spell of load on the shared machine falls on
        # both; Covenant's runs are short, so it is timed three times as often.
        for _ in range(3):
            samples["cov_1"].append(timed(covenant_command(args, 1))[1])
            samples["cov_n"].append(timed(covenant_command(args, args.runs))[1])
            samples["cov_10n"].append(timed(covenant_command(args, 10 * args.runs))[1])
        for way, (_, extra) in MESA_WAYS.items():
            out, wall = timed(mesa_command(args, args.runs, None, *extra))
            samples[way].append(wall)
            samples[way + "_loop"].append(json.loads(out)["simulation_seconds"])
    med = {k: statistics.median(v) for k, v in samples.items()}
    ensemble = med["cov_n"] - med["cov_1"]
    slope = (med["cov_10n"] - med["cov_n"]) / 9
    n = args.runs
    rows = [
        (f"Covenant, whole process, {n} runs", med["cov_n"]),
        ("Covenant, whole process, 1 run", med["cov_1"]),
        (f"Covenant, whole process, {10 * n} runs", med["cov_10n"]),
        (f"Covenant ensemble alone ({n} runs minus 1 run)", ensemble),
        (f"  cross-check: ({10 * n} minus {n} runs) / 9", slope),
    ]
    for way, (label, _) in MESA_WAYS.items():
        rows += [(f"{label}: whole process", med[way]),
                 ("  its simulation loop alone (timed inside Python)", med[way + "_loop"]),
                 ("  its startup and exit: process minus loop", med[way] - med[way + "_loop"])]
    for label, seconds in rows:
        print(f"  {label:<60}{seconds:9.3f} s")
    print(f"  {'per run: Covenant ensemble / Mesa loop':<60}{1e6 * ensemble / n:7.1f} µs / {1e6 * med['mesa_loop'] / n:.0f} µs")
    print("ratios, Mesa / Covenant (whole process; simulation loop / ensemble alone, and against the cross-check):")
    for way, (label, _) in MESA_WAYS.items():
        print(f"  {label:<60}{med[way] / med['cov_n']:6.0f}x;{med[way + '_loop'] / ensemble:5.0f}x,"
              f"{med[way + '_loop'] / slope:5.0f}x")
    print("samples (s): " + json.dumps({k: [round(x, 4) for x in v] for k, v in samples.items()}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--covenant", required=True)
    parser.add_argument("--case", required=True)
    parser.add_argument("--runs", type=int, default=10000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--replay-seeds", type=int, default=300)
    parser.add_argument("--variants", default="automatic,willing",
                        help="the case's variants to compare beside the base case, comma-separated ('' for none)")
    args = parser.parse_args()
    version = subprocess.run([args.covenant, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"{version}; Mesa {port.mesa.__version__}; Python {platform.python_version()}; {platform.platform()}")
    variants = [v for v in args.variants.split(",") if v]
    if args.replay_seeds:
        print("\nthe port on Covenant's own draws (replay_check.py):")
        for variant, stress in [(v, s) for s in (False, True) for v in [None, *variants]]:
            command = [sys.executable, os.path.join(HERE, "replay_check.py"), args.covenant, args.case,
                       "--seeds", str(args.replay_seeds)] + (["--variant", variant] if variant else [])
            command += ["--stress"] if stress else []
            result = subprocess.run(command, capture_output=True, text=True)
            print("  " + (result.stdout.strip() or result.stderr.strip()).replace("\n", "\n  "))
            if result.returncode:
                sys.exit("the port does not make Covenant's decisions on its draws")
    mismatches = sum(frequencies(args, variant) for variant in [None, *variants])
    timings(args)
    if mismatches:
        print(f"\n{mismatches} comparison(s) did not overlap (about 1 in 20 would by chance at 95%)")


if __name__ == "__main__":
    main()
