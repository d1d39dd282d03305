"""Complete Vietnamese translations for the Wagtail admin and its companion apps.

Add ``"kyanh_cms.wagtail_vi"`` to ``INSTALLED_APPS`` *before* the ``wagtail.*``
apps (and ``taggit`` / ``captcha``): Django merges the translation catalogues of
installed apps so that the app listed first wins for a given message. See
docs/wagtail_vi.md.
"""
