"""The web review application (`extractor serve`): a FastAPI app over the archive.

`app.create_app(config)` builds it; `accounts.py` holds users, sessions and the audit trail,
`auth.py` the log-in, session cookies, CSRF and HTTP Basic for the JSON API, `jobs.py` the upload
jobs and the background worker pool that runs `pipeline.process`, `api.py` the JSON routes,
`pages.py` the HTML pages (templates/ and static/ are package data). FastAPI and uvicorn are
imported only here, so the CLI starts as fast without them.
"""
