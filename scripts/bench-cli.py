#!/usr/bin/env python3
"""Command-line timings of the release binary, as BENCHMARKS.md records them.

    cargo build --release -p serverless-ls && scripts/bench-cli.py [--rounds N]

Each command runs as a whole process (start-up included), output to /dev/null; the commands
of one comparison run interleaved, round after round, so a slower stretch of the machine hits
them alike. Prints the median and the fastest run of each, and the ratio of `check` of
`fixtures/corpus` on one thread to two (issue #11 asks for at least 1.6).
"""

import argparse
import statistics
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / "target" / "release" / "serverless-ls"


def run_once(args):
    start = time.perf_counter()
    subprocess.run(
        [str(BINARY), *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return (time.perf_counter() - start) * 1000


def interleaved(commands, rounds):
    """The times of each command (by name), the commands taking turns."""
    for args in commands.values():
        run_once(args)  # warm the page cache
    times = {name: [] for name in commands}
    for _ in range(rounds):
        for name, args in commands.items():
            times[name].append(run_once(args))
    return times


def report(times):
    for name, values in times.items():
        print(f"{name:<48} median {statistics.median(values):8.1f} ms   fastest {min(values):8.1f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    rounds = parser.parse_args().rounds
    if not BINARY.exists():
        raise SystemExit(f"{BINARY} is missing: cargo build --release -p serverless-ls")

    corpus = interleaved(
        {
            "check fixtures/corpus --threads 1": ["check", "fixtures/corpus", "--threads", "1"],
            "check fixtures/corpus --threads 2": ["check", "fixtures/corpus", "--threads", "2"],
        },
        rounds,
    )
    report(corpus)
    one, two = (statistics.median(v) for v in corpus.values())
    print(f"{'two threads faster than one by':<48} {one / two:.2f}x (median over median)")

    report(interleaved({"--version": ["--version"]}, rounds))
    slow_rounds = max(10, rounds // 2)
    report(
        interleaved(
            {
                "check fixtures/bench/n1000": ["check", "fixtures/bench/n1000"],
                "check fixtures/bench/n5000": ["check", "fixtures/bench/n5000"],
                "compile fixtures/bench/n1000": ["compile", "fixtures/bench/n1000/serverless.yml"],
                "compile fixtures/bench/n5000": ["compile", "fixtures/bench/n5000/serverless.yml"],
            },
            slow_rounds,
        )
    )


if __name__ == "__main__":
    main()
