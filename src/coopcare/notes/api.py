"""API endpoints for care notes."""

from ninja import Router

router = Router()
