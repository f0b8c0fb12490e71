# ruff: noqa: E501 (each msgid is one literal, exactly as the package writes it)
"""wagtailmedia's own strings (the audio and video library: its menu item, dashboard summary,
listing, upload, edit, delete and usage screens, chooser, permissions and messages), which it
ships no Vietnamese, Lao or Khmer for and only part of the Chinese. The project's catalogues come
first, so these entries there also replace the package's incomplete Chinese ones. Listed here
so ``makemessages`` keeps them, as ``locales/admin_strings.py`` does for Wagtail's."""

from django.utils.translation import gettext_noop, ngettext_lazy

MEDIA_STRINGS = (
    gettext_noop("Add"),
    gettext_noop("Add/edit media you own"),
    gettext_noop("Edit any media"),
    gettext_noop("Audio file"),
    gettext_noop("Video file"),
    gettext_noop("duration"),
    gettext_noop("Duration in seconds"),
    gettext_noop("width"),
    gettext_noop("height"),
    gettext_noop("thumbnail"),
    gettext_noop("created at"),
    gettext_noop("uploaded by user"),
    gettext_noop("media"),
    gettext_noop("media items"),
    gettext_noop("Upload Audio"),
    gettext_noop("Upload Video"),
    gettext_noop("Popular tags"),
    gettext_noop("Latest media"),
    gettext_noop('Sorry, no media files match "<em>%(query_string)s</em>"'),
    gettext_noop(
        'You haven\'t uploaded any media in this collection. Why not <a href="%(wagtailmedia_add_url)s">upload one now</a>?'
    ),
    gettext_noop(
        'You haven\'t uploaded any media. Why not <a href="%(wagtailmedia_add_url)s">upload one now</a>?'
    ),
    gettext_noop("Change media file:"),
    gettext_noop("Add audio"),
    gettext_noop("Add video"),
    gettext_noop("Add audio or video"),
    gettext_noop("Delete %(title)s"),
    gettext_noop("Delete media file"),
    gettext_noop("Are you sure you want to delete this media file?"),
    gettext_noop("Yes, delete"),
    gettext_noop("No, don't delete"),
    gettext_noop("Editing %(title)s"),
    gettext_noop("Editing"),
    gettext_noop("Filesize"),
    gettext_noop("File not found"),
    gettext_noop("Media"),
    gettext_noop("Popular Tags:"),
    gettext_noop("Clear"),
    gettext_noop("Uploaded"),
    gettext_noop(
        'You haven\'t uploaded any media files in this collection. You can upload <a href="%(wagtailmedia_add_audio_url)s">audio</a> or <a href="%(wagtailmedia_add_video_url)s">video</a> files.'
    ),
    gettext_noop(
        'You haven\'t uploaded any media files. You can upload <a href="%(wagtailmedia_add_audio_url)s">audio</a> or <a href="%(wagtailmedia_add_video_url)s">video</a> files.'
    ),
    gettext_noop("Usage of %(title)s"),
    gettext_noop("Usage of"),
    gettext_noop("Media permissions"),
    gettext_noop("Add a media permission"),
    gettext_noop("Your browser does not support the audio element."),
    gettext_noop("Your browser does not support the video element."),
    gettext_noop("Choose audio"),
    gettext_noop("Choose video"),
    gettext_noop("Choose a media item"),
    gettext_noop("Search media files"),
    gettext_noop("Search media"),
    gettext_noop("Media file '{0}' added."),
    gettext_noop("The media file could not be saved due to errors."),
    gettext_noop("Media file '{0}' updated"),
    gettext_noop("The media could not be saved due to errors."),
    gettext_noop("The file could not be found. Please change the source or delete the media file"),
    gettext_noop("Media file '{0}' deleted."),
    gettext_noop("(Private %s)"),
    gettext_noop("Edit this %s"),
    gettext_noop("Choose another media item"),
    gettext_noop("Edit this media item"),
    gettext_noop("Choose another audio item"),
    gettext_noop("Edit this audio item"),
    gettext_noop("Choose another video"),
    gettext_noop("Edit this video"),
)

MEDIA_PLURALS = (
    ngettext_lazy(
        "\n            There is one match\n        ",
        "\n            There are %(counter)s matches\n        ",
    ),
    ngettext_lazy(
        '<span>%(total)s</span> Media file <span class="visuallyhidden w-sr-only">created in %(site_name)s</span>',
        '<span>%(total)s</span> Media files <span class="visuallyhidden w-sr-only">created in %(site_name)s</span>',
    ),
    ngettext_lazy("Used %(usage_count)s time", "Used %(usage_count)s times"),
    ngettext_lazy("There is %(counter)s match", "There are %(counter)s matches"),
    ngettext_lazy("%(count)s media file", "%(count)s media files"),
)
