"""The co-op's default learning policy, which every circle starts from (playbook §6.2; peers §4).

Each entry is the fields of a ``learning.models.Topic``. Slugs are stable: records are kept by
slug, so renaming a topic keeps everyone's learning. A circle changes its copy through the
policy page; nothing here is a constant the code relies on, except that gating uses whatever
topics name a kind of support.

* Yearly and three-yearly minimums for paid care and support workers (the law's minimum:
  Care Act 2014, Health and Social Care Act 2008, CQC Regulation 18).
* Medicines support: the yearly training, plus competence assessed by direct observation before
  first doing it and reviewed every year. Both name the ``medicines`` kind, so they gate
  appointments that include help with medicines and nothing else.
* Helping people to move names ``personal_care``.
* The 16 Care Certificate standards (since March 2025), once, for new care workers.
* The Oliver McGowan programme: Tier 1 for everyone giving support, Tier 2 for workers giving
  personal care (by role, as the draft Code of Practice asks).
* Triggered topics: required only once a team marks the need (positive behaviour support,
  condition awareness).
* Safer recruitment for Recruiters; role training for circle hats.
"""

YEARLY = "yearly"
THREE_YEARLY = "three_yearly"
ONCE = "once"

WORKERS = ["independent_worker", "employed_worker"]
PAID_AND_PEER = ["independent_worker", "employed_worker", "peer_supporter"]
EVERYONE_GIVING = [
    "independent_worker",
    "employed_worker",
    "peer_supporter",
    "volunteer",
    "family_friend",
]


def _topic(slug, name, group, interval, *, description="", member_kinds=(), hats=(),
           support_kinds=(), triggered=False, observed=False, custom_months=None):  # fmt: skip
    return {
        "slug": slug,
        "name": name,
        "group": group,
        "interval": interval,
        "custom_months": custom_months,
        "description": description,
        "member_kinds": list(member_kinds),
        "hats": list(hats),
        "support_kinds": list(support_kinds),
        "triggered": triggered,
        "observed": observed,
    }


YEARLY_TOPICS = [
    _topic(
        "moving-people",
        "Helping people to move",
        "Every year",
        YEARLY,
        description="Moving and handling people safely, with the equipment the person uses.",
        member_kinds=WORKERS,
        support_kinds=["personal_care"],
    ),
    _topic(
        "medicines-support",
        "Helping people to take medicines",
        "Every year",
        YEARLY,
        description="Knowledge and skills for supporting someone with their medicines.",
        member_kinds=WORKERS,
        support_kinds=["medicines"],
    ),
    _topic(
        "medicines-competence",
        "Medicines support: competence observed",
        "Every year",
        YEARLY,
        description=(
            "Assessed competent by direct observation before first giving medicines support, "
            "and reviewed every year."
        ),
        member_kinds=WORKERS,
        support_kinds=["medicines"],
        observed=True,
    ),
    _topic("moving-stuff", "Moving stuff", "Every year", YEARLY, member_kinds=WORKERS),
    _topic("basic-life-support", "Basic life support", "Every year", YEARLY, member_kinds=WORKERS),
    _topic("fire-safety", "Fire safety", "Every year", YEARLY, member_kinds=WORKERS),
    _topic(
        "safeguarding-adults",
        "Safeguarding adults",
        "Every year",
        YEARLY,
        member_kinds=[*PAID_AND_PEER, "volunteer"],
    ),
    _topic(
        "safeguarding-children",
        "Safeguarding children",
        "Every year",
        YEARLY,
        member_kinds=[*PAID_AND_PEER, "volunteer"],
    ),
]

THREE_YEARLY_TOPICS = [
    _topic(slug, name, "Every three years", THREE_YEARLY, member_kinds=WORKERS)
    for slug, name in [
        ("first-aid", "First aid"),
        ("communication", "Communication"),
        ("dignity", "Dignity"),
        ("equality-diversity", "Equality and diversity"),
        ("food-hygiene", "Food hygiene"),
        ("health-safety-wellbeing", "Health, safety and wellbeing awareness"),
        ("infection-prevention", "Infection prevention and control"),
        ("mental-capacity", "Mental capacity and liberty safeguards"),
        ("nutrition-hydration", "Nutrition and hydration"),
        ("oral-health", "Oral health"),
        ("relationship-centred-care", "Relationship-centred care"),
        ("recording-reporting", "Recording and reporting"),
    ]
]

