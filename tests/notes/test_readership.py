"""Who reads which care note: the readership matrix, through the selector, the note page and
the API alike.

Wren (an independent worker) writes every note here. Columns: the owner, the representative,
Emma (a paid giver who is not the author), Fay (family), Vic (a volunteer), Nia (named in the
named note), Lee (a paid worker named too, who then leaves), the Team Starter, the Coach and
Otto (a worker outside the team).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coopcare.notes.models import CareNote, Readership
from coopcare.notes.selectors import can_read, readable_notes
from tests.conftest import client_for
from tests.notes.conftest import leave, note

PEOPLE = [
    "owner",
    "representative",
    "employed",
    "family",
    "volunteer",
    "named",
    "leaver",
    "team_starter",
    "coach",
    "outsider",
]
EVERYONE_IN_THE_TEAM = {"owner", "representative", "employed", "family", "volunteer", "named"}
OWNER_SIDE_AND_PAID = {"owner", "representative", "employed"}
OWNER_SIDE_AND_NAMED = {"owner", "representative", "named"}

CASES = {
    # case: (topic, readership asked for, readership kept, who reads besides the author)
    "general, the usual": ("general", None, Readership.TEAM, EVERYONE_IN_THE_TEAM),
    "general, for the whole team": ("general", "team", Readership.TEAM, EVERYONE_IN_THE_TEAM),
    "general, givers only": ("general", "givers", Readership.GIVERS_AND_OWNER, OWNER_SIDE_AND_PAID),
    "general, named people": ("general", "named", Readership.NAMED, OWNER_SIDE_AND_NAMED),
    "health, the usual": ("health", None, Readership.GIVERS_AND_OWNER, OWNER_SIDE_AND_PAID),
    "safeguarding, the usual": (
        "safeguarding",
        "",
        Readership.GIVERS_AND_OWNER,
        OWNER_SIDE_AND_PAID,
    ),
    "health, widened to the team": ("health", "team", Readership.TEAM, EVERYONE_IN_THE_TEAM),
    "safeguarding, named people": ("safeguarding", "named", Readership.NAMED, OWNER_SIDE_AND_NAMED),
}


@pytest.fixture
def people(
    team,
    owner,
    representative,
    worker,
    employed,
    family,
    volunteer,
    named,
    leaver,
    team_starter,
    coach,
    outsider,
):
    return {
        "owner": owner,
        "representative": representative,
        "employed": employed,
        "family": family,
        "volunteer": volunteer,
        "named": named,
        "leaver": leaver,
        "team_starter": team_starter,
        "coach": coach,
        "outsider": outsider,
    }


def _written(case, team, worker, people) -> CareNote:
    topic, asked, _kept, _readers = CASES[case]
    names = [people["named"], people["leaver"]] if asked == "named" else []
    written = note(worker, team, topic=topic, readership=asked, named_readers=names)
    # Lee was in the team (and named) when the note was written; he has left since.
    leave(team, people["leaver"])
    return written


@pytest.mark.parametrize("case", list(CASES))
def test_each_readership_reaches_exactly_its_readers(case, team, worker, people):
    written = _written(case, team, worker, people)
    assert written.readership == CASES[case][2]
    readers = {name for name, person in people.items() if can_read(person, written)}
    assert readers == CASES[case][3]
    assert can_read(worker, written), "the author always reads their note"


@pytest.mark.parametrize("case", list(CASES))
def test_the_note_page_answers_404_to_everyone_else(case, team, worker, people):
    written = _written(case, team, worker, people)
    url = reverse("notes:detail", args=[team.pk, written.pk])
    got = {name: client_for(person).get(url).status_code for name, person in people.items()}
    want = {name: 200 if name in CASES[case][3] else 404 for name in people}
    assert got == want


@pytest.mark.parametrize("case", ["general, givers only", "health, widened to the team"])
def test_the_api_answers_the_same(case, team, worker, people, as_token):
    written = _written(case, team, worker, people)
    url = f"/api/teams/{team.pk}/notes/{written.pk}"
    got = {name: as_token(person).get(url).status_code for name, person in people.items()}
    want = {name: 200 if name in CASES[case][3] else 404 for name in people}
    assert got == want


def test_the_notebook_is_closed_to_the_circle_and_to_outsiders(team, people):
    url = reverse("notes:list", args=[team.pk])
    for name in ["team_starter", "coach", "outsider"]:
        assert client_for(people[name]).get(url).status_code == 404, name
    for name in EVERYONE_IN_THE_TEAM:
        assert client_for(people[name]).get(url).status_code == 200, name


def test_a_volunteer_author_reads_their_own_sensitive_note_but_other_volunteers_do_not(
    team, volunteer, named
):
    written = note(volunteer, team, topic="health", title="Chest", body="A cough today.")
    assert written.readership == Readership.GIVERS_AND_OWNER
    assert can_read(volunteer, written)
    assert not can_read(named, written)


def test_a_reader_who_leaves_stops_seeing_every_note_including_their_own(team, worker, family):
    mine = note(family, team, title="Mine")
    shared = note(worker, team, readership="named", named_readers=[family])
    assert set(readable_notes(family, team)) == {mine, shared}
    leave(team, family)
    assert not readable_notes(family, team).exists()
    assert client_for(family).get(reverse("notes:list", args=[team.pk])).status_code == 404


def test_a_representative_stops_reading_when_their_time_ends(team, worker, representative):
    from django.utils import timezone

    from coopcare.teams.models import Representative

    written = note(worker, team, topic="health")
    assert can_read(representative, written)
    Representative.objects.filter(team=team, person=representative).update(ended_at=timezone.now())
    assert not can_read(representative, written)


def test_a_paid_giver_who_becomes_a_volunteer_stops_reading_sensitive_notes(team, worker, employed):
    from coopcare.teams.models import TeamMember

    written = note(worker, team, topic="safeguarding")
    assert can_read(employed, written)
    TeamMember.objects.filter(team=team, person=employed).update(kind="volunteer")
    assert not can_read(employed, written)


def test_the_query_count_of_the_readable_notes_does_not_grow_with_notes(team, worker, named):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            list(readable_notes(named, team))
        return len(ctx)

    for i in range(2):
        note(worker, team, title=f"N{i}", readership="named", named_readers=[named])
    small = count()
    for i in range(18):
        note(worker, team, title=f"M{i}", topic="health" if i % 2 else "general")
    assert count() == small
