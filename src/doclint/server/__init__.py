"""The HTTP service and browser page (``doclint serve``; needs ``pip install 'doclint[serve]'``).

``create_app`` builds the FastAPI application (one :class:`~doclint.linter.Linter`, built
once and shared by every request); ``serve`` runs it with uvicorn; ``running`` runs it in
a background thread (tests, load runs).
"""

from __future__ import annotations

from doclint.server.app import create_app, running, serve

__all__ = ["create_app", "running", "serve"]
