"""Pydantic models of request bodies, query strings and responses (for validation and
the OpenAPI document), one module per area; this module gathers them so handlers write
``s.CVOut``: ``schemas_base`` (``Strict``, limits, the error envelope), ``schemas_accounts``,
``schemas_cvs`` (CVs, versions, rendering and stats queries, uploads and jobs) and
``schemas_sharing`` (shares, search, profiles), ``schemas_editor`` (drafts, diffs). Request models reject unknown keys."""
from __future__ import annotations

from htdy.core.http.api.schemas_accounts import *  # noqa: F403
from htdy.core.http.api.schemas_base import MAX_INT32, ErrorDetail, ErrorOut, Strict  # noqa: F401
from htdy.core.http.api.schemas_cvs import *  # noqa: F403
from htdy.core.http.api.schemas_editor import *  # noqa: F403
from htdy.core.http.api.schemas_sharing import *  # noqa: F403
from htdy.core.services.cvs import CVChanges, CVCreate  # noqa: F401  (re-exported for the docs)
from htdy.core.services.shares import ShareCreate  # noqa: F401
