"""Reading a PDF vergaderstuk in the browser's own viewer, so that preparing a meeting does not
mean downloading it.

Same permission as the download (``governance.view_documents`` on the document), same audit
line but of kind ``document_viewed``. Only PDFs: any other type is a Dutch 404 (the page offers
the download for those).

Headers: ``Content-Disposition: inline``, the type detected on upload, ``nosniff``,
``Cache-Control: private, no-store``. The site forbids all framing (``X-Frame-Options: DENY``,
``frame-ancestors 'none'``, ``object-src 'none'``); for this response alone they become
same-origin (``SAMEORIGIN``, ``frame-ancestors 'self'``, ``object-src 'self'``), because a
browser's built-in PDF viewer may show the opened PDF in a frame or plugin of its own below the
top-level tab. Other sites still cannot frame or embed it: framing is same-origin only, and
``Cross-Origin-Resource-Policy: same-origin`` stops an ``<embed>`` or ``<object>`` on another
site from loading it with the user's cookies.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _

from governance.selectors.notes import PDF_TYPE
from governance.views.base import RegionView
from governance.views.meetings import DocumentMixin, record_download, serve_document

INLINE_CSP = {
    "frame-ancestors": ["'self'"],
    "object-src": ["'self'"],
}


class DocumentReadView(DocumentMixin, RegionView):
    permission = "governance.view_documents"

    def get(self, request, *args, **kwargs):
        doc = self.document
        if not doc.file:
            raise Http404(_("Dit bestand is niet meer beschikbaar."))
        if doc.content_type != PDF_TYPE:
            raise Http404(_("Alleen PDF-stukken zijn in de browser te lezen; download dit stuk."))
        response = serve_document(
            name=doc.file.name, title=doc.title, content_type=PDF_TYPE, inline=True
        )
        response["X-Frame-Options"] = "SAMEORIGIN"
        response["Cross-Origin-Resource-Policy"] = "same-origin"
        response._csp_replace = INLINE_CSP
        record_download(request, self.region, doc.title, self.meeting, kind="document_viewed")
        return response


R = "regio/<slug:region>/"

urlpatterns = [
    path(R + "stukken/<int:obj>/lezen/", DocumentReadView.as_view(), name="document_read"),
]
