"""Who is asking: the client's address, read only from a trusted proxy hop.

Rate limits and moderation notes use the client address. Behind reverse
proxies the TCP peer (``REMOTE_ADDR``) is the nearest proxy, and the client
is recorded in ``X-Forwarded-For`` — a header anyone can also send. Each
proxy appends the address it received the request from, so with N trusted
proxies the client is the N-th entry from the right; anything left of it was
written by the client and is ignored. ``KYANH_CMS["TRUSTED_PROXY_HOPS"]``
says how many proxies there are (0: no proxy, the header is ignored).
"""

import ipaddress
import logging
from functools import lru_cache

from kyanh_cms.core.conf import get_setting


@lru_cache(maxsize=4096)  # the same addresses come back request after request
def _valid_address(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


logger = logging.getLogger("kyanh_cms.visitors")
_warned = {"untrusted_proxy": False}


def client_ip(request) -> str | None:
    """The client's IP address as a normalised string, or None if it cannot be known."""
    remote = _valid_address(request.META.get("REMOTE_ADDR"))
    hops = get_setting("TRUSTED_PROXY_HOPS")
    if hops <= 0:
        if request.META.get("HTTP_X_FORWARDED_FOR") and not _warned["untrusted_proxy"]:
            # Once per process: a forwarded request with no trusted hop is the sign of a
            # proxy the settings do not know (or of a client sending the header itself).
            _warned["untrusted_proxy"] = True
            logger.warning(
                "A request came with X-Forwarded-For but KYANH_CMS['TRUSTED_PROXY_HOPS'] is 0: "
                "if a reverse proxy forwards the requests, set it to the number of proxies "
                '(docs/production.md, "nginx in front"); the header is ignored meanwhile.'
            )
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < hops:
        # The request did not pass through all the proxies we were told about.
        return remote
    return _valid_address(forwarded[-hops])


def _network(address: str) -> str:
    parsed = ipaddress.ip_address(address)
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    # One household or phone gets a whole /64 and picks addresses in it at will:
    # counting per address would give it 2**64 buckets.
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))


def client_network(request) -> str | None:
    """Whom a per-visitor limit counts: the IPv4 address, or the IPv6 address's /64."""
    address = client_ip(request)
    return _network(address) if address else None
