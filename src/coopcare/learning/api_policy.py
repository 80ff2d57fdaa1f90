"""The learning API: the policy part. Same access helpers and services as the pages."""

from ninja import Router

router = Router()
