"""Fetch a token with permission: someone else's token does not exist, as far as you can tell."""

from django.http import Http404

from coopcare.api.models import PersonalAccessToken


def get_token_for(user, token_id: int) -> PersonalAccessToken:
    if not user.is_authenticated:
        raise Http404
    token = PersonalAccessToken.objects.filter(pk=token_id, person_id=user.pk).first()
    if token is None:
        raise Http404
    return token
