"""Every request calculates with the tables entered so far, also those entered by another process."""

from bistand.normtables import registry


class SyncTablesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        registry.sync()
        return self.get_response(request)
