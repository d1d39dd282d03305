"""Text that visitors type into addresses and forms, freed of control characters.

A NUL byte (``%00`` in an address) is refused by PostgreSQL in any text
parameter (``DataError``), ends a string early in SQLite's C code, and other
control characters (bell, escape, form feed…) have no business in a search
word, a tag or a name: they come from broken clients or from someone probing
the portal. No visitor can see them, so they are removed quietly rather than
refused — the request goes on with the text the visitor meant.

``clean_params(request.GET)`` is the one door every public view passes its
query string through (search, the category listing's tag and archive
filters, the showcase and task-plan filter forms): a copy of the parameters,
each value without control characters. Forms that take longer text use
``ControlCharacterFreeFormMixin`` (tab and line breaks kept there).
"""

import re

from django.http import QueryDict

# Every C0 control character and DEL: nothing of a one-line parameter needs them.
_LINE_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
# In text areas tab and line feed are text; a carriage return comes with line feeds.
_TEXT_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def without_control_characters(value: str, multiline: bool = False) -> str:
    """``"Kỳ\\x00 Anh"`` → ``"Kỳ Anh"``; with ``multiline``, tabs and ``\\n`` stay
    (``\\r\\n`` becomes ``\\n``)."""
    if multiline:
        return _TEXT_CONTROL_CHARACTERS.sub("", value.replace("\r\n", "\n"))
    return _LINE_CONTROL_CHARACTERS.sub("", value)


def clean_params(params: QueryDict) -> QueryDict:
    """A copy of ``params`` (``request.GET``) whose values hold no control characters.

    Returned as it came when there is nothing to remove (the common case costs
    one scan of the query string and no copy).
    """
    if not any(
        _LINE_CONTROL_CHARACTERS.search(value) for values in params.lists() for value in values[1]
    ):
        return params
    cleaned = QueryDict(mutable=True)
    for key, values in params.lists():
        cleaned.setlist(
            without_control_characters(key),
            [without_control_characters(value) for value in values],
        )
    cleaned._mutable = False
    return cleaned


class ControlCharacterFreeFormMixin:
    """For a Django form: control characters are removed from every text value before
    the fields see it, so a NUL never reaches the database and a pasted escape code
    never reaches an export. Text areas keep their tabs and line breaks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            return
        from django import forms

        data = self.data.copy()
        for name, field in self.fields.items():
            key = self.add_prefix(name)
            if not isinstance(field, forms.CharField) or key not in data:
                continue
            multiline = isinstance(field.widget, forms.Textarea)
            values = data.getlist(key) if hasattr(data, "getlist") else [data[key]]
            values = [
                without_control_characters(value, multiline) if isinstance(value, str) else value
                for value in values
            ]
            if hasattr(data, "setlist"):
                data.setlist(key, values)
            else:
                data[key] = values[0]
        self.data = data
