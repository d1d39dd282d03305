"""A misconfigured KYANH_CMS setting fails at startup with a message saying what to fix."""

from kyanh_cms.checks import check_kyanh_cms_settings


def ids(errors):
    return [error.id for error in errors]


def test_no_setting_at_all_is_fine(settings):
    if hasattr(settings, "KYANH_CMS"):
        del settings.KYANH_CMS
    assert check_kyanh_cms_settings(None) == []


def test_unknown_key_is_named_with_the_known_ones(settings):
    settings.KYANH_CMS = {"BASE_TEMPLAT": "base.html"}
    (error,) = check_kyanh_cms_settings(None)
    assert error.id == "kyanh_cms.E002"
    assert "BASE_TEMPLAT" in error.msg
    assert "BASE_TEMPLATE" in error.hint


def test_wrong_type_and_missing_template_are_reported(settings):
    settings.KYANH_CMS = {"BASE_TEMPLATE": 42}
    assert ids(check_kyanh_cms_settings(None)) == ["kyanh_cms.E003"]
    settings.KYANH_CMS = {"BASE_TEMPLATE": "no/such/layout.html"}
    (error,) = check_kyanh_cms_settings(None)
    assert error.id == "kyanh_cms.E004"
    assert "no/such/layout.html" in error.msg


def test_not_a_dict(settings):
    settings.KYANH_CMS = ["BASE_TEMPLATE"]
    assert ids(check_kyanh_cms_settings(None)) == ["kyanh_cms.E001"]
