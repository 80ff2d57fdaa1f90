"""The JSON API. Each app contributes a router; all of them call the same services as pages."""

from ninja import NinjaAPI

api = NinjaAPI(title="coopcare API", version="1", urls_namespace="api")
