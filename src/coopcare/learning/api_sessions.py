"""The learning API: the sessions part. Same access helpers and services as the pages."""

from ninja import Router

router = Router()
