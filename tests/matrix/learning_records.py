"""Permission-matrix rows for learning records, qualifications and registrations
(``coopcare.learning`` records part: pages and API).

Everything belongs to alice (``member``). Her learning's audience is her default, "only me": bob
in her circle, carol, the applicant and the superuser do not know it exists (404). Alice is no
Coach, so she may not check her own registration (403) nor sign off her own observed competence
(403 through the API). "My learning" is open to everyone signed in. tests/learning/ checks the
Coach, the Learning Lead, another circle's Coach and privacy choices.
"""

import atexit
import shutil
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from tests.test_permission_matrix import S

SIGNED_IN = S(302, 200, 200, 200, 200, 200)
MINE = S(302, 404, 200, 404, 404, 404)
MINE_NOT_FOR_ME = S(302, 404, 403, 404, 404, 404)
API_SIGNED_IN = S(401, 200, 200, 200, 200, 200)
API_MINE = S(401, 404, 200, 404, 404, 404)
# The matrix posts a form body where JSON is expected: refused as unreadable (400) before
# anything is looked up. tests/learning/test_records_api.py sends real JSON.
API_UNREADABLE = S(401, 400, 400, 400, 400, 400)

PAGE_ROWS = {
    "learning:home": ("GET", None, SIGNED_IN),
    # Alice's own page sends her to "My learning".
    "learning:person": ("GET", "lr_person", S(302, 404, 302, 404, 404, 404)),
    "learning:record_new": ("GET", "lr_person", MINE),
    "learning:record": ("GET", "lr_record", MINE),
    "learning:record_withdraw": ("GET", "lr_record", MINE),
    # She sees the page (it tells her nobody signs off their own competence).
    "learning:record_sign_off": ("GET", "lr_waiting", MINE),
    "learning:record_evidence": ("GET", "lr_record", MINE),
    "learning:record_evidence_add": ("GET", "lr_waiting", MINE),
    "learning:qualification_new": ("GET", "lr_person", MINE),
    "learning:qualification_withdraw": ("GET", "lr_qualification", MINE),
    "learning:registration_new": ("GET", "lr_person", MINE),
    "learning:registration_check": ("GET", "lr_registration", MINE_NOT_FOR_ME),
    "learning:registration_withdraw": ("GET", "lr_registration", MINE),
}

API_ROWS = {
    "api:learning_my_requirements": ("GET", None, API_SIGNED_IN),
    "api:learning_my_sign_offs": ("GET", None, API_SIGNED_IN),
    "api:learning_person": ("GET", "api_lr_person", API_MINE),
    "api:learning_person_records": ("GET", "api_lr_person", API_MINE),
    "api:learning_record": ("GET", "api_lr_record", API_MINE),
    "api:learning_record_evidence": ("GET", "api_lr_record", API_MINE),
    "api:learning_record_create": ("POST", "api_lr_person", API_UNREADABLE),
    # Let in, but a request with no file is refused (400) for alice; 404 for everyone else.
    "api:learning_record_evidence_add": ("POST", "api_lr_waiting", S(401, 404, 400, 404, 404, 404)),
    "api:learning_record_sign_off": ("POST", "api_lr_waiting", S(401, 404, 403, 404, 404, 404)),
    "api:learning_record_withdraw": ("POST", "api_lr_record", API_UNREADABLE),
    "api:learning_qualification_create": ("POST", "api_lr_person", API_UNREADABLE),
    "api:learning_registration_create": ("POST", "api_lr_person", API_UNREADABLE),
    "api:learning_registration_check": ("POST", "api_lr_registration", API_UNREADABLE),
    # Last: alice really withdraws them.
    "api:learning_qualification_withdraw": ("POST", "api_lr_qualification", API_MINE),
    "api:learning_registration_withdraw": ("POST", "api_lr_registration", API_MINE),
}

ROWS = {**PAGE_ROWS, **API_ROWS}

_media: list[str] = []


def _private_media() -> None:
    """The evidence row needs a real file: keep it in a folder of its own, removed when the test
    process ends."""
    if not _media:
        _media.append(tempfile.mkdtemp(prefix="coopcare-matrix-learning-"))
        atexit.register(shutil.rmtree, _media[0], True)
        override_settings(MEDIA_ROOT=_media[0]).enable()


def objects(world) -> dict[str, dict]:
    from django.utils import timezone

    from coopcare.learning.models import Method
    from coopcare.learning.services.credentials import add_qualification, add_registration
    from coopcare.learning.services.records import create_record, record_learning, topic_for

    _private_media()
    alice = world["persona"]["member"]
    today = timezone.localdate()
    record = record_learning(
        alice,
        alice,
        topic=topic_for(alice, "fire-safety"),
        completed_on=today,
        method=Method.E_LEARNING,
        evidence=SimpleUploadedFile("certificate.pdf", b"%PDF-1.7\n%%EOF\n"),
    )
    waiting = create_record(
        alice,
        alice,
        topic=topic_for(alice, "medicines-competence"),
        completed_on=today,
        method=Method.OBSERVED,
    )
    qualification = add_qualification(alice, alice, title="Diploma", achieved_on=today)
    registration = add_registration(
        alice, alice, body="nmc", number="12A3456E", expires_on=today.replace(year=today.year + 1)
    )
    return {
        "lr_person": {"person_id": alice.pk},
        "lr_record": {"record_id": record.pk},
        "lr_waiting": {"record_id": waiting.pk},
        "lr_qualification": {"qualification_id": qualification.pk},
        "lr_registration": {"registration_id": registration.pk},
        "api_lr_person": {"person_id": alice.pk},
        "api_lr_record": {"record_id": record.pk},
        "api_lr_waiting": {"record_id": waiting.pk},
        "api_lr_qualification": {"qualification_id": qualification.pk},
        "api_lr_registration": {"registration_id": registration.pk},
    }
