"""API endpoints for logs."""

from ninja import Router

router = Router()
