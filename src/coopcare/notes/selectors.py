"""Who reads which care note, as one filter the database applies, and the read queries for the
pages and the API.

The notebook is open to the team (its current members, the owner included) and to the people
acting for the owner now. Each note narrows that by its readership:

* **team** — everyone who may open the notebook;
* **givers** — the owner's side, the team's paid givers (independent and employed workers) and
  the author;
* **named** — the owner's side, the author and the people the author named.

The owner's side (the owner and whoever acts for them now) reads every note: it is their
notebook. Membership and representation are read afresh on every request, so someone who leaves
the team, or whose time acting for the owner ends, stops seeing every note at once — named notes
and their own included.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Substr

from coopcare.members.models import Section
from coopcare.members.privacy import annotate_visibility
from coopcare.notes.models import CareNote, NoteAttachment, Readership
from coopcare.teams.models import Team, TeamMember
from coopcare.teams.selectors import acts_for_owner
from coopcare.visits.selectors import PAID_KINDS, membership_of

User = get_user_model()

EXCERPT = 160


@dataclass(frozen=True)
class Reader:
    """What the notebook needs to know about one viewer of one team, read live."""

    owner_side: bool
    member: bool
    paid_giver: bool

    @property
    def opens_notebook(self) -> bool:
        return self.owner_side or self.member


def reader(viewer, team: Team) -> Reader:
    """At most two small queries: is the viewer acting for the owner, and their membership."""
    if not getattr(viewer, "is_authenticated", False) or team is None:
        return Reader(False, False, False)
    membership = membership_of(team, viewer)
    return Reader(
        owner_side=acts_for_owner(viewer, team),
        member=membership is not None or team.owner_id == viewer.pk,
        paid_giver=membership is not None and membership.kind in PAID_KINDS,
    )


def readable_q(viewer, facts: Reader) -> Q:
    """A Q over care notes of one team: those ``viewer`` (described by ``facts``) may read."""
    if facts.owner_side:
        return Q()
    if not facts.member:
        return Q(pk__isnull=True)  # matches nothing
    # Exists, not a join through named_readers: a join would repeat a note once per reader.
    named = CareNote.named_readers.through.objects.filter(carenote=OuterRef("pk"), user=viewer.pk)
    q = Q(readership=Readership.TEAM) | Q(author=viewer.pk)
    q |= Q(readership=Readership.NAMED) & Q(Exists(named))
    if facts.paid_giver:
        q |= Q(readership=Readership.GIVERS_AND_OWNER)
    return q


def readable_notes(viewer, team: Team) -> QuerySet[CareNote]:
    """The team's care notes ``viewer`` may read, filtered in the database, newest first.

    The list page, the note page, the API and attachment downloads all start here.
    """
    return CareNote.objects.filter(team=team).filter(readable_q(viewer, reader(viewer, team)))


def can_read(viewer, note: CareNote) -> bool:
    return readable_notes(viewer, note.team).filter(pk=note.pk).exists()


def _people(viewer) -> QuerySet:
    """People as the viewer may see them: each carries ``can_see_name``."""
    return annotate_visibility(User.objects.select_related("profile"), viewer, [Section.NAME])


def listed_notes(viewer, team: Team, search: str = "", topic: str = "") -> QuerySet[CareNote]:
    """Notes for the list: readable ones matching the search words and topic, each with a short
    ``excerpt`` (the full text stays in the database), an ``attachment_count`` and the names of
    the author and of the owner they wrote for, as the viewer may see them."""
    notes = readable_notes(viewer, team)
    for word in search.split()[:10]:
        notes = notes.filter(Q(title__icontains=word) | Q(body__icontains=word))
    if topic:
        notes = notes.filter(topic=topic)
    return (
        notes.annotate(
            excerpt=Substr("body", 1, EXCERPT + 1),
            # A withdrawn note's files are kept but no longer offered.
            attachment_count=Count("attachments", filter=Q(withdrawn_at__isnull=True)),
        )
        .defer("body")
        .prefetch_related(
            Prefetch("author", queryset=_people(viewer)),
            Prefetch("on_behalf_of", queryset=_people(viewer)),
        )
        .order_by("-created_at", "-pk")
    )


def note_for(viewer, team: Team, note_id: int) -> CareNote | None:
    """One readable note with everything its page shows: names as the viewer may see them, the
    people it is shared with, and its attachments (none once it is withdrawn)."""
    return (
        readable_notes(viewer, team)
        .filter(pk=note_id)
        .prefetch_related(
            Prefetch("author", queryset=_people(viewer)),
            Prefetch("on_behalf_of", queryset=_people(viewer)),
            Prefetch("named_readers", queryset=_people(viewer).order_by("profile__name", "pk")),
            Prefetch(
                "attachments",
                queryset=NoteAttachment.objects.filter(note__withdrawn_at__isnull=True).order_by(
                    "created_at", "pk"
                ),
            ),
        )
        .first()
    )


def nameable_people(viewer, team: Team) -> QuerySet:
    """Who a note can be shared with by name: the team's current members other than the viewer.
    The owner's side reads every note already, so the owner is not offered."""
    members = TeamMember.objects.current().filter(team=team).values("person")
    return (
        _people(viewer)
        .filter(pk__in=members)
        .exclude(pk__in=[viewer.pk, team.owner_id])
        .order_by("profile__name", "pk")
    )


def current_member_ids(team: Team, ids) -> set[int]:
    """Those of ``ids`` who are in the team now (its owner included)."""
    ids = set(ids)
    found = set(
        TeamMember.objects.current()
        .filter(team=team, person_id__in=ids)
        .values_list("person_id", flat=True)
    )
    if team.owner_id in ids:
        found.add(team.owner_id)
    return found
