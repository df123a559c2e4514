"""The grouping panel: present members, generate, swap, lock, history and projector view, for interviews and
sparring. The interviews and sparring apps show it on a page of their own; Kør mødet shows it inside the exercise.
"""

from __future__ import annotations

import ipywidgets as widgets

from netvaerk_lib.grouping import explain, plan_rounds
from netvaerk_lib.grouping.locking import lock_grouping
from netvaerk_lib.grouping.roles import EXPECTATION_BANK, INTERVIEW_BANK, interview_roles, sparring_roles, swap_people
from netvaerk_lib.grouping.wording import explanation_lines
from netvaerk_lib.meeting.checkin import expected_members
from netvaerk_lib.model import FieldError, Member, ValidationError
from netvaerk_lib.model.grouping import QUESTIONER
from netvaerk_lib.texts import long_date, t
from netvaerk_lib.timezone import now
from netvaerk_lib.ui import App, button, escape, html_block

TIME_LIMIT_S = 1.5
MAX_ROUNDS = 4
SIZES = {"pairs": (2, 3), "triads": (3, 3), "sparring": (3, 4)}
BANKS = {"interview": INTERVIEW_BANK, "expectation": EXPECTATION_BANK}
SPARRING_QUESTIONS = tuple(f"guide.sparring_question.{i}" for i in range(1, 8))
SPARRING_INPUTS = ("guide.sparring_input.1", "guide.sparring_input.2")



def _member_label(member: Member) -> str:
    return member.name or t("common.erased_member")


