"""Changes after publication: when an edit needs a reason, and the words that say
what changed ("Thời gian: 07:30 → 14:00"), recorded in ``ScheduleChange``.

An entry nobody has seen yet (a draft never published) changes freely. Once it has
been published, every edit to what visitors see is a change: it needs a reason, the
entry is marked "Điều chỉnh" (or "Hoãn" when postponed), and the change is kept. An
entry added to a week whose schedule is already out is a change too ("Bổ sung").
"""

from django.utils.translation import gettext as _

from kyanh_cms.schedules.choices import ChangeKind, EntryState

#: The fields visitors see, in the order a change summary names them.
VISIBLE_FIELDS = (
    "date",
    "session",
    "start_time",
    "end_time",
    "content",
    "chair",
    "participants",
    "place",
    "preparing_unit",
    "bloc",
    "attachment",
)


def shown(instance, name):
    """A field's value as a visitor reads it."""
    value = getattr(instance, name)
    if value in (None, ""):
        return "—"
    if name == "date":
        return f"{value:%d/%m/%Y}"
    if name in ("start_time", "end_time"):
        return f"{value:%H:%M}"
    if name in ("session", "bloc"):
        return str(getattr(instance, f"get_{name}_display")())
    return str(value)


def snapshot(instance):
    return {name: shown(instance, name) for name in VISIBLE_FIELDS}


def summary(before, instance):
    """``"Địa điểm: Hội trường → Phòng họp số 2; …"`` for the fields that differ."""
    after = snapshot(instance)
    parts = []
    for name in VISIBLE_FIELDS:
        if before.get(name) != after[name]:
            label = instance._meta.get_field(name).verbose_name
            parts.append(f"{str(label).capitalize()}: {before.get(name)} → {after[name]}")
    return "; ".join(parts)


def change_kind(was_published, new_state, fields_changed, week_published):
    """The kind of change an edit is, or ``None`` when it needs no reason.

    ``was_published``: the entry had been shown before; ``week_published``: other entries
    of its week are out (for a new entry).
    """
    if new_state == EntryState.DRAFT:
        return None
    if was_published:
        if new_state == EntryState.CANCELLED:
            return ChangeKind.CANCELLED
        return ChangeKind.CHANGED if fields_changed else None
    if week_published:
        return ChangeKind.CANCELLED if new_state == EntryState.CANCELLED else ChangeKind.ADDED
    return None


def state_after(kind, chosen_state):
    """The stored state: a changed or added entry is marked "changed"."""
    if kind in (ChangeKind.CHANGED, ChangeKind.ADDED):
        return EntryState.CHANGED
    return chosen_state


def added_summary(instance):
    return _("Added to the published schedule: %(when)s, %(content)s") % {
        "when": f"{instance.time_label} {instance.date:%d/%m/%Y}",
        "content": instance.content,
    }
