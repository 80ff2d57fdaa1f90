"""The words of the seeded co-op: circles' aims and domains, and applicants' answers.

Written in the plain English a real co-op's logbook would use (DOMAIN.md, playbook §1.3).
"""

import random

# key: (name, kind, parent key, aim, domain)
CIRCLES: dict[str, tuple[str, str, str | None, str, str]] = {
    "purpose": (
        "Purpose Circle",
        "purpose",
        None,
        "Keep the co-op true to its purpose: care owned and run by the people who give and "
        "receive it.",
        "The co-op's strategy, policies and budget; admitting members; anything no other "
        "circle decides.",
    ),
    "places": (
        "West Yorkshire Places Circle",
        "places",
        "purpose",
        "Grow co-operative care across West Yorkshire and keep its local circles well.",
        "Opening and closing local circles in West Yorkshire; sharing recruiting, coaching and "
        "learning between them.",
    ),
    "calder": (
        "Calder Valley Circle",
        "local",
        "places",
        "Start, support and end teams in the Calder Valley, so that people get support they "
        "choose from people they know.",
        "Teams in Hebden Bridge, Todmorden and the valley; local recruiting, learning and peer "
        "supervision; the local care commons.",
    ),
    "leeds": (
        "Leeds Circle",
        "local",
        "places",
        "Start, support and end teams in Leeds, so that people get support they choose from "
        "people they know.",
        "Teams in Leeds; local recruiting, learning and peer supervision; the local care commons.",
    ),
    "helping": (
        "Winter Cover Helping Circle",
        "helping",
        "places",
        "Make sure every team has cover for its booked support through the winter.",
        "Finding and sharing cover between teams in West Yorkshire until the spring.",
    ),
}

LOCAL_AIM = (
    "Start, support and end teams in and around {place}, so that people get support they choose "
    "from people they know."
)
LOCAL_DOMAIN = "Teams in {place}; local recruiting, learning and peer supervision."
PLACES_AIM = "Grow co-operative care across {region} and keep its local circles well."
PLACES_DOMAIN = "Opening and closing local circles in {region}; sharing what they learn."

ANSWERS: dict[str, list[str]] = {
    "why_member": [
        "I want a say in how my support is organised, not just to receive it.",
        "I have worked for agencies for years and want to work somewhere I have a vote.",
        "My mum is supported by the co-op and I want to help it grow.",
    ],
    "vision_matters": [
        "People choosing each other, and the person supported leading their own team.",
        "That care workers and the people they support are equals.",
        "Decisions made by consent by the people who are affected by them.",
    ],
    "concern_to_change": [
        "Rushed fifteen-minute visits by someone different every day.",
        "Nobody listening to what the person getting support actually wants.",
    ],
    "contribution_over_time": [
        "I would like to become a peer supervisor once I have more experience.",
        "I can help with the care commons: I know lots of local groups.",
    ],
}


def answers_for(rng: random.Random, keys: list[str]) -> dict[str, str]:
    return {key: rng.choice(ANSWERS[key]) for key in keys}
