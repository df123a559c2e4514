"""``netvaerk evaluation open [--meeting YYYY-MM-DD]``: open a held meeting's evaluation and print personal links;
``netvaerk evaluation close [--meeting YYYY-MM-DD]``: close it and release its answers.

For facilitators who send the links by e-mail or SMS instead of handing out slips: one line per present member
with their name and their own form link (the code is in it, shown this once; only its hash is stored). By
default the latest held meeting whose evaluation has not been opened yet. Closing (by default every open
evaluation of the network) is the same close as the apps' "Luk evalueringen": without its key file it changes
nothing and says why.
"""

from __future__ import annotations

import datetime as dt
import os
import sys

from netvaerk_lib.evaluation import sessions
from netvaerk_lib.evaluation.sealing import SealProblem
from netvaerk_lib.model import Meeting
from netvaerk_lib.store import Store, open_store
from netvaerk_lib.texts import long_date, t

DEFAULT_PUBLIC_URL = "http://127.0.0.1:8867"  # `netvaerk serve`'s members' server on this machine


class CommandProblem(Exception):
    """A Danish message for the facilitator; nothing was changed."""


def meeting_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise CommandProblem(t("web.open.bad_date", value=text)) from error


def chosen_meeting(store: Store, network_id: int, day: dt.date | None) -> Meeting:
    """The meeting held on ``day``, or the latest held one whose evaluation has not been opened."""
    meetings = store.list_meetings(network_id)
    if day is None:
        waiting = [m for m in meetings if m.status == "held" and store.evaluation_session(m.id) is None]
        if not waiting:
            raise CommandProblem(t("web.open.no_meeting"))
        return max(waiting, key=lambda meeting: meeting.starts_at)
    on_day = [m for m in meetings if m.starts_at.date() == day and m.status != "cancelled"]
    if not on_day:
        raise CommandProblem(t("web.open.no_such_meeting", date=long_date(day)))
    if on_day[0].status != "held":
        raise CommandProblem(t("web.open.not_held", date=long_date(day)))
    return on_day[0]


def open_with_links(store: Store, day: dt.date | None, public_url: str) -> list[str]:
    """Open the evaluation, issue codes to the present members without one; the lines to print."""
    network = store.default_network()
    if network is None:
        raise CommandProblem(t("web.open.no_network"))
    meeting = chosen_meeting(store, network.id, day)
    sessions.open_evaluation(store, meeting.id)
    issued = sessions.issue_codes(store, meeting.id)
    if not issued:
        raise CommandProblem(t("web.open.nobody_new"))
    base = sessions.form_url({"NETVAERK_PUBLIC_URL": public_url})
    names = {member.id: member.name for member in store.list_members(network.id, include_erased=True)}
    links = sorted((names.get(member_id, ""), sessions.form_link(code, base)) for member_id, code in issued.items())
    return [t("web.open.opened", date=long_date(meeting.starts_at), count=len(links)),
            *(f"{name}: {link}" for name, link in links), t("web.open.warning")]


def open_command(args) -> int:
    public_url = args.public_url or os.environ.get("NETVAERK_PUBLIC_URL") or DEFAULT_PUBLIC_URL
    try:
        day = meeting_day(args.meeting) if args.meeting else None
        with open_store(args.db) as store:
            lines = open_with_links(store, day, public_url)
    except (CommandProblem, SealProblem) as problem:
        print(problem, file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0


def close_open(store: Store, day: dt.date | None) -> list[str]:
    """Close the meeting's open evaluation (default: every open one of the network); the lines to print."""
    network = store.default_network()
    if network is None:
        raise CommandProblem(t("web.open.no_network"))
    meetings = store.list_meetings(network.id)
    if day is not None:
        meetings = [m for m in meetings if m.starts_at.date() == day]
    waiting = [m for m in meetings if (session := store.evaluation_session(m.id)) is not None and session.is_open]
    if not waiting:
        raise CommandProblem(t("web.close.none_open") if day is None else
                             t("web.close.not_open", date=long_date(day)))
    lines = []
    for meeting in sorted(waiting, key=lambda meeting: meeting.starts_at):
        sessions.close_evaluation(store, meeting.id)
        lines.append(t("web.close.closed", date=long_date(meeting.starts_at), count=store.evaluation_count(meeting.id)))
    return lines


def close_command(args) -> int:
    try:
        day = meeting_day(args.meeting) if args.meeting else None
        with open_store(args.db) as store:
            lines = close_open(store, day)
    except CommandProblem as problem:
        print(problem, file=sys.stderr)
        return 2
    except SealProblem as problem:
        print(problem, file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("evaluation", help="the members' evaluation of a meeting")
    actions = parser.add_subparsers(dest="action", required=True)
    opener = actions.add_parser("open", help="open a held meeting's evaluation and print each present member's "
                                "personal form link (for e-mail or SMS)")
    opener.add_argument("--meeting", metavar="YYYY-MM-DD",
                        help="the meeting's date (default: the latest held meeting not yet opened)")
    opener.add_argument("--public-url", help="the members' server as phones reach it (default: "
                        f"$NETVAERK_PUBLIC_URL, else {DEFAULT_PUBLIC_URL})")
    opener.set_defaults(func=open_command)
    closer = actions.add_parser("close", help="close an open evaluation and release its answers (as \"Luk "
                                "evalueringen\" does)")
    closer.add_argument("--meeting", metavar="YYYY-MM-DD",
                        help="the meeting's date (default: every open evaluation of the network)")
    closer.set_defaults(func=close_command)
