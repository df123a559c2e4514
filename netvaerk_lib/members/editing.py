"""The facilitator's edits of the member list: add or change a member from the form, remove one, import an
uploaded file, export the list. Every value is checked again here: a browser can send any value."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from netvaerk_lib.members.files import MemberFile, MemberFileError, RowProblem, import_member_file, write_members
from netvaerk_lib.model import Member, ValidationError
from netvaerk_lib.store import Store
from netvaerk_lib.texts import t
from netvaerk_lib.timezone import today

UPLOAD_SUFFIXES = (".csv", ".xlsx")
MAX_UPLOAD_BYTES = 2_000_000
EXPORT_FORMATS = ((".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                  (".csv", "text/csv"))


@dataclass(frozen=True)
class ExportFile:
    name: str
    mime: str
    data: bytes


def network_member(store: Store, network_id: int, member_id: int) -> Member:
    """The member, if it is a current member of this network; a stale or forged choice saves nothing."""
    member = store.get_member(member_id)
    if member.network_id != network_id or member.erased:
        raise ValidationError([])
    return member


def save_member(store: Store, network_id: int, member_id: int | None, raw: dict[str, str]) -> tuple[Member, bool]:
    """Add a member (``member_id`` None) or change one from the form's values; (the member saved, whether it is
    new). What the form does not show (expected gain, host rota) is kept. Raises ValidationError at the fields."""
    edited = Member.from_raw(raw)
    if member_id is None:
        return store.add_member(network_id, edited), True
    current = network_member(store, network_id, member_id)
    edited.id, edited.network_id = current.id, current.network_id
    edited.expected_gain, edited.in_host_rota = current.expected_gain, current.in_host_rota
    return store.update_member(edited), False


def remove_member(store: Store, network_id: int, member_id: int) -> None:
    """Erase a member of this network (the name and details go; attendance counts stay anonymous)."""
    store.erase_member(network_member(store, network_id, member_id).id)


def import_upload(store: Store, network_id: int, file_name: str, content: bytes) -> MemberFile:
    """Import an uploaded member file, all of it or nothing; MemberFileError names every problem."""
    suffix = Path(file_name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES or len(content) > MAX_UPLOAD_BYTES:
        raise MemberFileError([RowProblem(None, "", t("members.bad_file_type"))])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(content)
        return import_member_file(store, network_id, path)


def export_files(members: list[Member]) -> list[ExportFile]:
    """The member list as an Excel file and a CSV file, named for today."""
    files = []
    with tempfile.TemporaryDirectory() as folder:
        for suffix, mime in EXPORT_FORMATS:
            path = Path(folder) / f"medlemmer-{today().isoformat()}{suffix}"
            write_members(path, members)
            files.append(ExportFile(path.name, mime, path.read_bytes()))
    return files
