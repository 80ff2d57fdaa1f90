import datetime as dt

import time_machine
from django.utils import timezone

from tests.conftest import client_for


def test_it_signs_a_person_out_after_30_minutes_without_activity(alice):
    client = client_for(alice)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        assert client.get("/members/profile/").status_code == 200
        traveller.shift(dt.timedelta(minutes=29))
        assert client.get("/members/profile/").status_code == 200  # activity renews it
        traveller.shift(dt.timedelta(minutes=31))
        response = client.get("/members/profile/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
