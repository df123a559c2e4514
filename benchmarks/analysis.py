"""Benchmark: the consultant's cross-network overview on a synthetic data set (default 200 networks, 5 years).

Prints a timing table and, as its last line, ``RESULT networks=N meetings=N overview_s=X peak_mb=X``.
``overview_s`` is the full overview from the database file (bulk reads + analysis), the median wall-clock time
of a few runs (the table also gives the CPU time, which waiting for a busy machine does not inflate);
``peak_mb`` is the peak of Python allocations during one such run (tracemalloc). The baseline row is the same
analysis network by network (one load per network), measured in the same run, so the ratio says what the
bulk reads buy. Target from the issue: the overview for 200 networks in under 5 seconds on this machine.

    .venv/bin/python benchmarks/analysis.py [--networks 200] [--years 5] [--db FILE]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from netvaerk_lib import analysis  # noqa: E402
from netvaerk_lib.analysis import charts  # noqa: E402
from netvaerk_lib.analysis.report import analyse_network, write_pdf  # noqa: E402
from netvaerk_lib.analysis.synthetic import generate  # noqa: E402
from netvaerk_lib.store import Store  # noqa: E402

TARGET_S = 5.0


CPU_SECONDS: list[float] = []


def timed(function, repeat: int = 1):
    """(median wall-clock seconds, last result); the median CPU seconds of the process go to CPU_SECONDS.

    On a machine shared with other work the wall clock includes waiting for a core; the CPU time does not.
    """
    times, cpu, result = [], [], None
    for _ in range(repeat):
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        result = function()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    wall = statistics.median(times)
    CPU_SECONDS.append(statistics.median(cpu))
    return wall, result


def full_overview(store):
    return analysis.overview(analysis.load(store))


def network_by_network(store):
    """The baseline: what a loop over the networks would do, one load and one overview per network."""
    return [analysis.overview(analysis.load(store, [network.id])) for network in store.list_networks()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--networks", type=int, default=200)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db", help="database file to fill (default: a temporary file)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(args.db) if args.db else Path(folder) / "synthetic.sqlite"
        with Store(path) as store:
            generate_s, counts = timed(lambda: generate(store, args.networks, args.years, args.seed))
            meetings = counts["held"]
            load_s, data = timed(lambda: analysis.load(store), args.repeat)
            per_meeting_s, per_meeting = timed(lambda: analysis.attendance_per_meeting(data), args.repeat)
            analysis_s, table = timed(lambda: analysis.overview(data), args.repeat)
            overview_s, _ = timed(lambda: full_overview(store), args.repeat)
            baseline_s, _ = timed(lambda: network_by_network(store))
            chart_s, _ = timed(lambda: charts.png(charts.small_multiples(per_meeting, table)))
            first = int(table.loc[0, "network_id"])
            report_s, _ = timed(lambda: write_pdf(analyse_network(data, first), Path(folder) / "report.pdf"))

            gc.collect()
            tracemalloc.start()
            full_overview(store)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()

    peak_mb = peak / 2**20
    levels = table["level"].value_counts().to_dict()
    steps = [
        ("generate + bulk write (once)", generate_s, ""),
        ("bulk load (all networks)", load_s, ""),
        ("attendance per meeting", per_meeting_s, ""),
        ("overview from loaded data", analysis_s, ""),
        ("full overview (load + analysis)", overview_s, f"{overview_s / TARGET_S:.2f} of the {TARGET_S:.0f} s target"),
        ("baseline: network by network", baseline_s, f"{baseline_s / overview_s:.1f}x the full overview"),
        ("small multiples, 30 panels, PNG", chart_s, ""),
        ("PDF report for one network", report_s, ""),
    ]
    rows = [(name, wall, cpu, note) for (name, wall, note), cpu in zip(steps, CPU_SECONDS, strict=True)]
    print(f"networks={args.networks} years={args.years} meetings held={meetings} "
          f"attendance rows={counts.get('attendance', 0)} evaluation answers={counts.get('evaluation_answers', 0)}")
    print(f"traffic lights: {levels}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'step':<36}{'wall s':>10}{'cpu s':>10}  note")
    for name, seconds, cpu, note in rows:
        print(f"{name:<36}{seconds:>10.3f}{cpu:>10.3f}  {note}")
    print(f"{'peak Python memory, full overview':<36}{peak_mb:>10.1f}  MB (tracemalloc)")
    print(f"RESULT networks={args.networks} meetings={meetings} overview_s={overview_s:.3f} peak_mb={peak_mb:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
