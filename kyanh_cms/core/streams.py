"""StreamField block lists put together from every wing's blocks.

An article's body offers the showcase figures and task lists; showcase pages
and the task-plan index use the same body. Were a page model to import those
blocks, the news wing would depend on the showcase and task wings and they
on it. Instead a model names a composition —
``StreamField(Composition("article_body"))`` — and ``kyanh_cms.blocks``, the
one module that knows every wing's blocks, fills it in (``compose``) when
``kyanh_cms.models`` has loaded all models. Wagtail reads the list the first
time it needs the field's block (system checks, forms, rendering,
migrations), never while the model class is built.
"""

from django.core.exceptions import ImproperlyConfigured

_COMPOSITIONS: dict[str, list] = {}


class Composition:
    """The ``(name, block)`` list registered under ``name``, read when first iterated."""

    def __init__(self, name):
        self.name = name

    def __iter__(self):
        try:
            return iter(_COMPOSITIONS[self.name])
        except KeyError:
            raise ImproperlyConfigured(
                f"No blocks are registered for the stream composition {self.name!r}: "
                "kyanh_cms.blocks registers them when kyanh_cms.models is imported."
            ) from None

    def __repr__(self):
        return f"Composition({self.name!r})"


def compose(name, blocks):
    """Register the ``(name, block)`` list that ``Composition(name)`` stands for."""
    _COMPOSITIONS[name] = list(blocks)
