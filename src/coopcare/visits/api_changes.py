"""API endpoints for changes."""

from ninja import Router

router = Router()
