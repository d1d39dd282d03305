"""Benchmark-only middleware: how many SQL queries a request ran, as a response header.

Only ``kyanh_example.settings.bench`` installs it (as the outermost
middleware, so it counts the queries of every other middleware too). The
benchmark reads ``X-Kyanh-Queries`` from one warm request per URL, and
``X-Kyanh-Worker`` (the process id) to know that the worker that answered
it had answered before, its per-process caches filled.
"""

import os

from django.db import connections

QUERY_COUNT_HEADER = "X-Kyanh-Queries"
WORKER_HEADER = "X-Kyanh-Worker"


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counted = [0]

        def count(execute, sql, params, many, context):
            counted[0] += 1
            return execute(sql, params, many, context)

        wrappers = [connection.execute_wrapper(count) for connection in connections.all()]
        for wrapper in wrappers:
            wrapper.__enter__()
        try:
            response = self.get_response(request)
        finally:
            for wrapper in reversed(wrappers):
                wrapper.__exit__(None, None, None)
        response[QUERY_COUNT_HEADER] = str(counted[0])
        response[WORKER_HEADER] = str(os.getpid())
        return response
