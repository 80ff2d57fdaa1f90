"""Triggered requirements: a team marks a topic its person supported needs its givers to know.

The owner (or someone acting for them with the ``manage_profile`` scope) or the team's Profile
Holder marks the need, e.g. dementia awareness once the profile says so. From then on the topic
is required of the team's givers (``requirements.applies`` reads the current needs), and each of
them is told; they are told again when the need ends. Needs are ended, never deleted.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coopcare.audit.services import record as audit
from coopcare.errors import DomainError, NotAllowed
from coopcare.learning.models import TeamNeed, Topic
from coopcare.learning.requirements import applies, circle_facts, current_topics, policy_for
from coopcare.notifications.services import notify
from coopcare.teams.models import MemberKind, Team, TeamMember

MAX_NOTE = 300
KIND = "learning.new_requirement"


def check_may_mark(actor, team: Team) -> None:
    if actor is None or not actor.has_perm("learning.mark_team_need", team):
        raise NotAllowed(
            _(
                "Only the person supported, someone acting for them with their profile, or the "
                "team's Profile Holder marks what the team needs to learn."
            )
        )


def offered_topics(team: Team) -> list[Topic]:
    """Topics of the local circle's policy a team may mark: those meant to be triggered first."""
    topics = current_topics(policy_for(team.local_circle))
    return sorted(topics, key=lambda t: (not t.triggered, t.order, t.name))


def current_need(team: Team, slug: str) -> TeamNeed | None:
    return TeamNeed.objects.filter(team=team, topic_slug=slug, ended_at__isnull=True).first()


def _givers(team: Team) -> dict[int, object]:
    members = (
        TeamMember.objects.current()
        .filter(team=team)
        .exclude(kind=MemberKind.OWNER)
        .select_related("person")
    )
    return {m.person_id: m.person for m in members if m.person.is_active}


def _required_of(team: Team, topic: Topic, giver_ids) -> set[int]:
    facts = circle_facts(team.local_circle, giver_ids)
    return {pid for pid in giver_ids if applies(topic, facts[pid])}


@transaction.atomic
def mark_need(actor, team: Team, topic_slug: str, note: str = "", request=None) -> TeamNeed:
    """Mark that ``team``'s givers need ``topic_slug`` (a topic of the local circle's policy)."""
    check_may_mark(actor, team)
    slug = (topic_slug or "").strip()
    topic = next((t for t in current_topics(policy_for(team.local_circle)) if t.slug == slug), None)
    if topic is None:
        raise DomainError(
            _("Choose a topic of the circle's learning policy."),
            field="topic",
        )
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise DomainError(_("Keep the note to 300 characters."), field="note")
    held = current_need(team, slug)
    if held is not None:
        raise DomainError(_already(topic, held), field="topic")
    try:
        with transaction.atomic():
            need = TeamNeed.objects.create(team=team, topic_slug=slug, note=note, marked_by=actor)
    except IntegrityError as error:  # someone marked it at the same moment
        raise DomainError(
            _("%(topic)s is already marked as needed in this team.") % {"topic": topic.name},
            field="topic",
        ) from error
    givers = _givers(team)
    told = _required_of(team, topic, list(givers))
    url = reverse("learning:team_needs", args=[team.pk])
    for pid in sorted(told):
        notify(
            givers[pid],
            KIND,
            _("%(topic)s is now required for your work with %(team)s")
            % {"topic": topic.name, "team": team.name},
            _(
                "The person you support needs the people giving support to know this. Look for a "
                "session on the Learning page, or record learning you have already done."
            ),
            url,
        )
    audit(
        "learning.team_need_marked",
        actor=actor,
        target=need,
        subject=team.owner,
        request=request,
        detail={"team": team.pk, "topic": slug, "givers_told": len(told)},
    )
    return need


def _already(topic: Topic, held: TeamNeed) -> str:
    return _("%(topic)s is already marked as needed in this team, since %(day)s.") % {
        "topic": topic.name,
        "day": date_format(timezone.localtime(held.marked_at), "j F Y"),
    }


@transaction.atomic
def end_need(actor, need: TeamNeed, request=None) -> TeamNeed:
    """The team no longer needs the topic: it stops being required of the givers because of
    this team (it may still be required for other reasons, and they are told so)."""
    team = need.team
    check_may_mark(actor, team)
    need = TeamNeed.objects.select_for_update(of=("self",)).get(pk=need.pk)
    need.team = team
    if need.ended_at is not None:
        raise DomainError(_("This need has already ended."))
    # A retired topic is required of nobody, so nobody is told it stops being.
    topic = Topic.objects.filter(
        policy__circle=team.local_circle, slug=need.topic_slug, retired_at__isnull=True
    ).first()
    givers = _givers(team)
    before = _required_of(team, topic, list(givers)) if topic is not None else set()
    need.ended_at = timezone.now()
    need.ended_by = actor
    need.save(update_fields=["ended_at", "ended_by"])
    after = _required_of(team, topic, list(givers)) if topic is not None else set()
    name = topic.name if topic is not None else need.topic_slug
    url = reverse("learning:team_needs", args=[team.pk])
    for pid in sorted(before):
        body = (
            _("It is still one of your requirements for other reasons.")
            if pid in after
            else _("It is no longer one of your requirements.")
        )
        notify(
            givers[pid],
            KIND,
            _("%(topic)s is no longer needed for your work with %(team)s")
            % {"topic": name, "team": team.name},
            body,
            url,
        )
    audit(
        "learning.team_need_ended",
        actor=actor,
        target=need,
        subject=team.owner,
        request=request,
        detail={"team": team.pk, "topic": need.topic_slug, "givers_told": len(before)},
    )
    return need
