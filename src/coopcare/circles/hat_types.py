"""The hat types of the model (DOMAIN.md, playbook §1.3), shipped as reference data."""

HAT_TYPES: list[tuple[str, str, str, str]] = [
    # (slug, name, scope, description)
    ("rota-holder", "Rota Holder", "team", "Keeps the rota up to date and the shifts filled."),
    (
        "profile-holder",
        "Profile Holder",
        "team",
        "Keeps the Getting Support Profile and Trust Assessment accurate.",
    ),
    ("mar-holder", "MAR Holder", "team", "Keeps the medication records (MAR chart)."),
    (
        "team-chat-admin",
        "Team Chat Admin",
        "team",
        "Looks after the team's online space, pins key information, invites members.",
    ),
    (
        "check-in-facilitator",
        "Check-in Facilitator",
        "team",
        "Runs the team's regular reflective check-ins.",
    ),
    (
        "safeguarding-lead",
        "Safeguarding Lead",
        "team",
        "The go-to person for concerns and safeguarding questions.",
    ),
    ("giving-support", "Giving support", "team", "Gives support in the team."),
    ("getting-support", "Getting support", "team", "Gets support from the team and leads it."),
    (
        "leader",
        "Leader",
        "process",
        "Direction, co-ordination and liaison with the rest of the co-op; never also the Delegate.",
    ),
    (
        "facilitator",
        "Facilitator",
        "process",
        "Runs meetings and rounds, guides consent decisions.",
    ),
    ("secretary", "Secretary", "process", "Minutes, action items and accessible records."),
    (
        "delegate",
        "Delegate",
        "process",
        "Represents the circle in the next broader circle; never also the Leader.",
    ),
    (
        "logbook-keeper",
        "Logbook Keeper",
        "process",
        "Keeps the logbook: agreements, domains, hats with terms and review dates, minutes.",
    ),
    (
        "team-starter",
        "Team Starter",
        "operational",
        "Welcomes enquirers, runs the Supportive Conversation, starts teams and steps back.",
    ),
    (
        "coach",
        "Coach",
        "operational",
        "Helps people and teams self-manage safely; may be the CQC Registered Manager.",
    ),
    (
        "recruiter",
        "Recruiter",
        "operational",
        "Takes worker applicants from first contact to onboarding. Not a supervisor.",
    ),
    (
        "peer-supervisor",
        "Peer Supervisor",
        "operational",
        "Checks in regularly with the people who chose them; not a manager.",
    ),
    (
        "learning-lead",
        "Learning Lead",
        "operational",
        "Arranges learning, checks it works, grows teachers from every member class.",
    ),
    (
        "care-commons-organiser",
        "Care Commons Organiser",
        "operational",
        "Builds the local commons: volunteers, partnerships, community events.",
    ),
    (
        "admissions",
        "Admissions",
        "operational",
        "Admits or declines membership applications on behalf of the Purpose Circle.",
    ),
]
