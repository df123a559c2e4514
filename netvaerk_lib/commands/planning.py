"""``netvaerk plan`` (propose meeting dates) and ``netvaerk ics --output FILE`` (the network's calendar)."""

from __future__ import annotations

import sys
from pathlib import Path

from netvaerk_lib.commands import find_network
from netvaerk_lib.model import ValidationError
from netvaerk_lib.planning.dates import propose_dates
from netvaerk_lib.planning.service import (
    announced_changes,
    apply_rota,
    describe_change,
    export_ics,
    member_names,
    save_year,
)
from netvaerk_lib.store import open_store
from netvaerk_lib.texts import clock, long_date, t, tn


def plan(args) -> int:
    network, busy = None, set()
    if args.save or args.network:
        with open_store(args.db) as store:
            network = find_network(store, args.network)
            if network is None:
                return 1
            busy = {m.starts_at.date() for m in store.list_meetings(network.id) if m.status != "cancelled"}
    try:
        proposals = propose_dates(args.start, args.count, args.every, args.weekday, args.time,
                                  avoid_school_holidays=args.school_holidays, winter_week=args.winter_week,
                                  busy_days=busy)
    except ValidationError as error:
        for problem in error.errors:
            print(problem.message, file=sys.stderr)
        return 2
    for proposal in proposals:
        line = f"{proposal.starts_at.date().isoformat()} {clock(proposal.starts_at)} {long_date(proposal.starts_at)}"
        print(f"{line} ({proposal.reason})" if proposal.reason else line)
    return save(args, network, proposals) if args.save else 0


def save(args, network, proposals) -> int:
    """Save the dates and share out the rota. When that would change host or place of meetings already
    announced, it says which and saves nothing unless told what to do: ``--change-announced`` or
    ``--keep-announced``."""
    with open_store(args.db) as store:
        changes = announced_changes(store, network.id, [proposal.starts_at for proposal in proposals])
        names = member_names(store, network.id)
        if changes:
            print(tn("planning.cli.announced", len(changes)))
            for change in changes:
                print(f"  {describe_change(change, names)}")
            if not (args.change_announced or args.keep_announced):
                print(t("planning.cli.announced_ask"), file=sys.stderr)
                return 3
        save_year(store, network, proposals)
        apply_rota(store, network.id, change_announced=args.change_announced)
    print(tn("planning.cli.saved", len(proposals), network=network.name))
    if changes:
        print(tn("planning.announced.changed", len(changes)) if args.change_announced
              else t("planning.announced.kept"))
    return 0


def ics(args) -> int:
    with open_store(args.db) as store:
        network = find_network(store, args.network)
        if network is None:
            return 1
        data = export_ics(store, network.id)
        count = len(store.list_meetings(network.id))
    Path(args.output).write_bytes(data)
    print(tn("planning.cli.written", count, path=args.output))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("plan", help=t("planning.cli.plan_help"))
    parser.add_argument("--start", required=True, help="YYYY-MM-DD")
    parser.add_argument("--count", required=True, type=int)
    parser.add_argument("--every", required=True, type=int, help="1, 2 or 3 (months)")
    parser.add_argument("--weekday", required=True, help="torsdag / thursday")
    parser.add_argument("--time", default="17:00", help="HH:MM (default 17:00)")
    parser.add_argument("--school-holidays", action="store_true", help=t("planning.cli.school"))
    parser.add_argument("--winter-week", type=int, default=7, choices=[7, 8])
    parser.add_argument("--save", action="store_true", help=t("planning.cli.save"))
    announced = parser.add_mutually_exclusive_group()
    announced.add_argument("--change-announced", action="store_true", help=t("planning.cli.change_announced"))
    announced.add_argument("--keep-announced", action="store_true", help=t("planning.cli.keep_announced"))
    parser.add_argument("--network", help=t("planning.cli.network_help"))
    parser.set_defaults(func=plan)
    parser = subparsers.add_parser("ics", help=t("planning.cli.ics_help"))
    parser.add_argument("--output", required=True, help="FILE.ics")
    parser.add_argument("--network", help=t("planning.cli.network_help"))
    parser.set_defaults(func=ics)
