"""StreamField blocks of a procedure record: ordered steps, dossier components with their
downloadable forms, and the legal basis. Every text a reader sees is a block field, so
wagtail-localize extracts it as a translatable segment; forms (Wagtail documents) are shared
by every edition."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, label=_("Step"))
    detail = blocks.TextBlock(required=False, label=_("Detail"))

    class Meta:
        icon = "list-ol"
        label = _("Step")


class DossierItemBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=300, label=_("Document"))
    copies = blocks.IntegerBlock(min_value=1, max_value=20, default=1, label=_("Copies"))
    note = blocks.TextBlock(required=False, label=_("Note"))
    form = DocumentChooserBlock(
        required=False, label=_("Form"), help_text=_("The blank form readers download and fill in")
    )

    class Meta:
        icon = "doc-full"
        label = _("Dossier component")


class LegalBasisBlock(blocks.StructBlock):
    """A legal document the procedure rests on: a record of the legal documents database
    (shown in the reader's edition), or a citation with an optional link for one that the
    database does not hold."""

    document = blocks.PageChooserBlock(
        page_type="legal.LegalDocumentPage", required=False, label=_("Legal document")
    )
    citation = blocks.CharBlock(
        required=False,
        max_length=300,
        label=_("Citation"),
        help_text=_("Number, symbol and title, e.g. Decree 152/2020/NĐ-CP on foreign workers"),
    )
    url = blocks.URLBlock(required=False, label=_("Link to the full text"))

    class Meta:
        icon = "link"
        label = _("Legal document")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("document") and not value.get("citation", "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "citation": ValidationError(
                        _("Choose a document from the legal documents database or cite one.")
                    )
                }
            )
        return value
