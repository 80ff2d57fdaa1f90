"""The Supportive Conversation and Trust Assessment: co-written, versioned, shared by choice.

Every save keeps the earlier versions and says who wrote it (and for whom, when a representative
writes for the owner). The owner, or someone acting for them with the profile scope, chooses the
audience; everyone else's reads are logged against the owner (``record_read``).
"""

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from coopcare.audit.services import record, record_read
from coopcare.errors import DomainError
from coopcare.starting.models import DocumentAudience, DocumentVersion, TeamDocument
from coopcare.starting.questions import MAX_ANSWER, missing_essentials, questions
from coopcare.starting.services.common import require
from coopcare.teams.models import Team
from coopcare.teams.selectors import on_behalf_of


def document_for(team: Team, kind: str) -> TeamDocument:
    """The team's document of this kind; an unsaved one (shared with the owner side only) if
    nothing has been written yet, so permission checks read the same either way."""
    if kind not in TeamDocument.Kind.values:
        raise DomainError(_("There is no such document."))
    found = TeamDocument.objects.filter(team=team, kind=kind).select_related("team").first()
    return found or TeamDocument(team=team, kind=kind)


def clean_answers(kind: str, answers: dict[str, Any]) -> dict[str, str]:
    """Only this template's questions, tidied; DomainError names the first essential missing."""
    clean: dict[str, str] = {}
    for question in questions(kind):
        value = str(answers.get(question.key) or "").strip()
        if len(value) > MAX_ANSWER:
            raise DomainError(
                _("Please keep each answer to %(n)d characters or fewer.") % {"n": MAX_ANSWER},
                field=question.key,
            )
        if value and question.kind == "date" and parse_date(value) is None:
            raise DomainError(_("Enter a date like 1946-04-12."), field=question.key)
        if value:
            clean[question.key] = value
    missing = missing_essentials(kind, clean)
    if missing:
        raise DomainError(
            _("“%(question)s” is essential: please answer it.") % {"question": missing[0].label},
            field=missing[0].key,
        )
    return clean


def latest_version(document: TeamDocument) -> DocumentVersion | None:
    if document.pk is None:
        return None
    return (
        document.versions.select_related("written_by__profile", "on_behalf_of__profile")
        .order_by("-number")
        .first()
    )


@transaction.atomic
def save_document_version(
    actor, team: Team, kind: str, answers: dict[str, Any], note: str = "", request=None
) -> DocumentVersion:
    """Save a new version. Nothing changed since the last version: refused, nothing saved."""
    document = document_for(team, kind)
    require(actor, "starting.write_document", document)
    clean = clean_answers(kind, answers)
    if document.pk is None:
        document, _created = TeamDocument.objects.get_or_create(team=team, kind=kind)
    document = TeamDocument.objects.select_for_update(of=("self",)).get(pk=document.pk)
    last = latest_version(document)
    if last is not None and last.answers == clean:
        raise DomainError(_("Nothing has changed since version %(n)d.") % {"n": last.number})
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    representation = on_behalf_of(actor, team)
    version = DocumentVersion.objects.create(
        document=document,
        number=number,
        answers=clean,
        written_by=actor,
        on_behalf_of=team.owner if representation is not None else None,
        note=note.strip()[:200],
    )
    record(
        f"starting.{kind}_saved",
        actor=actor,
        target=version,
        subject=team.owner,
        request=request,
        detail={
            "team": team.pk,
            "version": number,
            "on_behalf_of": team.owner_id if representation is not None else None,
        },
    )
    return version


@transaction.atomic
def set_document_audience(actor, document: TeamDocument, audience: str, request=None):
    """The owner side chooses who may read the document."""
    require(actor, "starting.share_document", document)
    if audience not in DocumentAudience.values:
        raise DomainError(_("Choose who may read it."), field="audience")
    if document.pk is None:
        document, _created = TeamDocument.objects.get_or_create(
            team=document.team, kind=document.kind
        )
    before = document.audience
    document.audience = audience
    document.audience_set_by = actor
    document.save(update_fields=["audience", "audience_set_by"])
    representation = on_behalf_of(actor, document.team)
    record(
        f"starting.{document.kind}_shared",
        actor=actor,
        target=document,
        subject=document.team.owner,
        request=request,
        changes={"audience": [before, audience]},
        detail={"on_behalf_of": document.team.owner_id if representation else None},
    )
    return document


def read_document(viewer, document: TeamDocument, version: DocumentVersion | None, request=None):
    """Log a read by anyone but the owner (callers have checked the viewer may read it)."""
    if version is None or viewer.pk == document.team.owner_id:
        return
    record_read(
        f"starting.{document.kind}_read",
        actor=viewer,
        target=version,
        subject=document.team.owner,
        request=request,
        detail={"team": document.team_id, "version": version.number},
    )
