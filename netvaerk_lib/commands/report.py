"""``netvaerk report NETWORK --pdf FILE``: the consultant's report on one network, plus its tables on request.

``netvaerk synthetic`` fills a database with many generated networks (for the benchmark and for trying the
cross-network overview).
"""

from __future__ import annotations

import datetime as dt
import sys

from netvaerk_lib.analysis import load
from netvaerk_lib.analysis.synthetic import generate
from netvaerk_lib.commands import find_network
from netvaerk_lib.store import open_store
from netvaerk_lib.texts import t


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SystemExit(t("analysis.cli.bad_date", value=text)) from None




def report(args) -> int:
    from netvaerk_lib.analysis.report import analyse_network, write_csv, write_pdf, write_xlsx  # noqa: PLC0415 - matplotlib only for a report

    if not (args.pdf or args.xlsx or args.csv):
        print(t("analysis.cli.nothing_to_do"), file=sys.stderr)
        return 2
    start = _date(args.start) if args.start else None
    end = _date(args.end) if args.end else None
    with open_store(args.db) as store:
        network = find_network(store, args.network)
        if network is None:
            return 1
        data = load(store, [network.id], start=start, end=end)
        result = analyse_network(data, network.id, threshold=args.threshold / 100)
        written = []
        if args.pdf:
            written.append(str(write_pdf(result, args.pdf)))
        if args.xlsx:
            written.append(str(write_xlsx(result.tables(), args.xlsx)))
        if args.csv:
            written += [str(path) for path in write_csv(result.tables(), args.csv)]
    print(t("analysis.cli.written", network=network.name, files=", ".join(written)))
    print(result.warning.text)
    return 0


def synthetic(args) -> int:
    with open_store(args.db) as store:
        if store.list_networks():  # never mix generated networks into real ones
            print(t("analysis.cli.synthetic_not_empty", path=store.path), file=sys.stderr)
            return 1
        counts = generate(store, networks=args.networks, years=args.years, seed=args.seed)
    print(t("analysis.cli.synthetic", networks=counts["networks"], meetings=counts["held"]))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("report", help="the consultant's report on one network: PDF, XLSX, CSV")
    parser.add_argument("network", help="the network's name (or id)")
    parser.add_argument("--pdf", help="write the PDF report to this file")
    parser.add_argument("--xlsx", help="write the tables to this workbook")
    parser.add_argument("--csv", help="write the tables as CSV files into this folder")
    parser.add_argument("--from", dest="start", help="first day of the period (YYYY-MM-DD)")
    parser.add_argument("--to", dest="end", help="last day of the period (YYYY-MM-DD)")
    parser.add_argument("--threshold", type=float, default=30, help="warning threshold in percent (default 30)")
    parser.set_defaults(func=report)

    parser = subparsers.add_parser("synthetic", help="fill an empty database with generated networks (use --db)")
    parser.add_argument("--networks", type=int, default=200)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.set_defaults(func=synthetic)