TRIGGERED_TOPICS = [
    _topic(
        "positive-behaviour-support",
        "Positive behaviour support and non-restrictive practice",
        "When the person supported needs it",
        YEARLY,
        description="Required when behaviour others find challenging is part of someone's life.",
        member_kinds=[*PAID_AND_PEER, "volunteer"],
        triggered=True,
    ),
    *[
        _topic(
            f"awareness-{slug}",
            f"{name} awareness",
            "When the person supported needs it",
            THREE_YEARLY,
            member_kinds=[*PAID_AND_PEER, "volunteer"],
            triggered=True,
        )
        for slug, name in [
            ("dementia", "Dementia"),
            ("autism", "Autism"),
            ("learning-disability", "Learning disability"),
            ("ptsd", "PTSD"),
            ("mental-health", "Mental health"),
            ("stroke", "Stroke"),
            ("parkinsons", "Parkinson’s"),
            ("epilepsy", "Epilepsy"),
            ("diabetes", "Diabetes"),
            ("end-of-life", "End of life care"),
        ]
    ],
]

CARE_CERTIFICATE_TOPICS = [
    _topic(
        f"care-certificate-{number:02d}",
        f"Care Certificate {number}: {name}",
        "Care Certificate",
        ONCE,
        description="One of the 16 Care Certificate standards: an induction, done once.",
        member_kinds=WORKERS,
    )
    for number, name in enumerate(
        [
            "Understand your role",
            "Your personal development",
            "Duty of care",
            "Equality, diversity, inclusion and human rights",
            "Work in a person-centred way",
            "Communication",
            "Privacy and dignity",
            "Fluids and nutrition",
            "Awareness of mental health, dementia and learning disability",
            "Safeguarding adults",
            "Safeguarding children",
            "Basic life support",
            "Health and safety",
            "Handling information",
            "Infection prevention and control",
            "Awareness of learning disability and autism",
        ],
        start=1,
    )
]

OLIVER_MCGOWAN_TOPICS = [
    _topic(
        "oliver-mcgowan-tier-1",
        "Oliver McGowan training, Tier 1",
        "Oliver McGowan",
        THREE_YEARLY,
        description="Learning disability and autism awareness for everyone giving support.",
        member_kinds=EVERYONE_GIVING,
    ),
    _topic(
        "oliver-mcgowan-tier-2",
        "Oliver McGowan training, Tier 2",
        "Oliver McGowan",
        THREE_YEARLY,
        description="For workers who give personal care and may support autistic people or "
        "people with a learning disability.",
        member_kinds=WORKERS,
        support_kinds=["personal_care"],
    ),
]

ROLE_TOPICS = [
    _topic(
        "safer-recruitment",
        "Safer recruitment",
        "Roles",
        THREE_YEARLY,
        description="For everyone who recruits workers or volunteers.",
        hats=["recruiter"],
    ),
    *[
        _topic(
            f"role-{slug}",
            f"Role training: {name}",
            "Roles",
            ONCE,
            description=f"What the {name} hat is for and how to wear it well.",
            hats=[slug],
        )
        for slug, name in [
            ("team-starter", "Team Starter"),
            ("coach", "Coach"),
            ("learning-lead", "Learning Lead"),
            ("recruiter", "Recruiter"),
            ("peer-supervisor", "Peer Supervisor"),
            ("facilitator", "Facilitator"),
            ("leader", "Leader"),
            ("delegate", "Delegate"),
            ("secretary", "Secretary"),
            ("logbook-keeper", "Logbook Keeper"),
        ]
    ],
]

DEFAULT_TOPICS = [
    *YEARLY_TOPICS,
    *THREE_YEARLY_TOPICS,
    *CARE_CERTIFICATE_TOPICS,
    *OLIVER_MCGOWAN_TOPICS,
    *TRIGGERED_TOPICS,
    *ROLE_TOPICS,
]

# The pathway from volunteering to paid work (learning policy: volunteers and peer supporters
# can move into paid work). Each stage lists what a person needs before moving on from it.
DEFAULT_PATHWAYS = [
    {
        "slug": "volunteer-to-paid-work",
        "name": "From volunteer to paid independent worker",
        "description": "Gift time as a volunteer, support peers, then give paid support.",
        "stages": [
            {
                "name": "Volunteer",
                "description": "Gifting time: companionship, practical help, out and about.",
                "steps": [
                    "Complete the welcome route with your buddy",
                    "Safeguarding adults and children",
                    "Oliver McGowan Tier 1",
                ],
                "topic_slugs": [
                    "safeguarding-adults",
                    "safeguarding-children",
                    "oliver-mcgowan-tier-1",
                ],
            },
            {
                "name": "Peer supporter",
                "description": "Supporting others with lived experience; learning alongside "
                "workers.",
                "steps": [
                    "Choose a peer supervisor and check in",
                    "Communication, dignity, relationship-centred care",
                    "Shadow an experienced worker",
                ],
                "topic_slugs": ["communication", "dignity", "relationship-centred-care"],
            },
            {
                "name": "Paid independent worker",
                "description": "Giving paid support as a self-employed member of teams.",
                "steps": [
                    "The Care Certificate standards",
                    "The yearly minimums: moving people, basic life support, fire safety",
                    "Apply to join as a worker member",
                ],
                "topic_slugs": ["moving-people", "basic-life-support", "fire-safety"],
            },
        ],
    }
]
