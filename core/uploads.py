"""A ceiling on every uploaded file, applied while the request body is read.

The views check each upload's size and type themselves (vergaderstukken at most 20 MB, region
files at most 5 MB), but only after Django has read the file. This handler stops reading a
file once it passes ``UPLOAD_MAX_BYTES`` — the largest upload any form accepts — so an
oversized or endless upload never fills the disk. The rest of the body is read and
discarded; the view finds ``request.upload_too_large`` set and says so next to the field.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload


class SizeLimitedUploadHandler(FileUploadHandler):
    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.UPLOAD_MAX_BYTES:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None
