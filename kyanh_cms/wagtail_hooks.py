from wagtail.contrib.settings.registry import register_setting

from .models import PortalSettings

register_setting(PortalSettings, icon="site")
