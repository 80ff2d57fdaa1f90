"""The Getting Support Promise (playbook §3.7), as data.

A signature stores the version and the sections exactly as they read when signed, so a later
change to this text never changes what someone agreed to. To publish a new version, add it to
``VERSIONS`` and point ``CURRENT`` at it; older signatures keep their own copy.
"""

from django.utils.translation import gettext_lazy as _

VERSIONS: dict[str, list[tuple[str, str]]] = {
    "2025-1": [
        (
            _("Mutual respect and behaviour"),
            _(
                "We are truthful about who we are, our situation and our circumstances. Nobody "
                "discriminates against team owners, workers, employees, volunteers or team members."
            ),
        ),
        (
            _("Consent and team leadership"),
            _(
                "The person getting support leads their team. People join only when both sides "
                "agree, and either side may say no at any point without giving a reason."
            ),
        ),
        (
            _("Records and data sharing"),
            _(
                "Notes and records are kept on the platform and shared only with the people the "
                "person getting support chooses, under the co-op's data policy."
            ),
        ),
        (
            _("Care co-ordination through the platform"),
            _(
                "All care co-ordination — notes, rotas, communication and payment — goes through "
                "the platform, so the team and the co-op can see that support is safe."
            ),
        ),
        (
            _("Regulated care"),
            _(
                "Personal care and help with medicines follow the co-op's regulated-care "
                "requirements (CQC): a face-to-face visit first, trained and assessed workers, and "
                "medicines recorded on a MAR chart."
            ),
        ),
        (
            _("Financial contribution"),
            _(
                "The cost of support is paid as agreed, whether it is self-funded, funded by the "
                "council or the NHS, a direct payment, or a mix. Independent workers set their own "
                "rates; booking times are agreed with the worker."
            ),
        ),
        (
            _("Policies that go with this Promise"),
            _(
                "The problem-solving policy, the whistleblowing policy, the data policy, and the "
                "Sharing Stuff form for raising a concern when you are unsure whom to tell."
            ),
        ),
    ],
}
CURRENT = "2025-1"


def sections(version: str = CURRENT) -> list[dict[str, str]]:
    """The sections of a version as stored on a signature: headings and text, as plain strings."""
    return [{"heading": str(h), "text": str(t)} for h, t in VERSIONS[version]]
