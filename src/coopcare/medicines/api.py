"""API endpoints for the medicines record (MAR)."""

from ninja import Router

router = Router()
