"""Which part of the page tree an admin user works in (their *commune scope*).

On a provincial installation each commune's editors and moderators are kept to their
commune: the admin hooks of the provincial wing and the moderation queue of reader
comments filter by this scope.
"""

from django.db.models import Q
from wagtail.models import GroupPagePermission, GroupSitePermission, Site


def commune_scope(user):
    """Tree paths of the subtrees ``user`` is kept to, or ``None`` when unrestricted.

    Memoised on the user object, which lives as long as the request.
    """
    if hasattr(user, "_kyanh_commune_scope"):
        return user._kyanh_commune_scope
    scope = None
    if user.is_authenticated and user.is_active and not user.is_superuser:
        paths = set(
            GroupPagePermission.objects.filter(group__user=user).values_list(
                "page__path", flat=True
            )
        )
        paths.update(
            GroupSitePermission.objects.filter(group__user=user).values_list(
                "site__root_page__path", flat=True
            )
        )
        # The topmost paths only: a subtree inside another adds nothing.
        tops = sorted(path for path in paths if not any(path.startswith(o) for o in paths - {path}))
        site_roots = Site.objects.values_list("root_page__path", flat=True)
        covers_every_site = all(any(root.startswith(top) for top in tops) for root in site_roots)
        if tops and not covers_every_site:
            scope = tops
    user._kyanh_commune_scope = scope
    return scope


def in_scope(paths, field="path"):
    """Rows whose page (``field``: the tree path) lies inside the subtrees at ``paths``."""
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition
