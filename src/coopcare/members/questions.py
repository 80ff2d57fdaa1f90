"""What the co-op asks of someone applying to be a member, as data (playbook §1.1 and §2.4).

The questions, the plain-English guidance on each member class and the Members' Commitment live
here, not in templates, so the form, the service that validates answers, the page that shows them
to admitters and the API all use the same words. Answers are stored by question ``key``; a key
is never reused for a different question, so old answers keep their meaning.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from coopcare.members.models import MemberClass

# Longest answer accepted: room for a considered paragraph or two, not an essay.
MAX_ANSWER_LENGTH = 3000


@dataclass(frozen=True)
class Question:
    key: str
    text: Promise


WHY_MEMBER = Question("why_member", _("Why do you want to be a member of the co-op?"))
VISION_MATTERS = Question(
    "vision_matters", _("What is it about the co-op's vision that matters to you most?")
)
CONCERN_TO_CHANGE = Question(
    "concern_to_change",
    _(
        "Please tell us about a particular concern or issue about care and support work that "
        "you would like to see change, and see the co-op doing."
    ),
)
CONTRIBUTION_OVER_TIME = Question(
    "contribution_over_time",
    _("How do you see your contribution to the co-op growing or changing over time?"),
)

QUESTIONS: dict[str, Question] = {
    q.key: q for q in (WHY_MEMBER, VISION_MATTERS, CONCERN_TO_CHANGE, CONTRIBUTION_OVER_TIME)
}

# Playbook §2.4 gives Supported and Advocate members three questions and Workers the first two
# plus one about their contribution. It names none for Investors; they answer the first two.
CLASS_QUESTIONS: dict[str, tuple[Question, ...]] = {
    MemberClass.SUPPORTED: (WHY_MEMBER, VISION_MATTERS, CONCERN_TO_CHANGE),
    MemberClass.ADVOCATE: (WHY_MEMBER, VISION_MATTERS, CONCERN_TO_CHANGE),
    MemberClass.WORKER: (WHY_MEMBER, VISION_MATTERS, CONTRIBUTION_OVER_TIME),
    MemberClass.INVESTOR: (WHY_MEMBER, VISION_MATTERS),
}


@dataclass(frozen=True)
class ClassGuidance:
    """What a member class is for, and who may apply for it, in plain English."""

    member_class: str
    summary: Promise
    eligibility: Promise
    ends_when: Promise


CLASS_GUIDANCE: dict[str, ClassGuidance] = {
    MemberClass.SUPPORTED: ClassGuidance(
        MemberClass.SUPPORTED,
        _("For people who get regular support through the co-op, paid or unpaid."),
        _(
            "You can apply once you have had regular support for 2 months. Regular means at "
            "least 2 hours a week, not counting any trial period."
        ),
        _("Your membership ends when your support stops."),
    ),
    MemberClass.ADVOCATE: ClassGuidance(
        MemberClass.ADVOCATE,
        _(
            "For a relative or friend of someone the co-op supports, when that person cannot "
            "be a member themselves."
        ),
        _(
            "Not for you if the person you support is, or could be, a Supported member. "
            "Someone whose ability to decide changes from time to time can be a member and "
            "choose a proxy instead."
        ),
        _("Your membership ends when their support ends."),
    ),
    MemberClass.WORKER: ClassGuidance(
        MemberClass.WORKER,
        _(
            "For anyone who works through the co-op: employed, independent (self-employed) or "
            "as a volunteer. Volunteers have the same vote as paid workers."
        ),
        _(
            "You can apply once you have finished the probation in your contract or agreement, "
            "meet its conditions, and have no unresolved concerns about your conduct."
        ),
        _("Your membership ends when you stop working through the co-op."),
    ),
    MemberClass.INVESTOR: ClassGuidance(
        MemberClass.INVESTOR,
        _("For people who have bought shares in one of the co-op's community share offers."),
        _(
            "You can apply once you hold shares. All investor members together hold at most "
            "10% of the vote on any resolution."
        ),
        _("Your membership ends if you withdraw your whole investment."),
    ),
}

# The Members' Commitment every member agrees to (playbook §1.1).
COMMITMENT: tuple[Promise, ...] = (
    _("The wider vision of the co-op matters to me."),
    _("I will learn about co-operative principles and about the co-op's work."),
    _("I will take part as far as I can."),
)
COMMITMENT_ALSO = _(
    "Members are also asked to come to general meetings and to keep the co-op's business "
    "decisions confidential."
)


def questions_for(member_class: str) -> tuple[Question, ...]:
    return CLASS_QUESTIONS.get(member_class, ())


def answered(member_class: str, answers: dict[str, str]) -> list[tuple[str, str]]:
    """(question text, answer) pairs for display, in the order the class asks them.

    PostgreSQL's jsonb does not keep key order, so the order comes from the class's questions;
    answers to questions no longer asked follow, under their key, so nothing given is hidden.
    """
    keys = [q.key for q in questions_for(member_class) if q.key in answers]
    keys += [key for key in answers if key not in keys]
    return [(str(QUESTIONS[key].text) if key in QUESTIONS else key, answers[key]) for key in keys]
