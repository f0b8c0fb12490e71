"""The project's script fonts in the Wagtail admin too: translators read and type Lao, Khmer
and Chinese there, on machines that often have no font for them."""

from django.templatetags.static import static
from django.utils.html import format_html_join
from wagtail import hooks

from locales import registry

ADMIN_STYLESHEETS = (*registry.FONT_STYLESHEETS, "locales/css/admin-fonts.css")


@hooks.register("insert_global_admin_css")
def script_fonts() -> str:
    return format_html_join(
        "\n", '<link rel="stylesheet" href="{}">', ((static(path),) for path in ADMIN_STYLESHEETS)
    )
