"""Cache-Control: no-store on every response that is not a static file.

Case pages, decision letters (PDF), statistics exports and API answers carry personal data. Without
this header a browser or a proxy may keep a copy on disk, where the next user of a shared computer
could find it through the back button or the cache. WhiteNoise answers static files before this
middleware is reached, so they keep their long cache lifetime.
"""

from django.conf import settings
from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(settings.STATIC_URL):
            add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private, max-age=0
        return response