class GroupingPanel:
    """Make, adjust and lock the groups of one exercise (``kind`` "interview" or "sparring") for a meeting."""

    def __init__(self, store, kind: str, network, *, say, guarded, meeting_id: int | None = None):
        if kind not in ("interview", "sparring"):
            raise ValueError(kind)
        self.store, self.kind, self.network = store, kind, network
        self.say, self.guarded = say, guarded
        self.seed = 0
        self.schedule: list[list[tuple]] | None = None
        self.seating = None
        self.options: dict = {}
        self.warnings: list = []
        self.explanation_value = None
        self.locked_id: int | None = None
        self.members = {m.id: m for m in store.list_members(network.id)}
        self.meetings = store.list_meetings(network.id)

        self.meeting = widgets.Dropdown(description=t("grouping.meeting"), options=self._meeting_options())
        self.meeting.value = meeting_id if meeting_id in {m.id for m in self.meetings} else self._default_meeting()
        self.meeting.add_class("nv-grouping-meeting")
        self.present_count = html_block("")
        self.present = widgets.Box()
        self.present.add_class("nv-grouping-present")
        self.boxes: dict[int, widgets.Checkbox] = {}
        if kind == "interview":
            self.size = widgets.ToggleButtons(description=t("grouping.size"), options=[
                (t("grouping.size.pairs"), "pairs"), (t("grouping.size.triads"), "triads")], value="pairs")
            self.bank = widgets.Dropdown(description=t("grouping.question_bank"), options=[
                (t("grouping.bank.interview"), "interview"), (t("grouping.bank.expectation"), "expectation")])
        else:
            self.size = widgets.ToggleButtons(description=t("grouping.size"),
                                              options=[(t("grouping.size.sparring"), "sparring")], value="sparring")
            self.bank = None
        self.rounds = widgets.Dropdown(description=t("grouping.rounds"), options=list(range(1, MAX_ROUNDS + 1)),
                                       value=1)
        self.apart = widgets.Checkbox(description=t("grouping.apart"), value=True, indent=False)
        self.apart.add_class("nv-grouping-apart")
        self.generate_button = button(t("grouping.generate"), kind="primary")
        self.again_button = button(t("grouping.again"))
        self.swap_round = widgets.Dropdown(description=t("grouping.swap_round"), options=[1])
        self.swap_first = widgets.Dropdown(description=t("grouping.swap_first"), options=[])
        self.swap_second = widgets.Dropdown(description=t("grouping.swap_second"), options=[])
        self.swap_button = button(t("grouping.swap"))
        self.lock_button = button(t("grouping.lock"), kind="success")
        self.unlock_button = button(t("grouping.unlock_last"))
        self.projector_button = button(t("grouping.projector"))
        self.locked_info = html_block("")
        self.view = html_block(f"<p>{escape(t('grouping.nothing_yet'))}</p>", "nv-grouping-view")
        self.explanation = html_block("", "nv-grouping-explanation")

        self.meeting.observe(self.guarded(self._on_meeting), names="value")
        self.generate_button.on_click(self.guarded(self._on_generate))
        self.again_button.on_click(self.guarded(self._on_again))
        self.swap_round.observe(self.guarded(self._on_swap_round), names="value")
        self.swap_button.on_click(self.guarded(self._on_swap))
        self.lock_button.on_click(self.guarded(self._on_lock))
        self.unlock_button.on_click(self.guarded(self._on_unlock))
        self.projector_button.on_click(self.guarded(self._on_projector))

        choices = [self.size, self.rounds] + ([self.bank] if self.bank else [])
        controls = widgets.VBox([
            self._row([self.meeting]),
            html_block(f"<h2>{escape(t('grouping.present'))}</h2><p class='nv-sub'>"
                       f"{escape(t('grouping.present_help'))}</p>"),
            self.present_count, self.present,
            self._row(choices), self.apart,
            self._row([self.generate_button, self.again_button]),
        ])
        controls.add_class("nv-grouping-controls")
        self.edit = widgets.VBox([
            html_block(f"<h2>{escape(t('grouping.swap_title'))}</h2>"),
            self._row([self.swap_round, self.swap_first, self.swap_second, self.swap_button]),
            self._row([self.lock_button, self.unlock_button]), self.locked_info,
        ])
        self.edit.add_class("nv-grouping-edit")
        self.widget = widgets.VBox([controls,
                                    self._row([self.projector_button]), self.view, self.explanation, self.edit])
        self.widget.add_class("nv-grouping-panel")
        self.widget.add_class(f"nv-grouping-{kind}")
        self._load_meeting()

    @staticmethod
    def _row(children) -> widgets.Box:
        for child in children:
            if isinstance(child, widgets.Dropdown | widgets.ToggleButtons):
                child.style.description_width = "initial"
        row = widgets.HBox(children)
        row.add_class("nv-grouping-row")
        return row

    # --- meeting and attendance ---------------------------------------------------------------------------

    def _meeting_options(self) -> list[tuple[str, int]]:
        topics = {topic.id: topic.title for topic in self.store.list_topics(self.network.id)}
        return [(t("grouping.meeting_option", date=long_date(m.starts_at), topic=topics.get(m.topic_id, ""))
                 .rstrip(" –"), m.id) for m in self.meetings]

    def _default_meeting(self) -> int | None:
        upcoming = self.store.next_meeting(self.network.id, now())
        if upcoming is not None:
            return upcoming.id
        return self.meetings[-1].id if self.meetings else None

    def _current_meeting(self):
        wanted = self.meeting.value
        found = next((m for m in self.meetings if m.id == wanted), None)
        if found is None:
            raise ValidationError([FieldError("meeting", t("grouping.no_meetings"))])
        return found

    def _load_meeting(self) -> None:
        self.schedule = self.seating = None
        self.locked_id = None
        if not self.meetings:
            self.say(t("grouping.no_meetings"), "warning")
            return
        meeting = self._current_meeting()
        expected = {m.id for m in expected_members(self.store, meeting)}
        self.boxes = {}
        for member in self.members.values():
            box = widgets.Checkbox(description=_member_label(member), value=member.id in expected, indent=False)
            box.observe(self.guarded(self._on_present), names="value")
            self.boxes[member.id] = box
        self.present.children = list(self.boxes.values())
        if self.bank is not None:
            self.bank.value = "expectation" if meeting.kind == "first" else "interview"
        self._on_present()
        self._show_locked()
        self._render()

    def _on_meeting(self, _change=None) -> None:
        self._load_meeting()

    def _on_present(self, _change=None) -> None:
        count = sum(1 for box in self.boxes.values() if box.value)
        self.present_count.value = f"<p><strong>{escape(t('grouping.present_count', n=count))}</strong></p>"

    def _present_ids(self) -> list[int]:
        chosen = [member_id for member_id, box in self.boxes.items() if box.value is True]
        return [member_id for member_id in chosen if member_id in self.members and not self.members[member_id].erased]

    # --- generating -----------------------------------------------------------------------------------------

    def _on_generate(self, _button=None) -> None:
        self.seed = 0
        self._generate()

    def _on_again(self, _button=None) -> None:
        self.seed += 1
        self._generate()

    def _bounds(self) -> tuple[int, int]:
        allowed = ("pairs", "triads") if self.kind == "interview" else ("sparring",)
        if self.size.value not in allowed:
            raise ValidationError([FieldError("size", t("grouping.error.size"))])
        return SIZES[self.size.value]

    def _rounds(self) -> int:
        value = self.rounds.value
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ROUNDS:
            raise ValidationError([FieldError("rounds", t("grouping.error.rounds"))])
        return value

    def _attributes(self, ids: list[int]) -> dict[int, dict]:
        year = now().year
        out = {}
        for member_id in ids:
            m = self.members[member_id]
            out[member_id] = {"practice_type": m.practice_type, "region": m.region, "gender": m.gender,
                              "age": year - m.birth_year if m.birth_year else None,
                              "years_as_leader": m.years_as_leader}
        return out

    def _competitors(self, ids: list[int]) -> list[tuple[int, int]]:
        """Same practice type in the same region: kept apart when asked to."""
        if self.apart.value is not True:
            return []
        pairs = []
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                ma, mb = self.members[a], self.members[b]
                if ma.practice_type and ma.region and (ma.practice_type, ma.region) == (mb.practice_type, mb.region):
                    pairs.append((a, b))
        return pairs

    def _generate(self) -> None:
        self._current_meeting()
        ids = self._present_ids()
        if len(ids) < 2:
            raise ValidationError([FieldError("present", t("grouping.error.too_few"))])
        size_min, size_max = self._bounds()
        rounds = self._rounds()
        self.options = {"history": self.store.grouping_history(self.network.id),
                        "attributes": self._attributes(ids), "apart": self._competitors(ids)}
        schedule = plan_rounds(ids, rounds, size_min, size_max, seed=self.seed, time_limit=TIME_LIMIT_S,
                               **self.options)
        self.warnings = schedule.explanation.warnings
        self.locked_id = None
        self._set_schedule([list(groups) for groups in schedule], schedule.explanation)
        self.say(t("grouping.generated"), "success")

    def _set_schedule(self, schedule, explanation=None) -> None:
        self.schedule = schedule
        self.seating = self._roles(schedule)
        if explanation is None:
            explanation = explain(schedule, construction="search", warnings=list(self.warnings), **self.options)
        self.explanation_value = explanation
        self._render()

    def _roles(self, schedule):
        if self.kind == "interview":
            counts = self.store.role_counts(self.network.id, "interview")
            bank = BANKS.get(self.bank.value, INTERVIEW_BANK)
            return interview_roles(schedule, asked=self.store.questions_asked(self.network.id),
                                   asked_first={m: c["interview_1"] for m, c in counts.items()}, bank=bank,
                                   seed=self.seed)
        counts = self.store.role_counts(self.network.id, "sparring")
        return sparring_roles(schedule, chairs={m: c["case_giver"] for m, c in counts.items()},
                              questions_led={m: c[QUESTIONER] for m, c in counts.items()}, seed=self.seed)

    # --- swapping and locking ----------------------------------------------------------------------------------

    def _require_proposal(self) -> None:
        if self.schedule is None or self.seating is None:
            raise ValidationError([FieldError("groups", t("grouping.error.generate_first"))])

    def _on_swap_round(self, _change=None) -> None:
        self._fill_swap_people()

    def _fill_swap_people(self) -> None:
        if self.schedule is None:
            self.swap_first.options = self.swap_second.options = []
            return
        number = self.swap_round.value if self.swap_round.value in range(1, len(self.schedule) + 1) else 1
        people = sorted((p for group in self.schedule[number - 1] for p in group),
                        key=lambda p: _member_label(self.members[p]).casefold())
        options = [(_member_label(self.members[p]), p) for p in people]
        self.swap_first.options = options
        self.swap_second.options = options
        if len(options) > 1:
            self.swap_first.value, self.swap_second.value = options[0][1], options[1][1]

    def _on_swap(self, _button=None) -> None:
        self._require_proposal()
        if self.locked_id is not None:
            raise ValidationError([FieldError("groups", t("grouping.error.locked"))])
        number = self.swap_round.value
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= len(self.schedule):
            raise ValidationError([FieldError("swap_round", t("grouping.error.swap_unknown"))])
        first, second = self.swap_first.value, self.swap_second.value
        placed = {p for group in self.schedule[number - 1] for p in group}
        if first not in placed or second not in placed or first == second:
            raise ValidationError([FieldError("swap", t("grouping.error.swap_unknown"))])
        try:
            swapped = swap_people(self.schedule, number - 1, first, second)
        except ValueError:
            raise ValidationError([FieldError("swap", t("grouping.error.swap_same_group"))]) from None
        self._set_schedule(swapped)
        self.say(t("grouping.swapped", first=_member_label(self.members[first]),
                   second=_member_label(self.members[second])), "success")

    def _on_lock(self, _button=None) -> None:
        self._require_proposal()
        if self.locked_id is not None:
            raise ValidationError([FieldError("groups", t("grouping.error.locked"))])
        meeting = self._current_meeting()
        self.locked_id = lock_grouping(self.store, meeting.id, self.kind, self.seating)
        self._show_locked()
        self._render()
        self.say(t("grouping.locked"), "success")

    def _on_unlock(self, _button=None) -> None:
        meeting = self._current_meeting()
        locked = self.store.list_groupings(self.network.id, meeting_id=meeting.id, kind=self.kind)
        if not locked:
            raise ValidationError([FieldError("groups", t("grouping.error.nothing_locked"))])
        self.store.delete_grouping(locked[-1].id)
        if self.locked_id == locked[-1].id:
            self.locked_id = None
        self._show_locked()
        self._render()
        self.say(t("grouping.unlocked"), "success")

    def _show_locked(self) -> None:
        if not self.meetings:
            return
        count = len(self.store.list_groupings(self.network.id, meeting_id=self.meeting.value, kind=self.kind))
        self.locked_info.value = f"<p>{escape(t('grouping.locked_count', n=count))}</p>"
        self.unlock_button.disabled = count == 0

    def _on_projector(self, _button=None) -> None:
        if "nv-grouping-projector" in self.widget._dom_classes:
            self.widget.remove_class("nv-grouping-projector")
            self.projector_button.description = t("grouping.projector")
        else:
            self.widget.add_class("nv-grouping-projector")
            self.projector_button.description = t("grouping.projector_off")

    # --- showing ---------------------------------------------------------------------------------------------

    def _name(self, member_id) -> str:
        member = self.members.get(member_id)
        return _member_label(member) if member else str(member_id)

    def _render(self) -> None:
        has = self.seating is not None
        self.swap_button.disabled = self.lock_button.disabled = not has or self.locked_id is not None
        self.again_button.disabled = not has
        if not has:
            self.view.value = f"<p>{escape(t('grouping.nothing_yet'))}</p>"
            self.explanation.value = ""
            self.swap_round.options = [1]
            self._fill_swap_people()
            return
        rounds = [self._round_html(number, groups) for number, groups in enumerate(self.seating, start=1)]
        state = " data-locked='yes'" if self.locked_id is not None else ""
        self.view.value = f"<div class='nv-grouping-rounds' data-kind='{self.kind}'{state}>{''.join(rounds)}</div>"
        lines = explanation_lines(self.explanation_value, self._name)
        self.explanation.value = (f"<h2>{escape(t('grouping.explanation'))}</h2><ul>"
                                  + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>")
        if list(self.swap_round.options) != list(range(1, len(self.seating) + 1)):
            self.swap_round.options = list(range(1, len(self.seating) + 1))
        self._fill_swap_people()

    def _round_html(self, number: int, groups) -> str:
        cards = [self._group_html(g, seats) for g, seats in enumerate(groups, start=1)]
        heading = f"<h3>{escape(t('grouping.round', n=number))}</h3>" if len(self.seating) > 1 else ""
        guide = self._guide_html() if number == 1 else ""
        return (f"<section class='nv-grouping-round' data-round='{number}'>{heading}"
                f"<div class='nv-grouping-groups'>{''.join(cards)}</div>{guide}</section>")

    def _group_html(self, number: int, seats) -> str:
        members = ",".join(str(seat.member) for seat in seats)
        title = f"<h4>{escape(t('grouping.group', n=number))}</h4>"
        if self.kind == "interview":
            items = []
            for i, seat in enumerate(seats):
                answerer = seats[(i + 1) % len(seats)]
                if answerer is seat:
                    items.append(f"<li><span class='nv-grouping-name'>{escape(self._name(seat.member))}</span></li>")
                    continue
                question = f"<span class='nv-grouping-question'>{escape(t(answerer.question))}</span>" \
                    if answerer.question else ""
                asks = t("grouping.asks", asker=self._name(seat.member), answerer=self._name(answerer.member))
                items.append(f"<li><span class='nv-grouping-name'>{escape(asks)}</span>{question}</li>")
            body = f"<ol>{''.join(items)}</ol>"
        else:
            items = [f"<li><span class='nv-grouping-name'>{escape(self._name(seat.member))}</span> "
                     f"<span class='nv-grouping-role'>{escape(t('grouping.role.' + seat.role))}</span></li>"
                     for seat in seats]
            body = f"<ul>{''.join(items)}</ul>"
        return (f"<article class='nv-grouping-group' data-group='{number}' data-members='{members}'>"
                f"{title}{body}</article>")

    def _guide_html(self) -> str:
        if self.kind == "interview":
            return f"<p class='nv-grouping-guide nv-sub'>{escape(t('grouping.interview_help'))}</p>"
        questions = "".join(f"<li>{escape(t(key))}</li>" for key in SPARRING_QUESTIONS)
        inputs = "".join(f"<li>{escape(t(key))}</li>" for key in SPARRING_INPUTS)
        return (f"<div class='nv-grouping-guide'><p class='nv-sub'>{escape(t('grouping.sparring_help'))}</p>"
                f"<strong>{escape(t('grouping.sparring_questions'))}</strong><ol>{questions}</ol>"
                f"<strong>{escape(t('grouping.sparring_inputs'))}</strong><ul>{inputs}</ul></div>")


class GroupingApp(App):
    """An app page around one :class:`GroupingPanel` for the default network."""

    kind = "interview"

    def __init__(self, store=None, network_id: int | None = None, meeting_id: int | None = None):
        super().__init__(store)
        network = self.store.get_network(network_id) if network_id else self.store.default_network()
        self.panel = None
        if network is None:
            self.say(t("common.no_network"), "warning")
            return
        self.panel = GroupingPanel(self.store, self.kind, network, say=self.say, guarded=self.guarded,
                                   meeting_id=meeting_id)
        self.body.children = [self.panel.widget]
