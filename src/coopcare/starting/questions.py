"""The questions of the Supportive Conversation (§3.3) and the Trust Assessment (§3.4).

Kept as data so the form, the page, the API and the checks of what is missing all read the same
list. Questions marked essential must be answered before a version can be saved; the rest are
prompts for a conversation, not a form to fill in.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from coopcare.starting.models import TeamDocument

Kind = TeamDocument.Kind
MAX_ANSWER = 5000


@dataclass(frozen=True)
class Question:
    key: str
    label: str
    essential: bool = False
    kind: str = "text"  # "text" or "date"
    help: str = ""


@dataclass(frozen=True)
class Part:
    title: str
    questions: tuple[Question, ...]


SUPPORTIVE_CONVERSATION: tuple[Part, ...] = (
    Part(
        _("About you"),
        (
            Question("about_yourself", _("Tell me about yourself."), essential=True),
            Question("date_of_birth", _("Date of birth"), essential=True, kind="date"),
            Question("lived_here", _("How long have you lived here? Have you always been local?")),
            Question("faith_culture", _("Faith or cultural traditions that matter to you")),
            Question(
                "big_things",
                _("Big things in your life (work, hobbies, projects, travel)"),
            ),
            Question("support_network", _("Your support network: family, friends, neighbours")),
            Question(
                "previous_care", _("Support or care you have had before, and what it was like")
            ),
            Question("why_meeting", _("Why we are meeting today")),
        ),
    ),
    Part(
        _("What you enjoy"),
        (
            Question("enjoy_now", _("What do you enjoy now?")),
            Question("places", _("Places you like: town, cafés, walks, holidays")),
            Question("keep_going", _("Could support help you keep these going? How?")),
            Question(
                "outings_expenses",
                _("Would support involve going out, and are you happy to cover expenses?"),
                help=_("For example travel or a coffee."),
            ),
        ),
    ),
    Part(
        _("Health, conditions and support"),
        (
            Question(
                "conditions",
                _("Do you live with any health conditions or disabilities?"),
                essential=True,
                help=_("What they are, how they affect daily life, good days and bad days."),
            ),
            Question("equipment", _("Equipment or aids you use (like a walking frame or hoist)")),
            Question("occupational_therapist", _("Have you seen an occupational therapist?")),
            Question(
                "medication",
                _("Do you take any medication?"),
                essential=True,
                help=_("Do you need help with it? Where is it kept?"),
            ),
            Question(
                "professionals", _("Services and professionals involved (GP, CPN, support groups)")
            ),
            Question(
                "documents",
                _("Are there any documents we should know about?"),
                essential=True,
                help=_("For example a DNR, a power of attorney, a hospital passport."),
            ),
        ),
    ),
)

TRUST_ASSESSMENT: tuple[Part, ...] = (
    Part(
        _("Summary"),
        (
            Question(
                "who",
                _("Who you are: your name, your age, and a line in your own words"),
                essential=True,
            ),
            Question("visit", _("Date and time of the visit, and who was present")),
            Question("support_sought", _("The support you are looking for"), essential=True),
            Question("home", _("Your home: type of housing, stairs, where it is")),
        ),
    ),
    Part(
        _("Medication"),
        (
            Question(
                "medication",
                _("Do you take any medication, and will people from the co-op support it?"),
                essential=True,
            ),
            Question("time_sensitive", _("Time-sensitive medicines or side effects to know about")),
            Question("kept_where", _("Where medicines are kept")),
            Question("medication_safety", _("Any safety concerns in how medicines are used now")),
            Question(
                "other_substances",
                _("Non-prescribed substances relevant to the MAR chart (like CBD)"),
            ),
        ),
    ),
    Part(
        _("Movement and mobility"),
        (
            Question("mobility_aids", _("Mobility aids you use"), essential=True),
            Question("adaptations", _("Adaptations at home (grab rails, ramps)")),
            Question("mobility_ot", _("Recent occupational therapist involvement")),
            Question("trip_hazards", _("Trip hazards")),
            Question("condition_changes", _("Is your condition stable, or does it vary?")),
        ),
    ),
    Part(
        _("Getting out and about"),
        (
            Question(
                "goes_out",
                _("Do you go out regularly, or would you like to?"),
                essential=True,
            ),
            Question(
                "safe_outings", _("What support makes going out safe (a car, a walking companion)")
            ),
            Question("higher_risk_outings", _("Outings with more risk (like heavy shopping)")),
        ),
    ),
    Part(
        _("Boundaries"),
        (
            Question(
                "boundaries",
                _("What boundaries matter to you and to the people supporting you?"),
                essential=True,
                help=_("For example personal space, time, contact outside visits."),
            ),
            Question("boundary_crossed", _("What should happen if a boundary is crossed?")),
        ),
    ),
)

PARTS: dict[str, tuple[Part, ...]] = {
    Kind.SUPPORTIVE_CONVERSATION: SUPPORTIVE_CONVERSATION,
    Kind.TRUST_ASSESSMENT: TRUST_ASSESSMENT,
}

# URL slugs for the two kinds.
SLUGS: dict[str, str] = {
    "supportive-conversation": Kind.SUPPORTIVE_CONVERSATION,
    "trust-assessment": Kind.TRUST_ASSESSMENT,
}
SLUG_OF: dict[str, str] = {kind: slug for slug, kind in SLUGS.items()}


def questions(kind: str) -> list[Question]:
    return [q for part in PARTS[kind] for q in part.questions]


def essential_keys(kind: str) -> list[str]:
    return [q.key for q in questions(kind) if q.essential]


def missing_essentials(kind: str, answers: dict[str, str]) -> list[Question]:
    return [q for q in questions(kind) if q.essential and not str(answers.get(q.key, "")).strip()]


def answered_parts(kind: str, answers: dict[str, str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(part title, [(question, answer)]) for the parts with answers, in the template's order."""
    result = []
    for part in PARTS[kind]:
        rows = [(str(q.label), answers[q.key]) for q in part.questions if answers.get(q.key)]
        if rows:
            result.append((str(part.title), rows))
    return result
